/**
 * Everything that needs the S3 SDK, behind one module that main.ts loads with a dynamic import while
 * the walk of the source waits for the file system: compiling the SDK (~0.1 s) then overlaps the walk
 * and the hash instead of preceding them.
 */
export { BucketAdmin } from './bucket-setup.js'
export { DryRunStore } from './dry-run-store.js'
export { S3Store, createS3Client } from './s3-store.js'
