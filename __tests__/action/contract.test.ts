// action.yml is the contract with workflows: every input the code reads is declared there (and only
// those), every output the code sets is declared, and the runtime is node24 with the bundle.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../helpers/action.js'

const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
/** Every source file of src/ in one string: where an input is read or an output set may move. */
const source = fs
  .readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => fs.readFileSync(path.join(repoRoot, 'src', name), 'utf8'))
  .join('\n')

function namesIn(source: string, pattern: RegExp): string[] {
  return [...new Set([...source.matchAll(pattern)].map((m) => m[1]!))].sort()
}

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs the code reads, each with a description', () => {
    const read = namesIn(
      source,
      /(?:getInput|parseBoolean|parseInteger|parseGlobs|parseRules|parseDuration)\(\s*(?:c,\s*)?env,\s*'([a-z-]+)'/g,
    )
    expect(read.length).toBeGreaterThan(20)
    expect(Object.keys(action.inputs).sort()).toEqual(read)
    for (const [name, input] of Object.entries(action.inputs))
      expect(input.description, name).toMatch(/\S/)
  })

  it('declares exactly the outputs the code sets', () => {
    const set = namesIn(source, /core\.setOutput\(\s*'([a-z-]+)'/g)
    expect(Object.keys(action.outputs).sort()).toEqual(set)
  })

  it('marks bucket required (source too, except for mode: remove), and the defaults match the code', () => {
    expect(action.inputs.source?.description).toMatch(/Required, except with mode: remove/)
    expect(action.inputs.bucket?.required).toBe(true)
    // Empty: the code's default depends on the mode (the runner always sends every defaulted input).
    expect(action.inputs['max-deletes']?.default).toBe('')
    expect(action.inputs.include?.default).toBe('')
    expect(action.inputs.concurrency?.default).toBe('auto')
    expect(action.inputs.delete?.default).toBe('true')
    expect(action.inputs['invalidation-max-paths']?.default).toBe('15')
  })
})
