// siteUrl (src/cloudfront/outcome.ts): the URL of what a run published, from the distribution's aliases or
// domain and the prefix below its origin path. Pure.
import { describe, expect, it } from 'vitest'
import { siteUrl, type DistributionOutcome } from '../../src/cloudfront/outcome.js'

describe('siteUrl', () => {
  function result(fields: Partial<DistributionOutcome>): DistributionOutcome {
    return {
      id: 'E1',
      arn: 'arn',
      domain: 'd111111abcdef8.cloudfront.net',
      aliases: [],
      status: 'Deployed',
      enabled: true,
      action: 'unchanged',
      changes: [],
      owned: true,
      originPath: '',
      deployed: undefined,
      ...fields,
    }
  }

  it.each([
    ['the domain, no aliases', { originPath: '' }, '', 'https://d111111abcdef8.cloudfront.net/'],
    [
      'the first alias',
      { aliases: ['www.example.com', 'example.com'] },
      '',
      'https://www.example.com/',
    ],
    [
      'prefix at the origin path',
      { originPath: '/site' },
      'site',
      'https://d111111abcdef8.cloudfront.net/',
    ],
    [
      'prefix below the origin path',
      { originPath: '/site', aliases: ['www.example.com'] },
      'site/previews/pr-1',
      'https://www.example.com/previews/pr-1/',
    ],
    [
      'bucket-root origin',
      { originPath: '' },
      'docs',
      'https://d111111abcdef8.cloudfront.net/docs/',
    ],
    [
      'a prefix that only starts like the origin path',
      { originPath: '/site', aliases: ['www.example.com'] },
      'sitemap',
      'https://www.example.com/sitemap/',
    ],
    [
      'odd segments percent-encoded',
      { aliases: ['www.example.com'] },
      'a b/ü/100%/x#y?z',
      'https://www.example.com/a%20b/%C3%BC/100%25/x%23y%3Fz/',
    ],
  ])('%s', (_what, fields, prefix, url) => {
    const value = siteUrl(result(fields), prefix)
    expect(value).toBe(url)
    expect(value.endsWith('/')).toBe(true)
  })
})
