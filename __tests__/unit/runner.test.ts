// The runner protocol the action speaks (in place of @actions/core): command escaping, output
// heredocs, the summary file, and the exit code.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  appendSummary,
  commandLine,
  escapeData,
  group,
  isDebug,
  outputBlock,
  setFailed,
  setOutput,
  setSecret,
} from '../../src/runner.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  vi.restoreAllMocks()
})

function captured(): { lines: () => string[] } {
  const chunks: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk))
    return true
  })
  return { lines: () => chunks.join('').split(os.EOL).slice(0, -1) }
}

describe('workflow commands', () => {
  it.each([
    ['100%', '100%25'],
    ['a\nb', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab'],
    ['::set-output name=x::y', '::set-output name=x::y'],
  ])('escapes %j as %j', (input, output) => {
    expect(escapeData(input)).toBe(output)
  })

  it('a multi-line warning stays one command line', () => {
    expect(commandLine('warning', 'first\nsecond')).toBe('::warning::first%0Asecond')
  })

  it('group wraps the work in ::group:: and ::endgroup::, also when it throws', async () => {
    const out = captured()
    await expect(
      group('Scan', async () => {
        process.stdout.write(`inside${os.EOL}`)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(out.lines()).toEqual(['::group::Scan', 'inside', '::endgroup::'])
  })

  it('setSecret masks a value and ignores an empty one', () => {
    const out = captured()
    setSecret('')
    setSecret('s3cr3t')
    expect(out.lines()).toEqual(['::add-mask::s3cr3t'])
  })

  it('setFailed writes an error annotation and sets exit code 1', () => {
    const out = captured()
    setFailed('it broke\nhere')
    expect(out.lines()).toEqual(['::error::it broke%0Ahere'])
    expect(process.exitCode).toBe(1)
  })

  it('isDebug follows RUNNER_DEBUG=1 only', () => {
    delete process.env.RUNNER_DEBUG
    expect(isDebug()).toBe(false)
    process.env.RUNNER_DEBUG = '0'
    expect(isDebug()).toBe(false)
    process.env.RUNNER_DEBUG = '1'
    expect(isDebug()).toBe(true)
  })
})

describe('outputs and the summary', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-runner-'))

  it('setOutput appends a heredoc per output to GITHUB_OUTPUT, multi-line values intact', () => {
    const file = path.join(dir, 'output')
    process.env.GITHUB_OUTPUT = file
    setOutput('url', 'https://d.example/')
    setOutput('signed-urls', '{\n"a": 1\n}')
    const text = fs.readFileSync(file, 'utf8')
    const blocks = [...text.matchAll(/^([\w-]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2\n/gm)]
    expect(blocks.map((b) => [b[1], b[3]])).toEqual([
      ['url', 'https://d.example/'],
      ['signed-urls', '{\n"a": 1\n}'],
    ])
    expect(blocks[0]![2]).not.toBe(blocks[1]![2])
  })

  it('a value holding its delimiter is refused', () => {
    expect(() => outputBlock('x', 'a\nD\nb', 'D')).toThrow(/delimiter/)
  })

  it('without GITHUB_OUTPUT the value is printed as a set-output command', () => {
    delete process.env.GITHUB_OUTPUT
    const out = captured()
    setOutput('prefix', 'pr-1')
    expect(out.lines()).toEqual(['::set-output name=prefix::pr-1'])
  })

  it('appendSummary appends Markdown, and says when there is no summary file', () => {
    const file = path.join(dir, 'summary')
    process.env.GITHUB_STEP_SUMMARY = file
    appendSummary('# one\n')
    appendSummary('two\n')
    expect(fs.readFileSync(file, 'utf8')).toBe('# one\ntwo\n')
    delete process.env.GITHUB_STEP_SUMMARY
    expect(() => appendSummary('x')).toThrow(/GITHUB_STEP_SUMMARY is not set/)
  })
})
