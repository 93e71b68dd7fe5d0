/**
 * The typed configuration of a run: what the inputs say once parsed and checked (action/inputs.ts builds
 * it). The core and the adapters read it; each adapter takes only the part it needs.
 */
import type { Concurrency } from './concurrency.js'

/** What the workflow run is about (from the event), for prefix placeholders and previews. */
export interface RunContext {
  eventName: string
  /** The pull request number on pull_request / pull_request_target events (and issue_comment on a PR). */
  number: number | undefined
  /** The branch: the PR's head branch, or the pushed branch. */
  branch: string | undefined
  /** The tag of a tag push or a release. */
  tag: string | undefined
  /** The full commit SHA the build is of (the PR head, not the merge commit). */
  sha: string | undefined
  /** `owner/name`. */
  repository: string | undefined
  /** The pull request was closed (merged or not). */
  closed: boolean
  /**
   * A workflow_run event for a pull request whose payload lists none (GitHub leaves
   * `workflow_run.pull_requests` empty for a fork's): what to look the pull request up by.
   */
  lookup?: { owner: string; branch: string; sha: string }
  /** Why `number` is unknown on a workflow_run event, for the error that needs it. */
  numberMissing?: string
}

export interface HeaderRule {
  glob: string
  value: string
}

export interface Config {
  /** Absolute path of the directory to publish. */
  source: string
  /** The source as the user wrote it, for messages. */
  sourceInput: string
  bucket: string
  /**
   * The prefix this run writes under, placeholders filled, without leading or trailing `/`; '' for the
   * bucket root. For a preview: `<prefix>/<preview prefix>`.
   */
  prefix: string
  /**
   * What the distribution serves as its origin path: the `prefix` input, or for a template its fixed part
   * before the first placeholder (`releases` for `releases/{tag}`).
   */
  basePrefix: string
  /** Site keys (relative to `prefix`) this run never publishes nor deletes: the preview root, for production. */
  protect: string[]
  /** prune-previews: remove the previews of closed pull requests, and those older than preview-max-age. */
  mode: 'publish' | 'remove' | 'prune-previews' | 'rollback' | 'promote'
  atomic: AtomicConfig
  allowRootRemoval: boolean
  removeDistribution: boolean
  preview: PreviewConfig
  github: GitHubConfig
  region: string
  /** A custom S3 endpoint (input, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL), or undefined for AWS. */
  endpoint: string | undefined
  include: string[]
  exclude: string[]
  cacheControl: HeaderRule[]
  contentType: HeaderRule[]
  /** Extra metadata globs (added to the built-in list) and globs taken out of it (`!glob`). */
  metadata: { add: string[]; remove: string[] }
  delete: boolean
  /** delete-grace in milliseconds: objects that left the build are marked and deleted after it (0: at once). */
  deleteGraceMs: number
  /** -1 means no cap. */
  maxDeletes: number
  dryRun: boolean
  /** Requests in flight: a fixed number, or adaptive (core/concurrency.ts). */
  concurrency: Concurrency
  /** Seconds a request may stay silent before it is abandoned and retried. */
  requestTimeoutSeconds: number
  allowEmpty: boolean
  cdn: CdnConfig
}

/** Atomic deploys (core/site/builds.ts): each deploy a build, made live by one store write. */
export interface AtomicConfig {
  enabled: boolean
  /** keep-builds: how many builds that went live to keep (the live and previous ones always). */
  keep: number
  /** mode: rollback: the build (or commit SHA) to make live; undefined: the previous build. */
  rollbackTo: string | undefined
  /** GITHUB_RUN_ATTEMPT: names a rebuild of the same commit that differs. */
  attempt: string
}

export interface PreviewConfig {
  enabled: boolean
  /** `preview-prefix` as written (`previews/pr-{number}`). */
  template: string
  /** The part before the first placeholder (`previews`): belongs to previews. */
  root: string
  /** Host-based previews: `*.<domain>` maps `pr-42.<domain>` to `<root>/pr-42`. */
  domain: string | undefined
  /** preview-max-age in ms (prune-previews removes previews last deployed longer ago); 0: no limit. */
  maxAgeMs: number
}

export interface GitHubConfig {
  token: string | undefined
  /** GITHUB_API_URL (GitHub Enterprise), default https://api.github.com. */
  apiUrl: string
  context: RunContext
  /** github-deployment and environment: the GitHub Deployment each publish records. */
  deployment: DeploymentSettings
}

export interface DeploymentSettings {
  enabled: boolean
  /** The environment's name, resolved (never empty): the input, `production`, or `preview/pr-<number>`. */
  environment: string
  /** A preview's environment: transient, never production. */
  transient: boolean
}

export type PriceClass = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All'

export interface CdnConfig {
  /** Manage CloudFront at all (false for S3-compatible stores without a CloudFront endpoint). */
  enabled: boolean
  /** Why CloudFront is skipped, for the log. */
  skipReason: string | undefined
  distributionId: string | undefined
  /** Lower-case host names, in input order, without duplicates. */
  aliases: string[]
  certificateArn: string | undefined
  createDistribution: boolean
  createBucket: boolean
  /** undefined: not set (PriceClass_100 for a new distribution; an existing one keeps its own). */
  priceClass: PriceClass | undefined
  tags: Array<{ key: string; value: string }>
  wait: boolean
  waitTimeoutSeconds: number
  prettyUrls: boolean
  spa: boolean
  /**
   * Site behaviour (404s, trailing slashes, _redirects, _headers): `auto` on the distributions the action
   * manages, `on` also on one named by distribution-id (its function associations are replaced), `off`.
   */
  site: 'auto' | 'on' | 'off'
  /** The not-found page, a path in the build (`404.html`); given: whether the input differs from the default. */
  notFoundPage: { path: string; given: boolean }
  /** Precompressed siblings to publish, in the order the edge prefers them. */
  precompress: Array<'br' | 'gzip'>
  /** Purge changed paths from the CDN after the deploy. */
  invalidate: boolean
  /** The path budget of one deploy's invalidation. */
  invalidationMaxPaths: number
  /** A wait that times out fails the step instead of warning. */
  failOnWaitTimeout: boolean
  /** signed: the default behaviour requires signed URLs or cookies. undefined: not set (public). */
  viewerAccess: 'public' | 'signed' | undefined
  /** Public keys (PEM) viewers' signatures are checked with. */
  publicKeys: string[]
  /** The private key to sign `signPaths` with (never logged). */
  privateKey: string | undefined
  signPaths: string[]
  signExpiresMs: number
  /** A CloudFront endpoint (AWS_ENDPOINT_URL_CLOUDFRONT or AWS_ENDPOINT_URL), for emulators. */
  endpoint: string | undefined
  /** The KeyValueStore data plane's (AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE or AWS_ENDPOINT_URL). */
  storeEndpoint: string | undefined
}
