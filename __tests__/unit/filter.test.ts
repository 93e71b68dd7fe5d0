import { describe, expect, it } from 'vitest'
import { compileFilter, type Verdict } from '../../src/filter.js'

describe('compileFilter: verdicts', () => {
  // [include, exclude, key, verdict]
  const cases: Array<[string[], string[], string, Verdict]> = [
    // hidden files stay out
    [['**'], [], 'index.html', 'included'],
    [['**'], [], 'a/b/c.js', 'included'],
    [['**'], [], '.env', 'secret'],
    [['**'], [], '.env.production', 'secret'],
    [['**'], [], '.hidden/a', 'hidden'],
    [['**'], [], 'a/.DS_Store', 'hidden'],
    [['**'], [], '.htaccess', 'hidden'],
    [['**'], [], 'a/.git/config', 'secret'],
    // well-known URIs are published
    [['**'], [], '.well-known/security.txt', 'included'],
    [['**'], [], '.well-known/acme/x', 'included'],
    // an include naming a hidden path includes it
    [['**', '.htaccess'], [], '.htaccess', 'included'],
    [['**', '**/.htaccess'], [], 'sub/.htaccess', 'included'],
    [['**', '.github/**'], [], '.github/workflow.yml', 'included'],
    [['**', '.htaccess'], [], '.DS_Store', 'hidden'],
    // exclude wins
    [['**'], ['*.map'], 'app.js.map', 'excluded'],
    [['**'], ['drafts/**'], 'drafts/post.html', 'excluded'],
    [['**'], ['.well-known/**'], '.well-known/security.txt', 'excluded'],
    [['**', '*.pem'], ['*.pem'], 'key.pem', 'excluded'],
    [['**'], ['*.pem'], 'key.pem', 'excluded'],
    [['**'], ['**'], '.hidden/a', 'excluded'],
    // secrets
    [['**'], [], 'key.pem', 'secret'],
    [['**'], [], 'deploy/id_rsa', 'secret'],
    [['**'], [], 'deploy/id_ed25519.pub', 'secret'],
    [['**'], [], 'x.key', 'secret'],
    [['**'], [], 'certs/server.p12', 'secret'],
    [['**'], [], '.npmrc', 'secret'],
    [['**'], [], 'sub/.npmrc', 'secret'],
    [['**'], [], 'terraform.tfstate', 'secret'],
    [['**'], [], '.docker/config.json', 'secret'],
    [['*'], [], 'x.key', 'secret'],
    [['**/*'], [], 'key.pem', 'secret'],
    // unless an include names them explicitly
    [['**/*.pem'], [], 'key.pem', 'included'],
    [['**/*.pem'], [], 'certs/key.pem', 'included'],
    [['*.pem'], [], 'a/b/key.pem', 'included'],
    [['**', 'deploy/id_rsa'], [], 'deploy/id_rsa', 'included'],
    [['**', 'deploy/id_rsa'], [], 'other/id_rsa', 'secret'],
    [['**', '.npmrc'], [], '.npmrc', 'included'],
    [['**', '*.pem'], [], 'x.key', 'secret'],
    // the action's state is reserved, whatever the globs say
    [['**'], [], '.cdn-publish/state.json', 'reserved'],
    [['**', '.cdn-publish/**'], [], '.cdn-publish/state.json', 'reserved'],
    [['**'], ['**'], '.cdn-publish/state.json', 'reserved'],
    // include narrows
    [['assets/**'], [], 'index.html', 'not-included'],
    [['assets/**'], [], 'assets/app.js', 'included'],
    [['assets/**'], [], 'other/assets/app.js', 'not-included'],
    [['assets/**'], [], '.hidden', 'hidden'],
    [['assets/**'], [], '.well-known/security.txt', 'included'],
    [['*.html'], [], 'docs/page.html', 'included'],
    [['*.html'], [], 'docs/page.css', 'not-included'],
  ]

  it.each(cases)('include %j exclude %j: %s -> %s', (include, exclude, key, verdict) => {
    expect(compileFilter({ include, exclude }).verdict(key)).toBe(verdict)
  })
})

describe('compileFilter: mayDescend', () => {
  it.each([
    [['**'], 'assets', true],
    [['**'], 'a/b/c', true],
    [['**'], '.well-known', true],
    [['**'], '.git', false],
    [['**'], 'a/.cache', false],
    [['**'], '.cdn-publish', false],
    [['**', '.cdn-publish/**'], '.cdn-publish', false],
    [['**', '.github/**'], '.github', true],
    // a hidden file name does not open hidden directories (.git stays unwalked)
    [['**', '**/.htaccess'], 'a/.config', false],
    [['**', '**/.htaccess'], '.git', false],
    [['**', '**/.config/*.json'], 'a/.config', true],
    [['assets/**'], 'docs', true],
  ])('include %j: %s -> %s', (include, dir, expected) => {
    expect(compileFilter({ include, exclude: [] }).mayDescend(dir)).toBe(expected)
  })
})

describe('compileFilter: catch-all includes do not publish secrets', () => {
  it.each([['*.*'], ['**/*.*'], ['**/*'], ['**']])(
    'include %s holds back server.key and cert.pem',
    (glob) => {
      const filter = compileFilter({ include: [glob], exclude: [] })
      expect(filter.verdict('server.key')).toBe('secret')
      expect(filter.verdict('certs/cert.pem')).toBe('secret')
    },
  )
})
