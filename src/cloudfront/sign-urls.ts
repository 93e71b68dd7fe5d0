/**
 * Signed URLs for private content (the sign-paths input). Apart from ./signing.ts's key checks because
 * the signer library pulls in part of the SDK: this module is loaded with the CloudFront SDK, only when
 * a distribution is involved, not at start-up for the input checks.
 */
import { getSignedUrl } from '@aws-sdk/cloudfront-signer'

export interface SignRequest {
  /** Site paths as given (relative to the prefix); `*` makes a wildcard (custom policy). */
  paths: readonly string[]
  /** https://host/ + the prefix path, ending in `/`. */
  baseUrl: string
  keyPairId: string
  privateKey: string
  expires: Date
}

/** The signed URL of each path: canned policies for plain paths, custom policies for wildcards. */
export function signUrls(request: SignRequest): Record<string, string> {
  const urls: Record<string, string> = {}
  for (const raw of request.paths) {
    const path = raw.replace(/^\/+/, '')
    const url = `${request.baseUrl}${path
      .split('/')
      .map((s) => encodeURIComponent(s).replace(/%2A/g, '*'))
      .join('/')}`
    if (path.includes('*')) {
      const epoch = Math.floor(request.expires.getTime() / 1000)
      const policy = JSON.stringify({
        Statement: [{ Resource: url, Condition: { DateLessThan: { 'AWS:EpochTime': epoch } } }],
      })
      urls[raw] = getSignedUrl({
        url,
        policy,
        keyPairId: request.keyPairId,
        privateKey: request.privateKey,
      })
    } else {
      urls[raw] = getSignedUrl({
        url,
        keyPairId: request.keyPairId,
        privateKey: request.privateKey,
        dateLessThan: request.expires,
      })
    }
  }
  return urls
}
