/**
 * Private content: the public keys CloudFront checks signatures with, the key group a distribution
 * trusts (signed URLs are made in ./sign-urls.ts). Key material is parsed and checked here, before any request; a private key
 * is only ever held in memory.
 *
 * Key groups are named by a hash of the public keys they hold and never edited: rotating keys means a new
 * group (old and new key) that the distribution is switched to, through the same IfMatch update path.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'

/** PEM blocks of public keys, in input order, normalised (SPKI PEM, LF line ends). */
export function splitPems(text: string): string[] {
  const blocks =
    text.replace(/\r\n/g, '\n').match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? []
  return blocks.map((b) => b.trim())
}

/** Why a PEM cannot be a CloudFront public key, or undefined. */
export function publicKeyProblem(pem: string): string | undefined {
  let key: KeyObject
  try {
    key = createPublicKey(pem)
  } catch (error) {
    return `it is not a PEM public key (${(error as Error).message})`
  }
  const details = key.asymmetricKeyDetails
  if (key.asymmetricKeyType === 'rsa' && details?.modulusLength === 2048) return undefined
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return undefined
  return `CloudFront takes RSA 2048-bit or ECDSA P-256 public keys; this one is ${key.asymmetricKeyType}${details?.modulusLength ? ` ${details.modulusLength}-bit` : ''}`
}

/** The canonical SPKI PEM of a public key, for comparing keys however they were written. */
export function canonicalPublicKey(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString().trim()
}

/** Why a private key cannot sign for these public keys, or undefined. Never includes key material. */
export function privateKeyProblem(pem: string, publicKeys: readonly string[]): string | undefined {
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch {
    return 'it is not a PEM private key (PKCS#1 or PKCS#8), or it needs a passphrase'
  }
  const matching = canonicalPublicKey(
    createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  )
  if (publicKeys.length > 0 && !publicKeys.some((p) => canonicalPublicKey(p) === matching))
    return 'it does not belong to any key in public-key'
  return undefined
}

/** The public key (canonical PEM) a private key belongs to. */
export function publicKeyOf(privatePem: string): string {
  return canonicalPublicKey(
    createPublicKey(createPrivateKey(privatePem))
      .export({ type: 'spki', format: 'pem' })
      .toString(),
  )
}

/** A short stable name part from key material or ids. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12)
}

/**
 * How many public keys one key group holds: "Public keys in a single key group: 5" (CloudFront Developer
 * Guide, Quotas, Quotas on key groups). Not adjustable per key group, so more keys than that cannot be
 * trusted by one distribution through the action's single key group.
 */
export const MAX_PUBLIC_KEYS_PER_KEY_GROUP = 5

/** Why this many public keys cannot go in one key group, or undefined. Pure: for input parsing. */
export function checkPublicKeyCount(count: number): string | undefined {
  if (count <= MAX_PUBLIC_KEYS_PER_KEY_GROUP) return undefined
  return `a CloudFront key group holds at most ${MAX_PUBLIC_KEYS_PER_KEY_GROUP} public keys, and ${count} are given: keep the keys that sign (the new one and the one being rotated out)`
}

/** Names the action gives its public keys and key groups (publicKeyName, keyGroupName). */
const OWN_KEY_NAME = /^cdn-publish-[0-9a-f]{12}$/

/** Whether a public key or key group name is one the action gives. */
export function isOwnKeyName(name: string): boolean {
  return OWN_KEY_NAME.test(name)
}

export function publicKeyName(pem: string): string {
  return `cdn-publish-${shortHash(canonicalPublicKey(pem))}`
}

export function keyGroupName(publicKeyIds: readonly string[]): string {
  return `cdn-publish-${shortHash([...publicKeyIds].sort().join(','))}`
}
