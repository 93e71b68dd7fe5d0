// The one set-up of the e2e tests. The bundled action is run as the runner runs it (helpers/action.ts:
// every default of action.yml filled in, the runner's context) and talks through a recording proxy
// (helpers/proxy.ts) to the strict AWS layer in front of moto (helpers/global-setup.ts); the tests set
// up and read moto directly. One call per test file registers the hooks that start and stop all of it.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { S3Client } from '@aws-sdk/client-s3'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { runAction, startAction, type ActionRun, type StartedAction } from './action.js'
import { cloudFrontCalls, cloudFrontTestClient } from './cloudfront.js'
import { startGitHubApi, type GitHubApi } from './github-api.js'
import { DEFAULT_SLOW_MS, TLS_CERT, useProxy, type Proxy } from './proxy.js'
import { createBucket, testClient, uniqueBucket } from './s3.js'
import { makeSite, removeSite, type Tree } from './site.js'

export type Env = Record<string, string>
/** A run's inputs over the file's defaults; `undefined` takes a default out (the input is not given). */
export type Inputs = Record<string, string | undefined>

export interface HarnessOptions {
  /**
   * Which services the proxy stands for, unless a run says otherwise. true: all of them
   * (AWS_ENDPOINT_URL), so the action manages a distribution too; false: S3 alone
   * (AWS_ENDPOINT_URL_S3), and with no CloudFront endpoint the action publishes to the bucket only.
   */
  cloudfront: boolean
  /** Inputs every run of the file starts from. */
  inputs?: Record<string, string>
  /** Environment every run of the file gets, on top of the runner's context and the endpoints. */
  env?: Env
  /** A build made before the file's tests and removed after them: the default `source` input. */
  site?: Tree
  /** The proxy speaks HTTPS with the test certificate, which the action is told to trust. */
  tls?: boolean
  /** A stand-in for the GitHub API (helpers/github-api.ts), given to every run as GITHUB_API_URL. */
  github?: boolean
}

/** For one run: which services the proxy stands for (the file's `cloudfront` unless given). */
export interface RunOptions {
  cloudfront?: boolean
}

/** Its functions are closures over the harness: they may be destructured. */
export interface DeployHarness {
  /** The recording proxy between the action and the layer. */
  proxy: Proxy
  /** Raw moto, for the tests' own set-up and reads. */
  s3: S3Client
  cf: CloudFrontClient
  /** CloudFront through the strict layer: what it keeps that moto lacks (functions, policies). */
  strictCf: CloudFrontClient
  motoEndpoint: string
  /** The strict layer (the proxy's upstream). */
  awsEndpoint: string
  /** The `site` build's directory. */
  readonly site: string
  /** The GitHub API stand-in (with `github: true`). */
  readonly github: GitHubApi
  /** The inputs a run with these gets. */
  inputs: (inputs: Inputs) => Record<string, string>
  /** The environment a run with this gets: the endpoints, the file's env, then `extra`. */
  env: (extra?: Env, options?: RunOptions) => Env
  /** Clear the proxy's record, run the bundle to the end. */
  deploy: (inputs: Inputs, env?: Env, options?: RunOptions) => Promise<ActionRun>
  /** Clear the proxy's record, start the bundle. */
  start: (inputs: Inputs, env?: Env, options?: RunOptions) => Promise<StartedAction>
  /**
   * Start a run whose request `held` the proxy holds (never answered), and come back once it is held;
   * later requests are answered as usual. For stopping a run at a known point.
   */
  startHeld: (
    inputs: Inputs,
    held: { method: string; key: string },
    env?: Env,
    options?: RunOptions,
  ) => Promise<StartedAction>
  /** The CloudFront requests since the proxy was last cleared: `METHOD /path`, ids as ID. */
  cloudFrontCalls: () => string[]
  /** A new bucket in moto, named after the label. */
  bucket: (label: string) => Promise<string>
  /** An event payload written as the runner writes it: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, then `extra`. */
  event: (name: string, payload: unknown, extra?: Env) => Promise<Env>
}

/** Register the hooks of an e2e test file and return what its tests use. Call once, at the top. */
export function useDeployHarness(options: HarnessOptions): DeployHarness {
  const motoEndpoint = inject('motoEndpoint')
  const awsEndpoint = inject('awsEndpoint')
  const proxy = useProxy(() => awsEndpoint, { tls: options.tls ?? false })
  const s3 = testClient(motoEndpoint)
  let site: string | undefined
  let github: GitHubApi | undefined
  let events: Promise<string> | undefined

  beforeAll(async () => {
    if (options.site) site = await makeSite(options.site)
    if (options.github) github = await startGitHubApi()
  })
  afterEach(() => {
    // A test that failed half-way leaves no faults behind for the next.
    proxy.faults = undefined
    proxy.slowMs = DEFAULT_SLOW_MS
  })
  afterAll(async () => {
    if (site) await removeSite(site)
    await github?.close()
    if (events) await fs.rm(await events, { recursive: true, force: true })
  })

  const harness: DeployHarness = {
    proxy,
    s3,
    cf: cloudFrontTestClient(motoEndpoint),
    strictCf: cloudFrontTestClient(awsEndpoint),
    motoEndpoint,
    awsEndpoint,
    get site() {
      if (site === undefined)
        throw new Error('the harness has no site (or it is used before it is made)')
      return site
    },
    get github() {
      if (github === undefined)
        throw new Error('the harness has no GitHub API (or it is used before it starts)')
      return github
    },
    inputs(inputs) {
      const all: Inputs = {
        ...(options.site ? { source: harness.site } : {}),
        ...options.inputs,
        ...inputs,
      }
      const given: Record<string, string> = {}
      for (const [name, value] of Object.entries(all)) if (value !== undefined) given[name] = value
      return given
    },
    env(extra = {}, run = {}) {
      const endpoint =
        (run.cloudfront ?? options.cloudfront) ? 'AWS_ENDPOINT_URL' : 'AWS_ENDPOINT_URL_S3'
      return {
        [endpoint]: proxy.endpoint,
        ...(options.tls ? { NODE_EXTRA_CA_CERTS: TLS_CERT } : {}),
        ...(options.github ? { GITHUB_API_URL: harness.github.url } : {}),
        ...options.env,
        ...extra,
      }
    },
    deploy(inputs, env, run) {
      proxy.clear()
      return runAction(harness.inputs(inputs), harness.env(env, run))
    },
    start(inputs, env, run) {
      proxy.clear()
      return startAction(harness.inputs(inputs), harness.env(env, run))
    },
    async startHeld(inputs, held, env, run) {
      proxy.slowMs = 60_000
      proxy.faults = ({ method, key }) =>
        method === held.method && key === held.key ? 'slow' : undefined
      const started = await harness.start(inputs, env, run)
      const deadline = Date.now() + 30_000
      while (!proxy.requests.some((r) => r.fault === 'slow')) {
        if (Date.now() > deadline) {
          started.child.kill('SIGKILL')
          throw new Error(`the held ${held.method} ${held.key} never arrived`)
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      proxy.faults = undefined
      return started
    },
    cloudFrontCalls: () => cloudFrontCalls(proxy.requests),
    async bucket(label) {
      const name = uniqueBucket(label)
      await createBucket(s3, name)
      return name
    },
    async event(name, payload, extra = {}) {
      events ??= fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-events-'))
      const file = path.join(await events, `${name}-${Math.random().toString(16).slice(2)}.json`)
      await fs.writeFile(file, JSON.stringify(payload))
      return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, ...extra }
    },
  }
  return harness
}
