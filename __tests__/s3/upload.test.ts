// Uploads against a fake S3 client that holds every request until the test lets it go: the memory
// budgets (not the request concurrency) bound the bytes read and not yet sent, and a large file that
// changed since the scan is aborted, not completed. (Uploads over HTTP: store.test.ts.)
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { afterAll, describe, expect, it } from 'vitest'
import type { LocalFile } from '../../src/core/ports.js'
import { RequestGate, type Target } from '../../src/s3/requests.js'
import { MEMORY_BUDGET, PART_BUDGET, PART_SIZE, Uploader } from '../../src/s3/upload.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-upload-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const MiB = 1024 * 1024
const headers = { contentType: 'application/octet-stream', cacheControl: 'no-cache' }

function fileOf(name: string, bytes: Buffer): Omit<LocalFile, 'key'> {
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  return {
    path: file,
    size: bytes.length,
    md5: createHash('md5').update(bytes).digest('hex'),
    mtimeMs: 0,
  }
}

interface Held {
  command: string
  input: {
    Key?: string
    Body?: Buffer
    PartNumber?: number
    MultipartUpload?: { Parts?: unknown[] }
  }
  release: () => void
}

/** An S3 client whose PUTs and parts wait for `releaseAll`; the others answer at once. */
function holdingTarget(concurrency: number) {
  const held: Held[] = []
  const seen: Held[] = []
  const client = {
    send(command: { constructor: { name: string }; input: Held['input'] }) {
      const name = command.constructor.name
      if (name === 'CreateMultipartUploadCommand') return Promise.resolve({ UploadId: 'up-1' })
      if (name === 'CompleteMultipartUploadCommand' || name === 'AbortMultipartUploadCommand') {
        seen.push({ command: name, input: command.input, release: () => undefined })
        return Promise.resolve({ ETag: '"done"' })
      }
      return new Promise((resolve) => {
        const entry = {
          command: name,
          input: command.input,
          release: () => resolve({ ETag: `"${name}"` }),
        }
        held.push(entry)
        seen.push(entry)
      })
    },
  }
  const target: Target = {
    client: client as unknown as S3Client,
    bucket: 'bucket',
    prefix: '',
    requests: new RequestGate(concurrency, 's3://bucket/'),
  }
  return {
    target,
    held,
    seen,
    releaseAll() {
      for (const entry of held.splice(0)) entry.release()
    },
  }
}

/** Let every read and send that can start now start (no clock involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** Run `uploads` to the end, letting the held requests go a round at a time; the largest round. */
async function inRounds(
  fake: ReturnType<typeof holdingTarget>,
  uploads: Promise<unknown>,
): Promise<{ requests: number; bytes: number }> {
  let done = false
  void uploads.finally(() => (done = true)).catch(() => undefined)
  const most = { requests: 0, bytes: 0 }
  while (!done) {
    await settle()
    const bytes = fake.held.reduce((sum, h) => sum + (h.input.Body?.length ?? 0), 0)
    most.requests = Math.max(most.requests, fake.held.length)
    most.bytes = Math.max(most.bytes, bytes)
    fake.releaseAll()
  }
  await uploads
  return most
}

describe('Uploader', () => {
  it('holds at most MEMORY_BUDGET of small files at once, however many requests may be in flight', async () => {
    const fake = holdingTarget(64)
    const uploader = new Uploader(fake.target, () => Promise.resolve(undefined))
    const body = fileOf('two-mib', randomBytes(2 * MiB))
    const files = Array.from({ length: 40 }, (_, i) => ({ ...body, key: `f${i}.bin` }))
    const most = await inRounds(fake, Promise.all(files.map((f) => uploader.upload(f, headers))))
    expect(most).toEqual({ requests: MEMORY_BUDGET / (2 * MiB), bytes: MEMORY_BUDGET })
    expect(fake.seen.filter((s) => s.command === 'PutObjectCommand')).toHaveLength(40)
  })

  it('holds at most PART_BUDGET of parts at once across large files, and sends every byte in order', async () => {
    const fake = holdingTarget(64)
    const uploader = new Uploader(fake.target, () => Promise.resolve(undefined))
    const bytes = randomBytes(5 * PART_SIZE - 5)
    const big = fileOf('forty-mib', bytes)
    const most = await inRounds(
      fake,
      Promise.all(['a.bin', 'b.bin'].map((key) => uploader.upload({ ...big, key }, headers))),
    )
    expect(most).toEqual({ requests: PART_BUDGET / PART_SIZE, bytes: PART_BUDGET })
    const parts = fake.seen.filter((s) => s.command === 'UploadPartCommand')
    expect(parts).toHaveLength(10)
    for (const key of ['a.bin', 'b.bin']) {
      const sent = parts
        .filter((p) => p.input.Key === key)
        .sort((x, y) => x.input.PartNumber! - y.input.PartNumber!)
      expect(Buffer.concat(sent.map((p) => p.input.Body!)).equals(bytes)).toBe(true)
    }
    const completes = fake.seen.filter((s) => s.command === 'CompleteMultipartUploadCommand')
    expect(completes.map((c) => c.input.MultipartUpload?.Parts?.length)).toEqual([5, 5])
  })

  it('a large file changed since the scan (same size) is aborted, not completed, and named', async () => {
    const fake = holdingTarget(8)
    const uploader = new Uploader(fake.target, () => Promise.resolve(undefined))
    const bytes = randomBytes(2 * PART_SIZE + 1)
    const big = { ...fileOf('changed-big', bytes), key: 'video/big.mp4' }
    bytes[PART_SIZE + 5] = bytes[PART_SIZE + 5]! ^ 0xff
    fs.writeFileSync(big.path, bytes)
    await expect(inRounds(fake, uploader.upload(big, headers))).rejects.toThrow(
      'Could not upload video/big.mp4 to s3://bucket/video/big.mp4 in 3 parts (multipart upload): video/big.mp4 changed on disk during the deploy',
    )
    expect(fake.seen.map((s) => s.command)).toEqual([
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'AbortMultipartUploadCommand',
    ])
  })
})
