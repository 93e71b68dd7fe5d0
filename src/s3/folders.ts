/**
 * The folders right below a prefix (ListObjectsV2 with Delimiter '/': its CommonPrefixes, page by page),
 * and the newest object under a prefix: what prune-previews reads of the preview root.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { wrapAwsError } from '../core/errors.js'
import { listPrefix } from '../core/keys.js'
import { decodeListedKey } from './listing.js'

/** Pages read at most (1,000 folders each): a continuation that never ends stops here. */
const MAX_PAGES = 1000

/** The names of the folders right below `prefix` (`previews` -> `pr-1`, `pr-2`), sorted as S3 sorts them. */
export async function listFolders(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<string[]> {
  const under = listPrefix(prefix)
  const names: string[] = []
  const tokens = new Set<string>()
  let token: string | undefined
  try {
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: under,
          Delimiter: '/',
          EncodingType: 'url',
          ...(token ? { ContinuationToken: token } : {}),
        }),
      )
      for (const common of page.CommonPrefixes ?? []) {
        const key = decodeListedKey(common.Prefix ?? '')
        // Each common prefix is `<under><name>/`; anything else is not an answer to this listing.
        if (!key.startsWith(under) || !key.endsWith('/')) continue
        const name = key.slice(under.length, -1)
        if (name !== '' && !name.includes('/')) names.push(name)
      }
      if (page.IsTruncated !== true) return names
      token = page.NextContinuationToken
      if (!token)
        throw new Error('the listing said a page was truncated, but gave no continuation token')
      if (tokens.has(token))
        throw new Error(
          `the listing gave the continuation token ${JSON.stringify(token)} a second time: it would not end`,
        )
      tokens.add(token)
    }
    throw new Error(`more than ${MAX_PAGES} pages of folders`)
  } catch (error) {
    throw wrapAwsError(
      `list the folders under s3://${bucket}/${under} (ListObjectsV2)`,
      's3:ListBucket',
      error,
    )
  }
}
