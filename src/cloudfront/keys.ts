/**
 * Signed access on the CloudFront side: the public keys viewers' signatures are checked with and the key
 * group a distribution trusts. Registered when missing (named by a hash of their content, never edited),
 * read back on a 409 *AlreadyExists, and listed and deleted for the clean-up.
 */
import {
  CreateKeyGroupCommand,
  CreatePublicKeyCommand,
  DeleteKeyGroupCommand,
  DeletePublicKeyCommand,
  GetKeyGroupCommand,
  GetPublicKeyCommand,
  ListKeyGroupsCommand,
  ListPublicKeysCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront'
import { errorName, wrapAwsError } from '../core/errors.js'
import { fitComment } from './limits.js'
import { OWN_COMMENT, latest, type OwnedCandidate } from './owned.js'

export class KeysApi {
  constructor(private readonly client: CloudFrontClient) {}

  private async findPublicKey(
    canonicalPem: string,
    name: string,
    canonical: (pem: string) => string,
  ): Promise<string | undefined> {
    let marker: string | undefined
    let named: string | undefined
    do {
      const page = await this.client.send(new ListPublicKeysCommand({ Marker: marker }))
      for (const item of page.PublicKeyList?.Items ?? []) {
        let same = false
        try {
          same = canonical(item.EncodedKey ?? '') === canonicalPem
        } catch {
          same = false
        }
        if (same && item.Id) return item.Id
        if (item.Name === name && item.Id) named = item.Id
      }
      marker = page.PublicKeyList?.NextMarker
    } while (marker)
    // The name is a hash of the material: a key of this name whose material reads differently (list
    // entries may be re-wrapped) is still this key.
    return named
  }

  /**
   * The id of the registered public key with this material, registered (under `name`) when missing; on 409
   * PublicKeyAlreadyExists (a concurrent deploy registered it) the one there is used.
   */
  async ensurePublicKey(
    canonicalPem: string,
    name: string,
    canonical: (pem: string) => string,
  ): Promise<{ id: string; created: boolean }> {
    try {
      const existing = await this.findPublicKey(canonicalPem, name, canonical)
      if (existing) return { id: existing, created: false }
      try {
        const created = await this.client.send(
          new CreatePublicKeyCommand({
            PublicKeyConfig: {
              CallerReference: name,
              Name: name,
              EncodedKey: `${canonicalPem}\n`,
              Comment: fitComment(OWN_COMMENT),
            },
          }),
        )
        return { id: created.PublicKey?.Id ?? '', created: true }
      } catch (error) {
        if (errorName(error) !== 'PublicKeyAlreadyExists') throw error
        const id = await this.findPublicKey(canonicalPem, name, canonical)
        if (!id) throw error
        return { id, created: false }
      }
    } catch (error) {
      throw wrapAwsError(
        `register the public key ${name}`,
        'cloudfront:ListPublicKeys and cloudfront:CreatePublicKey',
        error,
      )
    }
  }

  private async findKeyGroup(name: string): Promise<string | undefined> {
    let marker: string | undefined
    do {
      const page = await this.client.send(new ListKeyGroupsCommand({ Marker: marker }))
      const found = page.KeyGroupList?.Items?.find((i) => i.KeyGroup?.KeyGroupConfig?.Name === name)
      if (found?.KeyGroup?.Id) return found.KeyGroup.Id
      marker = page.KeyGroupList?.NextMarker
    } while (marker)
    return undefined
  }

  /**
   * The key group with this name and exactly these keys, created when missing (never edited: the name is
   * a hash of the key ids); on 409 KeyGroupAlreadyExists (a concurrent deploy made it) the one there is used.
   */
  async ensureKeyGroup(
    name: string,
    publicKeyIds: readonly string[],
  ): Promise<{ id: string; created: boolean }> {
    try {
      const existing = await this.findKeyGroup(name)
      if (existing) return { id: existing, created: false }
      try {
        const created = await this.client.send(
          new CreateKeyGroupCommand({
            KeyGroupConfig: {
              Name: name,
              Items: [...publicKeyIds],
              Comment: fitComment(OWN_COMMENT),
            },
          }),
        )
        return { id: created.KeyGroup?.Id ?? '', created: true }
      } catch (error) {
        if (errorName(error) !== 'KeyGroupAlreadyExists') throw error
        const id = await this.findKeyGroup(name)
        if (!id) throw error
        return { id, created: false }
      }
    } catch (error) {
      throw wrapAwsError(
        `ensure the key group ${name}`,
        'cloudfront:ListKeyGroups and cloudfront:CreateKeyGroup',
        error,
      )
    }
  }

  async listKeyGroups(): Promise<Array<OwnedCandidate & { publicKeyIds: string[] }>> {
    try {
      const groups: Array<OwnedCandidate & { publicKeyIds: string[] }> = []
      let marker: string | undefined
      do {
        const page = await this.client.send(new ListKeyGroupsCommand({ Marker: marker }))
        for (const item of page.KeyGroupList?.Items ?? []) {
          const g = item.KeyGroup
          if (!g?.Id) continue
          groups.push({
            id: g.Id,
            name: g.KeyGroupConfig?.Name ?? '',
            comment: g.KeyGroupConfig?.Comment ?? '',
            changed: latest(g.LastModifiedTime),
            publicKeyIds: g.KeyGroupConfig?.Items ?? [],
          })
        }
        marker = page.KeyGroupList?.NextMarker
      } while (marker)
      return groups
    } catch (error) {
      throw wrapAwsError('list CloudFront key groups', 'cloudfront:ListKeyGroups', error)
    }
  }

  async listPublicKeys(): Promise<OwnedCandidate[]> {
    try {
      const keys: OwnedCandidate[] = []
      let marker: string | undefined
      do {
        const page = await this.client.send(new ListPublicKeysCommand({ Marker: marker }))
        for (const k of page.PublicKeyList?.Items ?? []) {
          if (!k.Id) continue
          keys.push({
            id: k.Id,
            name: k.Name ?? '',
            comment: k.Comment ?? '',
            changed: latest(k.CreatedTime),
          })
        }
        marker = page.PublicKeyList?.NextMarker
      } while (marker)
      return keys
    } catch (error) {
      throw wrapAwsError('list CloudFront public keys', 'cloudfront:ListPublicKeys', error)
    }
  }

  async deleteKeyGroup(id: string): Promise<void> {
    try {
      const got = await this.client.send(new GetKeyGroupCommand({ Id: id }))
      await this.client.send(new DeleteKeyGroupCommand({ Id: id, IfMatch: got.ETag }))
    } catch (error) {
      throw wrapAwsError(
        `delete the key group ${id}`,
        'cloudfront:GetKeyGroup and cloudfront:DeleteKeyGroup',
        error,
      )
    }
  }

  async deletePublicKey(id: string): Promise<void> {
    try {
      const got = await this.client.send(new GetPublicKeyCommand({ Id: id }))
      await this.client.send(new DeletePublicKeyCommand({ Id: id, IfMatch: got.ETag }))
    } catch (error) {
      throw wrapAwsError(
        `delete the public key ${id}`,
        'cloudfront:GetPublicKey and cloudfront:DeletePublicKey',
        error,
      )
    }
  }
}
