/**
 * Which site keys belong to this deploy. The same filter selects local files to publish and remote
 * objects that may be deleted, so an object the filter would never publish is never deleted either
 * (exclude protects, hidden objects put there by something else stay, an include of `assets/**` does not
 * prune the rest of the bucket).
 */
import { anyMatcher, namesFilesExplicitly, compileGlob, type Matcher } from './globs.js'
import { isReservedKey } from './keys.js'

export type Verdict =
  /** Published (local) or a candidate for deletion (remote). */
  | 'included'
  /** No include glob matches. */
  | 'not-included'
  /** A path segment starts with a dot and no include names it. */
  | 'hidden'
  /** Matches an exclude glob. */
  | 'excluded'
  /** Looks like a credential and no include names it explicitly. */
  | 'secret'
  /** The action's own state directory. */
  | 'reserved'
  /** Under a protected prefix (the preview root, for a production deploy): neither published nor deleted. */
  | 'protected'

/** Names that look like credentials: held back unless an include names them explicitly. */
export const SECRET_GLOBS: readonly string[] = [
  '.env',
  '.env.*',
  '*.env',
  '**/.git/**',
  '**/.svn/**',
  '**/.hg/**',
  '**/.ssh/**',
  '**/.aws/**',
  '**/.docker/config.json',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.htpasswd',
  '.git-credentials',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '*.tfstate',
  '*.tfstate.*',
]

/** Published even though it starts with a dot: RFC 8615 well-known URIs. */
export const WELL_KNOWN = '.well-known/**'

export interface FilterSpec {
  include: readonly string[]
  exclude: readonly string[]
  /** Site-key prefixes (directories) this deploy leaves alone. */
  protect?: readonly string[]
}

export interface Filter {
  verdict(siteKey: string): Verdict
  /** Whether a directory (site key without trailing `/`) may hold files the include could select. */
  mayDescend(siteDir: string): boolean
}

function hasHiddenSegment(key: string): boolean {
  return key.split('/').some((segment) => segment.startsWith('.'))
}

export function compileFilter(spec: FilterSpec): Filter {
  const include = anyMatcher(spec.include, { dot: false })
  const exclude = anyMatcher(spec.exclude, { dot: true })
  const wellKnown = compileGlob(WELL_KNOWN, { dot: true })
  const secret = anyMatcher(SECRET_GLOBS, { dot: true })
  const explicit: Matcher = anyMatcher(spec.include.filter(namesFilesExplicitly), { dot: true })
  /** Include globs that name a hidden directory literally, such as `.github/**` (not `**\/.htaccess`). */
  const namesHidden = spec.include.some((glob) =>
    glob
      .split('/')
      .slice(0, -1)
      .some((s) => s.startsWith('.')),
  )

  const protect = spec.protect ?? []
  const isProtected = (key: string) => protect.some((p) => key === p || key.startsWith(`${p}/`))
  return {
    verdict(key) {
      if (isReservedKey(key)) return 'reserved'
      if (isProtected(key)) return 'protected'
      if (exclude(key)) return 'excluded'
      if (secret(key) && !explicit(key)) return 'secret'
      if (include(key) || wellKnown(key)) return 'included'
      return hasHiddenSegment(key) ? 'hidden' : 'not-included'
    },
    mayDescend(dir) {
      if (isReservedKey(dir) || isProtected(dir)) return false
      const name = dir.slice(dir.lastIndexOf('/') + 1)
      if (!name.startsWith('.')) return true
      return namesHidden || dir === '.well-known'
    },
  }
}
