// The AWS-managed cache and response headers policies the layer lists with Type=managed, with the ids
// AWS documents ("Use managed cache policies", "Use managed response headers policies" in the
// CloudFront Developer Guide). Managed policies cannot be updated or deleted (IllegalUpdate /
// IllegalDelete).
import { el } from './xml.mjs'

const EPOCH = '2020-06-01T00:00:00.000Z'

function cachePolicy(id, name, comment, ttl, compress) {
  return {
    id,
    type: 'managed',
    etag: 'E23ZP02F085DFQ',
    lastModified: EPOCH,
    config: el('CachePolicyConfig', {
      Comment: comment,
      Name: name,
      DefaultTTL: ttl[1],
      MaxTTL: ttl[2],
      MinTTL: ttl[0],
      ParametersInCacheKeyAndForwardedToOrigin: el('ParametersInCacheKeyAndForwardedToOrigin', [
        el('EnableAcceptEncodingGzip', String(compress)),
        el('EnableAcceptEncodingBrotli', String(compress)),
        el('HeadersConfig', { HeaderBehavior: 'none' }),
        el('CookiesConfig', { CookieBehavior: 'none' }),
        el('QueryStringsConfig', { QueryStringBehavior: 'none' }),
      ]),
    }),
  }
}

export function managedCachePolicies() {
  return [
    cachePolicy(
      '658327ea-f89d-4fab-a63d-7e88639e58f6',
      'Managed-CachingOptimized',
      'Policy with caching enabled. Supports Gzip and Brotli compression.',
      [1, 86400, 31536000],
      true,
    ),
    cachePolicy(
      '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      'Managed-CachingDisabled',
      'Policy with caching disabled',
      [0, 0, 0],
      false,
    ),
    cachePolicy(
      'b2884449-e4de-46a7-ac36-70bc7f1ddd6d',
      'Managed-CachingOptimizedForUncompressedObjects',
      'Default policy when compression is disabled',
      [1, 86400, 31536000],
      false,
    ),
  ]
}

export function managedResponseHeadersPolicies() {
  return [
    {
      id: '67f7725c-6f97-4210-82d7-5512b31e9d03',
      type: 'managed',
      etag: 'E23ZP02F085DFQ',
      lastModified: EPOCH,
      config: el('ResponseHeadersPolicyConfig', {
        Comment: 'Adds a set of security headers to every response',
        Name: 'Managed-SecurityHeadersPolicy',
        SecurityHeadersConfig: el('SecurityHeadersConfig', {
          XSSProtection: el('XSSProtection', {
            Override: 'false',
            Protection: 'true',
            ModeBlock: 'true',
          }),
          FrameOptions: el('FrameOptions', { Override: 'false', FrameOption: 'SAMEORIGIN' }),
          ReferrerPolicy: el('ReferrerPolicy', {
            Override: 'false',
            ReferrerPolicy: 'strict-origin-when-cross-origin',
          }),
          ContentTypeOptions: el('ContentTypeOptions', { Override: 'true' }),
          StrictTransportSecurity: el('StrictTransportSecurity', {
            Override: 'false',
            IncludeSubdomains: 'false',
            Preload: 'false',
            AccessControlMaxAgeSec: '31536000',
          }),
        }),
      }),
    },
    {
      id: '60669652-455b-4ae9-85a4-c4c02393f86c',
      type: 'managed',
      etag: 'E23ZP02F085DFQ',
      lastModified: EPOCH,
      config: el('ResponseHeadersPolicyConfig', {
        Comment: 'Allows all origins for simple CORS requests',
        Name: 'Managed-SimpleCORS',
        CorsConfig: el('CorsConfig', {
          AccessControlAllowOrigins: el('AccessControlAllowOrigins', {
            Quantity: '1',
            Items: el('Items', [el('Origin', '*')]),
          }),
          AccessControlAllowHeaders: el('AccessControlAllowHeaders', {
            Quantity: '1',
            Items: el('Items', [el('Header', '*')]),
          }),
          AccessControlAllowMethods: el('AccessControlAllowMethods', {
            Quantity: '1',
            Items: el('Items', [el('Method', 'ALL')]),
          }),
          AccessControlAllowCredentials: 'false',
          OriginOverride: 'false',
        }),
      }),
    },
  ]
}
