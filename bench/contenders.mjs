// The tools the benchmark compares, each with its documented settings for "make this bucket mirror this
// directory" (deletes on), at its default concurrency and at one tuned setting. A tool that is not
// installed is skipped with a note. Every tool gets dummy credentials and only the loopback proxy as its
// endpoint; its configuration lives in a temporary directory that is also its HOME.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOutputs } from './outputs.mjs'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const bundle = path.join(root, 'dist', 'index.js')

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
}

function firstLine(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 })
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? ''
}

/** The real `aws` script behind a pyenv shim (the shim adds ~100 ms of bash and pyenv per call). */
function awsCommand() {
  const found = which('aws')
  if (!found) return undefined
  if (found.includes('/.pyenv/shims/')) {
    const r = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' })
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim()
  }
  return found
}

/** A minimal environment: no AWS_*, INPUT_* or GITHUB_* from the harness's own. */
function baseEnv(home) {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
  }
  return env
}

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
}

/**
 * Each contender: name, setting ('default' | 'tuned'), concurrency (requests in flight it allows),
 * version, note (why skipped, or a caveat), headerRules (can set Cache-Control by path rule),
 * and prepare(ctx) -> { command, args, env, after?(result) } for one run of one scenario.
 *
 * ctx: { endpoint, bucket, siteDir, workDir, cacheValue } where cacheValue is the Cache-Control the
 * scenario asks for the data/** files (the "one cache rule").
 */
export function contenders({ bundlePath = bundle, bundleVersion = '' } = {}) {
  const list = []

  // cdn-publish: the bundled action, run as the runner runs it (from a snapshot the harness takes at the
  // start, so that a rebuild of dist/ during a run cannot mix two versions in one table).
  const cdnAvailable = existsSync(bundlePath)
  for (const [setting, concurrency] of [
    ['default', 32],
    ['tuned', 64],
  ]) {
    list.push({
      name: 'cdn-publish',
      setting,
      concurrency,
      available: cdnAvailable,
      note: cdnAvailable ? '' : 'dist/index.js is missing: run npm run bundle',
      version: bundleVersion || `node ${process.version}`,
      headers: 'per-path rules; header-only changes applied in place (CopyObject)',
      async prepare(ctx) {
        const outputFile = path.join(ctx.workDir, 'github-output')
        const summaryFile = path.join(ctx.workDir, 'github-summary')
        await fs.writeFile(outputFile, '')
        await fs.writeFile(summaryFile, '')
        const env = {
          ...baseEnv(ctx.workDir),
          ...CREDENTIALS,
          AWS_ENDPOINT_URL_S3: ctx.endpoint,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          GITHUB_WORKSPACE: ctx.workDir,
          // The AWS SDK warns on Node 20 that its next versions need Node 22 (the action runs on node24).
          NODE_NO_WARNINGS: '1',
          INPUT_SOURCE: ctx.siteDir,
          INPUT_BUCKET: ctx.bucket,
          'INPUT_CREATE-DISTRIBUTION': 'false',
          'INPUT_MAX-DELETES': '-1',
          INPUT_CONCURRENCY: String(concurrency),
          'INPUT_CACHE-CONTROL': `data/**: ${ctx.cacheValue}`,
        }
        return {
          command: process.execPath,
          args: [bundlePath],
          env,
          async after() {
            const text = await fs.readFile(outputFile, 'utf8').catch(() => '')
            return { outputs: parseOutputs(text) }
          },
        }
      },
    })
  }

  // AWS CLI: `aws s3 sync --delete`; concurrency from the config file's s3.max_concurrent_requests.
  const aws = awsCommand()
  const awsVersion = aws ? firstLine(aws, ['--version']) : ''
  for (const [setting, concurrency] of [
    ['default', 10],
    ['tuned32', 32],
    ['tuned', 64],
  ]) {
    list.push({
      name: 'aws s3 sync',
      setting,
      concurrency,
      available: Boolean(aws),
      note: aws ? '' : 'aws (AWS CLI) is not installed',
      version: awsVersion,
      headers: 'one --cache-control for every uploaded file; unchanged files are never touched',
      async prepare(ctx) {
        const config = path.join(ctx.workDir, 'aws-config')
        await fs.writeFile(
          config,
          '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n' +
            (setting !== 'default'
              ? `  max_concurrent_requests = ${concurrency}\n  max_queue_size = 10000\n`
              : ''),
        )
        return {
          command: aws,
          args: [
            's3',
            'sync',
            ctx.siteDir,
            `s3://${ctx.bucket}/`,
            '--delete',
            '--no-progress',
            '--cache-control',
            ctx.cacheValue,
            '--endpoint-url',
            ctx.endpoint,
          ],
          env: {
            ...baseEnv(ctx.workDir),
            ...CREDENTIALS,
            AWS_CONFIG_FILE: config,
            AWS_SHARED_CREDENTIALS_FILE: path.join(ctx.workDir, 'aws-credentials-none'),
          },
        }
      },
    })
  }

  // s3cmd: sequential (one request at a time; it has no concurrency setting).
  const s3cmd = which('s3cmd')
  list.push({
    name: 's3cmd sync',
    setting: 'default',
    concurrency: 1,
    available: Boolean(s3cmd),
    note: s3cmd
      ? 'sequential: s3cmd has no concurrency setting (no tuned row)'
      : 's3cmd is not installed',
    version: s3cmd ? firstLine(s3cmd, ['--version']) : '',
    headers: 'one --add-header for every uploaded file; unchanged files are never touched',
    async prepare(ctx) {
      const host = new URL(ctx.endpoint).host
      const config = path.join(ctx.workDir, 's3cfg')
      await fs.writeFile(
        config,
        [
          '[default]',
          'access_key = bench',
          'secret_key = bench',
          `host_base = ${host}`,
          `host_bucket = ${host}`,
          'use_https = False',
          'signature_v2 = False',
          'bucket_location = us-east-1',
          'progress_meter = False',
          'guess_mime_type = True',
          '',
        ].join('\n'),
      )
      return {
        command: s3cmd,
        args: [
          '-c',
          config,
          'sync',
          '--delete-removed',
          '--no-progress',
          `--add-header=Cache-Control:${ctx.cacheValue}`,
          `${ctx.siteDir}/`,
          `s3://${ctx.bucket}/`,
        ],
        env: baseEnv(ctx.workDir),
      }
    },
  })

  // rclone: `rclone sync` to an S3 remote (provider Other, path style). --checksum because a CI build
  // gives every file a new modification time; --fast-list for one recursive listing instead of one per
  // directory; no_check_bucket because the bucket exists. AWS_CA_BUNDLE is left out of its environment.
  const rclone = which('rclone')
  for (const [setting, transfers] of [
    ['default', 4],
    ['tuned', 32],
  ]) {
    list.push({
      name: 'rclone sync',
      setting,
      concurrency: transfers,
      available: Boolean(rclone),
      note: rclone ? '' : 'rclone is not installed',
      version: rclone ? firstLine(rclone, ['version']) : '',
      headers: 'one --header-upload for every uploaded file; unchanged files are never touched',
      async prepare(ctx) {
        const config = path.join(ctx.workDir, 'rclone.conf')
        await fs.writeFile(
          config,
          [
            '[bench]',
            'type = s3',
            'provider = Other',
            'access_key_id = bench',
            'secret_access_key = bench',
            `endpoint = ${ctx.endpoint}`,
            'region = us-east-1',
            'force_path_style = true',
            'no_check_bucket = true',
            '',
          ].join('\n'),
        )
        return {
          command: rclone,
          args: [
            'sync',
            ctx.siteDir,
            `bench:${ctx.bucket}`,
            '--config',
            config,
            '--checksum',
            '--fast-list',
            '--header-upload',
            `Cache-Control: ${ctx.cacheValue}`,
            ...(setting === 'tuned'
              ? ['--transfers', String(transfers), '--checkers', String(transfers)]
              : []),
          ],
          env: baseEnv(ctx.workDir),
        }
      },
    })
  }
  return list
}
