/**
 * Which site keys belong to this deploy. The same filter selects local files to publish and remote
 * objects that may be deleted, so an object the filter would never publish is never deleted either
 * (exclude protects, hidden objects put there by something else stay, an include of `assets/**` does not
 * prune the rest of the bucket).
 */
import { anyMatcher, compileGlob, namesFileLiterally, type Matcher } from './globs.js'
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
  /** Looks like a credential and no include names it literally. */
  | 'secret'
  /** The action's own state directory. */
  | 'reserved'
  /** Under a protected prefix (the preview root, for a production deploy): neither published nor deleted. */
  | 'protected'

/**
 * Names that look like credentials: held back unless an include names the file literally. Matched
 * case-insensitively (`PROD.ENV`, `ID_RSA`, `Server.PEM`), so written in lower case. Public keys,
 * certificates and signatures that sites do publish on purpose (`*.asc`, `*.gpg`, `*.crt`, `*.pub`
 * apart from SSH's `id_*.pub`) are not listed: a release or apt repository serves them.
 */
export const SECRET_GLOBS: readonly string[] = [
  // dotenv files: .env, .env.local, .env.production, prod.env; direnv
  '.env',
  '.env.*',
  '*.env',
  '.envrc',
  // version control and tool directories that hold tokens and keys
  '**/.git/**',
  '**/.svn/**',
  '**/.hg/**',
  '**/.ssh/**',
  '**/.aws/**',
  '**/.gnupg/**',
  '**/.kube/**',
  '**/.docker/config.json',
  // tokens in dotfiles
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.pgpass',
  '.s3cfg',
  '.vault-token',
  '.terraformrc',
  '.htpasswd',
  '.git-credentials',
  // cloud credentials: GCP service accounts and OAuth clients, kubeconfig
  'credentials.json',
  'service-account*.json',
  'client_secret*.json',
  'kubeconfig',
  // private keys and key stores
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.p8',
  '*.ppk',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  'secring.gpg',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  // Terraform state and variables (state holds every secret of the stack, plans too)
  '*.tfstate*',
  '*.tfvars',
  '*.tfvars.json',
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
  const secretName = anyMatcher(SECRET_GLOBS, { dot: true })
  const secret = (key: string) => secretName(key.toLowerCase())
  /** Only a literal file name may publish a credential-like file (not `*.pem`, `**\/{*,.*}`). */
  const literally: Matcher = anyMatcher(spec.include.filter(namesFileLiterally), { dot: true })
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
      if (secret(key) && !literally(key)) return 'secret'
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
