/**
 * Everything that needs the S3 SDK, behind one module that main.ts loads with a dynamic import only
 * when something is to be written (or the bucket cannot be read without it): a no-op deploy never
 * compiles it (see ./lazy-store.ts).
 */
export { BucketAdmin } from './bucket-admin.js'
export { S3Store, createS3Client } from './store.js'
