/**
 * The CloudFront Function (runtime `cloudfront-js-2.0`, event type viewer-request) that sits in front
 * of the S3 origin: it hides the action's private state and maps URLs to objects. This module only
 * builds the function's source text and its name; it never runs at the edge itself.
 */
import { createHash } from 'node:crypto'
import { STATE_DIR } from '../core/keys.js'
import { fitComment } from './limits.js'

export interface ViewerRequestOptions {
  /** Map directory URLs to their index.html (S3 REST origins do not). */
  prettyUrls: boolean
  /** Single-page app: extensionless paths that are not files get /index.html. */
  spa: boolean
  /**
   * Where previews live, relative to the origin path (`previews`): a path under `/<root>/<label>/` is its
   * own site, whose SPA fallback is its own index.html. Empty: no previews.
   */
  previewRoot?: string
  /** Host-based previews: `<label>.<previewDomain>/x` is served from `/<previewRoot>/<label>/x`. */
  previewDomain?: string
}

/**
 * The generated function. Plain JavaScript for cloudfront-js-2.0 (ES5.1 plus `const`): no imports,
 * no `require`, no async. The options are constants at the top, so the same options always give the
 * same bytes. `.well-known/` stays out of the rewrites: files there are often extensionless
 * (`apple-app-site-association`, ACME tokens) and must never be answered with a page.
 */
const TEMPLATE = `// cdn-publish viewer-request function (cloudfront-js-2.0). Generated: do not edit.
const PRETTY_URLS = __PRETTY_URLS__;
const SPA = __SPA__;
const STATE_DIR = __STATE_DIR__;
const PREVIEW_ROOT = __PREVIEW_ROOT__;
const PREVIEW_DOMAIN = __PREVIEW_DOMAIN__;

// True when a path segment is the state directory. The path is checked decoded too, because S3
// decodes the key: /%2Ecdn-publish/state.json is the same object as /.cdn-publish/state.json.
function isPrivate(uri) {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch (e) {
    // malformed escapes: check the path as sent
  }
  return path.split('/').indexOf(STATE_DIR) !== -1;
}

// The preview label of a host under the preview domain (pr-42.preview.example.com -> pr-42), or ''.
function previewLabel(request) {
  if (PREVIEW_DOMAIN === '' || !request.headers.host) return '';
  const host = request.headers.host.value.toLowerCase().replace(/:\\d+$/, '');
  const suffix = '.' + PREVIEW_DOMAIN;
  if (host.length <= suffix.length || host.slice(-suffix.length) !== suffix) return '';
  const label = host.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(label) ? label : '';
}

// The root of the site a path belongs to: a preview's own folder, or /.
function siteRoot(uri) {
  if (PREVIEW_ROOT === '' || uri.indexOf(PREVIEW_ROOT) !== 0) return '/';
  const rest = uri.slice(PREVIEW_ROOT.length);
  if (rest === '') return '/';
  const slash = rest.indexOf('/');
  return slash === -1 ? PREVIEW_ROOT + rest + '/' : PREVIEW_ROOT + rest.slice(0, slash + 1);
}

function handler(event) {
  const request = event.request;
  if (isPrivate(request.uri)) {
    return { statusCode: 404, statusDescription: 'Not Found', headers: {} };
  }
  const wellKnown = request.uri.indexOf('/.well-known/') === 0;
  const label = previewLabel(request);
  if (label !== '') {
    // each preview host is its own site: the rewritten URI keeps its cache entries apart
    request.uri = PREVIEW_ROOT + label + request.uri;
  }
  const uri = request.uri;
  if (wellKnown) {
    return request;
  }
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) {
    // a file: served as is, so that a missing asset is a 404 and never the app shell
    return request;
  }
  if (SPA) {
    request.uri = siteRoot(uri) + 'index.html';
  } else if (PRETTY_URLS) {
    request.uri = last === '' ? uri + 'index.html' : uri + '/index.html';
  }
  return request;
}
`

/**
 * A single-quoted JavaScript string literal. A preview root is an S3 prefix and may hold `'` or `\`;
 * plain text gives the same bytes as before, so existing functions keep their names.
 */
export function literal(text: string): string {
  let out = ''
  for (const c of text) {
    const code = c.charCodeAt(0)
    const unsafe =
      c === "'" || c === '\\' || code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029
    out += unsafe ? `\\u${code.toString(16).padStart(4, '0')}` : c
  }
  return `'${out}'`
}

/** The function's JavaScript source; the same options always give the same bytes. */
export function viewerRequestCode(options: ViewerRequestOptions): string {
  // A function as the replacement: `$&` and the like in a value are not patterns.
  return TEMPLATE.replace('__PRETTY_URLS__', () => String(options.prettyUrls === true))
    .replace('__SPA__', () => String(options.spa === true))
    .replace('__STATE_DIR__', () => literal(STATE_DIR))
    .replace('__PREVIEW_ROOT__', () =>
      literal(options.previewRoot ? `/${options.previewRoot}/` : ''),
    )
    .replace('__PREVIEW_DOMAIN__', () => literal(options.previewDomain ?? ''))
}

/** The Comment of the viewer-request function, within CloudFront's 128 characters whatever the domain. */
export function viewerRequestComment(options: ViewerRequestOptions): string {
  const previews = options.previewDomain ? `, previews at *.${options.previewDomain}` : ''
  return fitComment(
    `${FUNCTION_COMMENT_PREFIX}request (pretty-urls: ${options.prettyUrls}, spa: ${options.spa}${previews})`,
  )
}

export function viewerResponseComment(): string {
  return fitComment(`${FUNCTION_COMMENT_PREFIX}response (noindex on previews)`)
}

/** How the comments of the action's functions start (a clean-up checks it along with the name). */
export const FUNCTION_COMMENT_PREFIX = 'cdn-publish viewer '

/** Whether a function name is one viewerRequestName gives. */
export function isOwnFunctionName(name: string): boolean {
  return /^cdn-publish-[0-9a-f]{8}$/.test(name)
}

/**
 * The viewer-response function for previews: `X-Robots-Tag: noindex` on every response of a preview
 * (by path or by host), so that search engines never index them.
 */
export function viewerResponseCode(options: {
  previewRoot: string
  previewDomain: string | undefined
}): string {
  return `// cdn-publish viewer-response function (cloudfront-js-2.0). Generated: do not edit.
const PREVIEW_ROOT = ${literal(`/${options.previewRoot}/`)};
const PREVIEW_DOMAIN = ${literal(options.previewDomain ?? '')};

function handler(event) {
  const request = event.request;
  const response = event.response;
  const host = request.headers.host ? request.headers.host.value.toLowerCase().replace(/:\\d+$/, '') : '';
  const byHost = PREVIEW_DOMAIN !== '' && host.slice(-(PREVIEW_DOMAIN.length + 1)) === '.' + PREVIEW_DOMAIN;
  if (byHost || request.uri.indexOf(PREVIEW_ROOT) === 0) {
    response.headers['x-robots-tag'] = { value: 'noindex, nofollow' };
  }
  return response;
}
`
}

/** A name for the function that changes whenever the code changes: `cdn-publish-<8 hex>`. */
export function viewerRequestName(code: string): string {
  const digest = createHash('sha256').update(code, 'utf8').digest('hex')
  return `cdn-publish-${digest.slice(0, 8)}`
}
