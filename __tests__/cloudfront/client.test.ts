// CloudFrontApi (src/cloudfront/client.ts, with functions.ts, policies.ts and keys.ts) against the strict AWS layer, which answers 409 *AlreadyExists,
// InvalidTagging and too-long Comments as real CloudFront does. A concurrent deploy is played by a second
// client that creates the same resource just before the one under test does. The layer is shared with
// other files: every name here is this run's own.
import {
  CloudFrontClient,
  CreateFunctionCommand,
  CreateKeyGroupCommand,
  CreateOriginAccessControlCommand,
  CreatePublicKeyCommand,
  type ServiceInputTypes,
} from '@aws-sdk/client-cloudfront'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'
import { CloudFrontApi } from '../../src/cloudfront/client.js'
import {
  MANAGED,
  MARK_TAG,
  createConfig,
  legacyMarkTag,
  markTag,
} from '../../src/cloudfront/distribution.js'
import { canonicalPublicKey } from '../../src/cloudfront/signing.js'

const endpoint = inject('awsEndpoint')
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const run = randomBytes(4).toString('hex')

function client(): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 })
}

type Command = { input: ServiceInputTypes; constructor: { name: string } }

/**
 * A CloudFrontApi whose create of `race` is preceded by the same create from another client: the
 * resource appears between the action's list and its create, as when two deploys run at once.
 */
function racedApi(race: string) {
  const real = client()
  const other = client()
  let raced = 0
  const wrapper = {
    send: async (command: Command) => {
      if (command.constructor.name === race) {
        raced++
        const Ctor = command.constructor as new (input: ServiceInputTypes) => Command
        await other.send(new Ctor(structuredClone(command.input)) as never)
      }
      return real.send(command as never)
    },
  }
  return { api: new CloudFrontApi(wrapper as unknown as CloudFrontClient), raced: () => raced }
}

describe('409 AlreadyExists from the strict layer: the resource is read back and used', () => {
  it('an Origin Access Control', async () => {
    const { api, raced } = racedApi(CreateOriginAccessControlCommand.name)
    const name = `cdn-publish-strict-${run}`
    const got = await api.policies.ensureOriginAccessControl(name, 'cdn-publish: strict test')
    expect(raced()).toBe(1)
    expect(got.created).toBe(false)
    expect(got.id).not.toBe('')
    // and a later run finds the same one
    expect(await new CloudFrontApi(client()).policies.ensureOriginAccessControl(name, 'x')).toEqual(
      got,
    )
  })

  it('a public key, then a key group', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString()
    const canonical = canonicalPublicKey(pem)
    const keyRace = racedApi(CreatePublicKeyCommand.name)
    const key = await keyRace.api.keys.ensurePublicKey(
      canonical,
      `cdn-publish-k${run}`,
      canonicalPublicKey,
    )
    expect(keyRace.raced()).toBe(1)
    expect(key.created).toBe(false)
    expect(key.id).not.toBe('')
    const groupRace = racedApi(CreateKeyGroupCommand.name)
    const group = await groupRace.api.keys.ensureKeyGroup(`cdn-publish-g${run}`, [key.id])
    expect(groupRace.raced()).toBe(1)
    expect(group.created).toBe(false)
    expect(group.id).not.toBe('')
  })

  it('a CloudFront Function (created, not yet published, by the other deploy): published and used', async () => {
    const { api, raced } = racedApi(CreateFunctionCommand.name)
    const name = `cdn-publish-f${run}`
    const code = `function handler(event) { return event.request; } // ${run}`
    // a comment past 128 characters is bounded before it is sent (the layer refuses longer ones)
    const fn = await api.functions.ensure(
      name,
      code,
      `cdn-publish viewer request ${'x'.repeat(200)}`,
    )
    expect(raced()).toBe(1)
    expect(fn?.arn).toContain(name)
  })
})

describe('the mark tag through the strict layer', () => {
  it('a prefix with ~ ( ): the new tag value is accepted where the raw one earlier versions sent is refused', async () => {
    const api = new CloudFrontApi(client())
    const bucket = `strict-mark-${run}`
    const prefix = '~team/docs (beta)'
    const oac = await api.policies.ensureOriginAccessControl(`cdn-publish-${bucket}`, 'strict test')
    const config = (reference: string) =>
      createConfig({
        callerReference: reference,
        bucket,
        prefix,
        region: 'us-east-1',
        aliases: [],
        certificateArn: undefined,
        priceClass: 'PriceClass_100',
        originAccessControlId: oac.id,
        cachePolicyId: MANAGED.cachingOptimized,
        functions: {},
      })
    await expect(
      api.create(config(`legacy-${run}`), { [MARK_TAG]: legacyMarkTag(bucket, prefix) }),
    ).rejects.toThrow(/InvalidTagging/)
    const view = await api.create(config(`new-${run}`), { [MARK_TAG]: markTag(bucket, prefix) })
    expect((await api.tags(view.arn))[MARK_TAG]).toBe(markTag(bucket, prefix))
  })
})
