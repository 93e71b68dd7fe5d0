/** What the runner must mask before anything is printed: credentials and private keys. */
import * as core from '@actions/core'
import type { Env } from './readers.js'

/** Register a private key as a secret, line by line too (the runner masks per line). */
export function maskKey(pem: string | undefined): void {
  if (!pem) return
  core.setSecret(pem)
  for (const line of pem.split(/\r?\n/))
    if (line.trim() && !line.startsWith('-----')) core.setSecret(line.trim())
}

/**
 * Mask every credential the step can see before anything is printed: an endpoint that echoes request
 * headers in an error would otherwise print them, and a private key pasted into public-key would show.
 */
export function maskCredentials(env: Env): void {
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = env[name]?.trim()
    if (value) core.setSecret(value)
  }
  for (const name of ['INPUT_PRIVATE-KEY', 'INPUT_PUBLIC-KEY']) {
    const pems = env[name]?.match(
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
    )
    for (const pem of pems ?? []) maskKey(pem)
  }
}
