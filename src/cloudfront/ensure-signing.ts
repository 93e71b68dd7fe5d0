/**
 * Signed access: register the public keys and the key group they form (./keys.ts), and decide which key
 * groups the distribution trusts.
 */
import type { CdnConfig } from '../core/config.js'
import type { Log } from '../core/ports.js'
import type { KeysApi } from './keys.js'
import type { SigningSetup } from './outcome.js'
import { canonicalPublicKey, keyGroupName, publicKeyName, publicKeyOf } from './signing.js'

export interface SigningArgs {
  keys: Pick<KeysApi, 'ensurePublicKey' | 'ensureKeyGroup'>
  log: Log
  dryRun: boolean
  cdn: Pick<CdnConfig, 'publicKeys' | 'privateKey'>
}

/**
 * Register the public keys and the key group they form (signed access), or nothing for public access.
 * undefined in a dry run or when no key is given.
 */
export async function ensureSigning(args: SigningArgs): Promise<SigningSetup | undefined> {
  const cdn = args.cdn
  if (cdn.publicKeys.length === 0 || args.dryRun) return undefined
  const ids: string[] = []
  for (const pem of cdn.publicKeys) {
    const canonical = canonicalPublicKey(pem)
    const name = publicKeyName(pem)
    const key = await args.keys.ensurePublicKey(canonical, name, canonicalPublicKey)
    if (key.created) args.log.info(`Registered public key ${key.id} (${name}).`)
    ids.push(key.id)
  }
  const groupName = keyGroupName(ids)
  const group = await args.keys.ensureKeyGroup(groupName, ids)
  if (group.created)
    args.log.info(`Created key group ${group.id} (${groupName}) with ${ids.join(', ')}.`)
  let signingKeyId: string | undefined
  if (cdn.privateKey) {
    const mine = publicKeyOf(cdn.privateKey)
    signingKeyId = ids[cdn.publicKeys.findIndex((p) => canonicalPublicKey(p) === mine)]
  }
  return { keyGroupId: group.id, publicKeyIds: ids, signingKeyId }
}

/**
 * The key groups to trust: signed -> the group; public -> none. Not set: left as it is, so a run without
 * viewer-access (a preview, say) never opens a signed distribution; a new one starts public.
 */
export function trustedGroups(
  access: CdnConfig['viewerAccess'],
  signing: SigningSetup | undefined,
): string[] | undefined {
  if (access === undefined) return undefined
  if (access === 'public') return []
  return signing ? [signing.keyGroupId] : undefined
}
