// The runner sends every input that has a default in action.yml, whether the workflow names it or not
// (the harness does the same): guards and defaults that depend on "was it given?" must still hold.
import { describe, expect, it } from 'vitest'
import { runnerInputs } from '../helpers/action.js'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys, putObject } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

describe('inputs as the runner fills them', () => {
  it('the harness sends every default of action.yml, evaluated', () => {
    const env = runnerInputs({ bucket: 'b' })
    expect(env.INPUT_BUCKET).toBe('b')
    expect(env['INPUT_MAX-DELETES']).toBe('')
    expect(env.INPUT_INCLUDE).toBe('')
    expect(env.INPUT_CONCURRENCY).toBe('auto')
    expect(env['INPUT_GITHUB-TOKEN']).toMatch(/^ghs_/)
    expect(env.INPUT_SOURCE).toBeUndefined() // no default: not sent
    expect(() => runnerInputs({ 'no-such-input': 'x' })).toThrow(/does not declare/)
  })

  it('mode: remove of a prefix with more than 256 objects works with max-deletes as the runner sends it', async () => {
    const bucket = await h.bucket('rm-many')
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => putObject(s3, bucket, `old/page-${i}.html`, `p${i}`)),
    )
    await putObject(s3, bucket, 'keep/index.html', 'stays')
    // An explicit cap is still a cap: nothing is deleted, and the error names the input and the count.
    const capped = await deploy({ bucket, prefix: 'old', mode: 'remove', 'max-deletes': '100' })
    expect(capped.code).toBe(1)
    expect(capped.errors.join('\n')).toMatch(/300 objects, more than max-deletes \(100\)/)
    expect(proxy.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect((await listKeys(s3, bucket, 'old/')).length).toBe(300)

    const run = await deploy({ bucket, prefix: 'old', mode: 'remove' })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs.deleted).toBe('300')
    expect(await listKeys(s3, bucket)).toEqual(['keep/index.html'])
  })

  it('source: the workspace itself is refused with delete on and include as the runner sends it, before any request', async () => {
    const workspace = await makeSite({
      'index.html': 'home',
      'README.md': 'repo',
      'src/app.ts': 'x',
    })
    try {
      const bucket = await h.bucket('ws')
      for (const source of ['.', './', '..']) {
        const run = await deploy({ source, bucket }, { GITHUB_WORKSPACE: workspace })
        expect(run.code, source).toBe(1)
        expect(run.errors.join('\n'), source).toMatch(/source.*mirror.*set include/s)
        expect(proxy.requests, source).toEqual([])
      }
      // Naming the files to publish is the way through.
      const chosen = await deploy(
        { source: '.', bucket, include: '*.html' },
        { GITHUB_WORKSPACE: workspace },
      )
      expect(chosen.code, chosen.stdout).toBe(0)
      expect((await listKeys(s3, bucket)).filter((k) => !k.startsWith('.cdn-publish/'))).toEqual([
        'index.html',
      ])
    } finally {
      await removeSite(workspace)
    }
  })
})
