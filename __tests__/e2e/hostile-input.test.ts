// A hostile world: bad input values, file names and keys that try to inject workflow commands, and
// credentials the step can see. Each case runs the bundle with its inputs as the runner fills them.
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundle, runAction, runnerInputs, type ActionRun } from '../helpers/action.js'
import { mapLimit } from '../../src/core/limit.js'
import { hasUnsafeCharacter } from '../../src/core/text.js'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys, putObject, uniqueBucket } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

/** No line of stdout starts a workflow command the action did not mean, and nothing unsafe is printed. */
function expectCleanStdout(run: ActionRun): void {
  const meant = /^::(debug|warning|error|notice|group|endgroup|add-mask|set-output)(\s[^:]*)?::/
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('::')) expect(line, 'an unexpected command').toMatch(meant)
    expect(line, 'no injected command').not.toMatch(/^\s*::[a-z]+ title=INJECTED/)
  }
  expect(hasUnsafeCharacter(run.stdout.replace(/\n/g, ''))).toBe(false)
}

// Characters no input may hold (line breaks only where an input takes several lines).
const BAD_CHARACTERS: Array<[string, string]> = [
  ['CR', '\r'],
  ['VT', '\v'],
  ['FF', '\f'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['NEL', '\u0085'],
  ['CSI', '\u009b'],
  ['LS', '\u2028'],
  ['PS', '\u2029'],
  ['BOM', '\ufeff'],
  ['RLO', '\u202e'],
  ['ZWSP', '\u200b'],
  ['FFFD', '\ufffd'],
]

const SINGLE_LINE: Record<string, string> = {
  source: 'dist',
  bucket: 'my-bucket',
  prefix: 'site/v1',
  region: 'eu-west-1',
  'endpoint-url': 'http://127.0.0.1:9000',
  'delete-grace': '7d',
  'max-deletes': '10',
  concurrency: '16',
  'request-timeout': '30',
  'distribution-id': 'E2QWRUHEXAMPLE',
  'certificate-arn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
  'price-class': 'PriceClass_100',
  'wait-timeout': '60',
  mode: 'publish',
  'preview-prefix': 'previews/pr-{number}',
  'preview-domain': 'preview.example.com',
  'viewer-access': 'public',
  'sign-expires': '1d',
  'invalidation-max-paths': '15',
}

const MULTI_LINE: Record<string, string> = {
  include: '**/*.html\nassets/**',
  exclude: '*.map',
  'cache-control': '*.css: public, max-age=600',
  'content-type': '*.dat: application/octet-stream',
  metadata: '*.json',
  aliases: 'www.example.com',
  tags: 'team=web',
  'sign-paths': 'private/*',
}

type BadCase = { what: string; inputs: Record<string, string>; input: string; message: RegExp }

function badCases(): BadCase[] {
  const cases: BadCase[] = []
  for (const [input, good] of Object.entries({ ...SINGLE_LINE, ...MULTI_LINE }))
    for (const [name, ch] of [...BAD_CHARACTERS, ...(input in SINGLE_LINE ? [['LF', '\n']] : [])]) {
      const at = Math.max(1, Math.floor(good.length / 2))
      cases.push({
        what: `${input} with ${name}`,
        inputs: { [input]: good.slice(0, at) + ch + good.slice(at) },
        input,
        message: /control or invisible character|not valid UTF-8/,
      })
    }
  const semantic: Array<[string, Record<string, string>, string, RegExp]> = [
    [
      'content type with NBSP',
      { 'content-type': '*.x: text/plain;\u00a0charset=utf-8' },
      'content-type',
      /printable ASCII/,
    ],
    [
      'content type with U+3000',
      { 'content-type': '*.x: text/plain;\u3000charset=utf-8' },
      'content-type',
      /printable ASCII/,
    ],
    [
      'content type with non-ASCII in quotes',
      { 'content-type': '*.x: text/plain; name="ü"' },
      'content-type',
      /printable ASCII/,
    ],
    [
      'content type with a tab before a parameter',
      { 'content-type': '*.x: text/plain;\tcharset=x' },
      'content-type',
      /printable ASCII/,
    ],
    [
      'cache control with NBSP',
      { 'cache-control': '*.x: public,\u00a0max-age=1' },
      'cache-control',
      /printable ASCII/,
    ],
    [
      'cache control with U+3000',
      { 'cache-control': '*.x: max-age=1\u3000, public' },
      'cache-control',
      /printable ASCII|directive/,
    ],
    [
      'cache control of 50 KB',
      { 'cache-control': `*.x: public, ${'x'.repeat(50_000)}` },
      'cache-control',
      /at most 1024 characters/,
    ],
    [
      'content type of 2 KB',
      { 'content-type': `*.x: text/${'x'.repeat(2000)}` },
      'content-type',
      /at most 1024 characters/,
    ],
    [
      'preview-prefix with a leading /',
      { 'preview-prefix': '/previews/{number}' },
      'preview-prefix',
      /must not start with "\/"/,
    ],
    [
      'preview-prefix with ..',
      { 'preview-prefix': 'previews/../x/{number}' },
      'preview-prefix',
      /"\." or "\.\." segments/,
    ],
    ['sign-expires 0', { 'sign-expires': '0' }, 'sign-expires', /valid for some time/],
    ['sign-expires 0h', { 'sign-expires': '0h' }, 'sign-expires', /valid for some time/],
  ]
  for (const [what, inputs, input, message] of semantic)
    cases.push({ what, inputs, input, message })
  return cases
}

describe('bad input values are refused before any request', () => {
  const cases = badCases()

  it('tries at least 200 bad values', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200)
  })

  it('each is refused naming the input, with nothing unsafe printed, and nothing is requested', async () => {
    const site = await makeSite({ 'index.html': 'x' })
    try {
      // Four runs at a time: the record is cleared once, before them all.
      proxy.clear()
      const failures: string[] = []
      await mapLimit(cases, 4, async (c) => {
        const run = await runAction(
          { source: site, bucket: 'good-bucket', ...c.inputs },
          h.env({ GITHUB_WORKSPACE: path.dirname(site) }, { cloudfront: true }),
        )
        const text = run.errors.join('\n')
        if (run.code !== 1) failures.push(`${c.what}: exit ${run.code}`)
        else if (!text.includes(`Input '${c.input}'`)) failures.push(`${c.what}: ${text}`)
        else if (!c.message.test(text)) failures.push(`${c.what}: ${text.slice(0, 300)}`)
        try {
          expectCleanStdout(run)
        } catch (error) {
          failures.push(`${c.what}: ${(error as Error).message}`)
        }
      })
      expect(failures).toEqual([])
      expect(proxy.requests).toEqual([])
    } finally {
      await removeSite(site)
    }
  }, 300_000)

  it('an input that is not valid UTF-8 is refused, saying so', async () => {
    const site = await makeSite({ 'index.html': 'x' })
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-utf8-'))
    try {
      proxy.clear()
      await fs.writeFile(path.join(dir, 'out'), '')
      // Environment bytes that are not UTF-8 cannot come from a JavaScript string: printf writes them.
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        ...runnerInputs({ source: site, bucket: 'good-bucket' }),
        ...h.env({}, { cloudfront: true }),
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_REGION: 'us-east-1',
        NODE_NO_WARNINGS: '1',
        GITHUB_OUTPUT: path.join(dir, 'out'),
      }
      const child = spawn(
        'sh',
        ['-c', `INPUT_PREFIX="$(printf 'site\\377v1')" exec "${process.execPath}" "${bundle}"`],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      const code = await new Promise<number>((resolve) =>
        child.on('close', (c) => resolve(c ?? -1)),
      )
      expect(code).toBe(1)
      expect(stdout).toMatch(
        /::error::Input 'prefix' has an invalid value "site\\ufffdv1": it holds U\+FFFD, which is what bytes that are not valid UTF-8 become/,
      )
      expect(proxy.requests).toEqual([])
    } finally {
      await removeSite(site)
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  it('a private key given as public-key is refused without showing it, and masked', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const site = await makeSite({ 'index.html': 'x' })
    try {
      const run = await deploy(
        { source: site, bucket: 'good-bucket', 'public-key': pem, 'viewer-access': 'signed' },
        {},
        { cloudfront: true },
      )
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toMatch(
        /Input 'public-key'.*PRIVATE key: give it as private-key/,
      )
      const body = pem.split('\n')[1]!
      // Only ever in the mask commands, which the runner turns into *** everywhere.
      for (const line of run.stdout.split('\n'))
        if (line.includes(body)) expect(line).toMatch(/^::add-mask::/)
      expect(proxy.requests).toEqual([])
    } finally {
      await removeSite(site)
    }
  })
})

describe('names that try to inject', () => {
  const names: Array<[string, string]> = [
    ['LF and a command', '.x\n::error title=INJECTED::pwned'],
    ['CR', 'a\rb.html'],
    ['U+2028', 'c\u2028d.html'],
    ['a C1 control', 'e\u009bf.html'],
  ]

  it.each(names)(
    'a file whose name holds %s is refused up front, named escaped',
    async (_, name) => {
      const site = await makeSite({ 'index.html': 'x', [name]: 'evil' })
      try {
        const bucket = uniqueBucket('names')
        const run = await deploy({ source: site, bucket })
        expect(run.code).toBe(1)
        expect(run.errors.join('\n')).toMatch(
          /The name ".*" in the source holds U\+[0-9A-F]{4}.*Rename it, or add it to exclude/,
        )
        expectCleanStdout(run)
        expect(proxy.requests).toEqual([])
      } finally {
        await removeSite(site)
      }
    },
  )

  it('a file name that is not valid UTF-8 is refused up front', async () => {
    const site = await makeSite({ 'index.html': 'x' })
    try {
      await fs.writeFile(
        Buffer.concat([
          Buffer.from(`${site}/bad-`),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('.html'),
        ]),
        'x',
      )
      const run = await deploy({ source: site, bucket: uniqueBucket('utf8') })
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toMatch(
        /"bad-\\ufffd\\ufffd\.html" in the source holds U\+FFFD \(bytes that are not valid UTF-8\)/,
      )
      expect(proxy.requests).toEqual([])
    } finally {
      await removeSite(site)
    }
  })

  it('a key over 1,024 bytes (prefix and path) is refused up front', async () => {
    const deep = [
      'a'.repeat(200),
      'b'.repeat(200),
      'c'.repeat(200),
      'd'.repeat(200),
      'e.html',
    ].join('/')
    const site = await makeSite({ 'index.html': 'x', [deep]: 'deep' })
    try {
      const run = await deploy({
        source: site,
        bucket: uniqueBucket('long'),
        prefix: 'p'.repeat(300),
      })
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toContain(
        `is ${300 + 1 + deep.length} bytes with the prefix; S3 takes at most 1024`,
      )
      expect(proxy.requests).toEqual([])
    } finally {
      await removeSite(site)
    }
  })

  it('mode: remove of keys with line breaks prints them escaped and deletes them', async () => {
    const bucket = await h.bucket('rm-inject')
    // moto cannot store a key with LF (its router refuses the path); CR and U+2028 break lines as well.
    const keys = ['p/y\r::warning title=INJECTED::w', 'p/z\u2028::error title=INJECTED::u']
    for (const key of keys) await putObject(s3, bucket, key, 'x')
    const run = await deploy({ bucket, prefix: 'p', mode: 'remove' })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs.deleted).toBe('2')
    expectCleanStdout(run)
    expect(run.stdout).toContain('delete  "y\\r::warning title=INJECTED::w"')
    expect(run.stdout).toContain('delete  "z\\u2028::error title=INJECTED::u"')
    expect(await listKeys(s3, bucket)).toEqual([])
  })

  it('the hidden-files line and the job summary show names, never run or render them', async () => {
    const site = await makeSite({
      'index.html': 'x',
      '.hidden <img src=x>[a](b)': 'h',
      '[x](y) <b>.html': 'y',
    })
    try {
      const bucket = await h.bucket('summary')
      const run = await deploy({ source: site, bucket })
      expect(run.code, run.stdout).toBe(0)
      expectCleanStdout(run)
      expect(run.summary).toContain('`[x](y) <b>.html`')
      expect(run.summary.replace(/(`+)[^`][\s\S]*?\1/g, '')).not.toMatch(/<[a-z]|\]\(/)
    } finally {
      await removeSite(site)
    }
  })
})

describe('credentials the step can see', () => {
  it('the AWS secret key and session token are masked before anything else is printed', async () => {
    const site = await makeSite({ 'index.html': 'x' })
    try {
      const bucket = await h.bucket('mask')
      const run = await deploy(
        { source: site, bucket },
        {
          // An identity the strict layer does not know the secret of (it checks the signatures of
          // those it does): its requests pass unchecked.
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN0123456789',
        },
      )
      expect(run.code, run.stdout).toBe(0)
      const lines = run.stdout.split('\n')
      expect(lines.slice(0, 2).sort()).toEqual([
        '::add-mask::FwoGZXIvYXdzEXAMPLETOKEN0123456789',
        '::add-mask::wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      ])
    } finally {
      await removeSite(site)
    }
  })
})
