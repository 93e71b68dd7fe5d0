/**
 * Everything that needs the S3 SDK, behind one module that the deploy loads with a dynamic import
 * (deploy/sides.ts), so that the SDK is compiled only when the S3 side is reached.
 */
export { BucketAdmin } from './bucket-admin.js'
export { createS3Client, type ClientOptions } from './client.js'
export { requestGate, S3Store, type StoreOptions } from './store.js'
export { listFolders } from './folders.js'
