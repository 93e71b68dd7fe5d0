/**
 * Everything that needs the CloudFront SDK, behind one module that the shell (deploy/sides.ts) loads with a
 * dynamic import only when a distribution is involved: a run that only syncs never compiles it.
 */
export { CloudFrontApi, createCloudFrontClient } from './client.js'
export { createIfMissing, ensureDistribution } from './ensure.js'
export { siteUrl } from './outcome.js'
export { invalidate } from './invalidate.js'
export { signUrls } from './sign-urls.js'
export { teardownDistribution } from './teardown.js'
export { readRemembered, rememberOf } from './remembered.js'
