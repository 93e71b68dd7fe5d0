/**
 * Pure checks of single values (bucket names, prefixes, header values, aliases, certificate ARNs):
 * each returns why the value is unusable, or undefined.
 */
import path from 'node:path'
import { hasControlCharacter } from '../core/keys.js'

const HEADER_VALUE = /^[\x20-\x7e]+$/

/** A header value this long is a mistake (S3 takes 8 KB of headers per request, all of them together). */
const MAX_HEADER_VALUE = 1024

/** Why S3 would reject this bucket name, or undefined. */
export function bucketProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return 'a bucket name has 3 to 63 characters'
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket))
    return 'a bucket name uses lower-case letters, digits, dots and hyphens, and starts and ends with a letter or digit'
  if (bucket.includes('..')) return 'a bucket name must not contain two dots in a row'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket))
    return 'a bucket name must not look like an IP address'
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket))
    return 'a bucket name must not start with xn--, sthree- or amzn-s3-demo-'
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(bucket))
    return 'a bucket name must not end with -s3alias, --ol-s3, .mrap or --x-s3'
  return undefined
}

/** Why a prefix is unusable, or undefined. Expects the prefix after trailing slashes were removed. */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined
  if (hasControlCharacter(prefix)) return 'a prefix must not contain control characters'
  if (prefix.startsWith('/'))
    return 'a prefix must not start with "/" (write "site/v1", not "/site/v1")'
  if (prefix.includes('\\')) return 'a prefix uses "/" as separator, not "\\"'
  const segments = prefix.split('/')
  if (segments.some((s) => s === '..' || s === '.'))
    return 'a prefix must not contain "." or ".." segments'
  if (segments.some((s) => s === '')) return 'a prefix must not contain "//"'
  if (Buffer.byteLength(prefix) > 512) return 'a prefix must be at most 512 bytes'
  return undefined
}

export function cacheControlProblem(value: string): string | undefined {
  if (value === '') return 'the Cache-Control value after ": " must not be empty'
  if (!HEADER_VALUE.test(value)) return 'a Cache-Control value is printable ASCII'
  if (value.length > MAX_HEADER_VALUE)
    return `a Cache-Control value has at most ${MAX_HEADER_VALUE} characters (this one ${value.length})`
  const directive = /^[a-z-]+(=("[^"]*"|[A-Za-z0-9_.-]+))?$/i
  const bad = value
    .split(',')
    .map((d) => d.trim())
    .find((d) => !directive.test(d))
  if (bad !== undefined)
    return `"${bad}" is not a Cache-Control directive (e.g. "public, max-age=3600")`
  return undefined
}

export function contentTypeProblem(value: string): string | undefined {
  if (!HEADER_VALUE.test(value)) return 'a content type is printable ASCII'
  if (value.length > MAX_HEADER_VALUE)
    return `a content type has at most ${MAX_HEADER_VALUE} characters (this one ${value.length})`
  if (
    !/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+([ \t]*;[ \t]*[a-z0-9_-]+=("[\x20\x21\x23-\x7e]*"|[a-z0-9_.-]+))*$/i.test(
      value,
    )
  )
    return 'a content type is "type/subtype", optionally with parameters (e.g. "application/json; charset=utf-8")'
  return undefined
}

/** `outer` is `inner` or one of its ancestors. */
export function containsPath(outer: string, inner: string): boolean {
  const relative = path.relative(outer, path.resolve(inner))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** Why a host name cannot be a CloudFront alias, or undefined. Expects it lower-cased. */
export function aliasProblem(alias: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(alias))
    return 'an alias is a host name, without a scheme such as https://'
  if (alias.includes('/')) return 'an alias is a host name, without a path'
  if (alias.endsWith('.')) return 'an alias must not end with a dot'
  if (alias.includes(':')) return 'an alias is a host name, without a port'
  if (/[^\x20-\x7e]/.test(alias))
    return 'an alias is printable ASCII: write internationalised names in their xn-- (punycode) form'
  if (alias.length > 253) return 'a host name has at most 253 characters'
  const labels = alias.split('.')
  const first = labels[0] === '*' ? labels.slice(1) : labels
  if (first.length < 2)
    return 'an alias needs a domain and a top-level domain (e.g. www.example.com)'
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/
  if (!first.every((l) => label.test(l)))
    return 'each label has letters, digits and inner hyphens (1-63 characters); only a leading "*." wildcard is allowed'
  if (/^\d+$/.test(first[first.length - 1]!)) return 'an alias must not be an IP address'
  return undefined
}

const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/

export function certificateProblem(arn: string): string | undefined {
  const m = CERTIFICATE_ARN.exec(arn)
  if (!m)
    return 'expected an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)'
  if (m[1] !== 'us-east-1')
    return `CloudFront only uses ACM certificates from us-east-1; this one is in ${m[1]}: request or import it in us-east-1`
  return undefined
}
