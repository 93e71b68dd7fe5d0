import { describe, expect, it } from 'vitest'
import { compileFilter, type Verdict } from '../../src/core/filter.js'

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
    // a glob with a wildcard in its file name does not publish them: only a literal name does
    [['**/*.pem'], [], 'key.pem', 'secret'],
    [['**/*.pem'], [], 'certs/key.pem', 'secret'],
    [['*.pem'], [], 'a/b/key.pem', 'secret'],
    [['certs/key.pem'], [], 'certs/key.pem', 'included'],
    [['**', 'certs/key.pem'], [], 'certs/other.pem', 'secret'],
    [['**', 'keys/public.pem'], [], 'keys/public.pem', 'included'],
    [['**', '**/id_rsa'], [], 'a/b/id_rsa', 'included'],
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

describe('compileFilter: credentials', () => {
  it.each([
    // case does not hide a credential
    'PROD.ENV',
    '.ENV',
    'deploy/ID_RSA',
    'certs/Server.PEM',
    'Terraform.TFSTATE',
    // what users leak in practice
    '.env.local',
    '.envrc',
    'credentials.json',
    'config/service-account-prod.json',
    'client_secret_1234.apps.googleusercontent.com.json',
    'putty/server.ppk',
    'AuthKey_ABC123.p8',
    'kubeconfig',
    'a/.kube/config',
    'secring.gpg',
    'a/.gnupg/private-keys-v1.d/x.key',
    'prod.tfvars',
    'prod.tfvars.json',
    'terraform.tfstate.backup',
    'infra/terraform.tfstate.1700000000.backup',
    '.git/HEAD',
    'a/.aws/credentials',
    '.ssh/known_hosts',
    'vault.kdbx',
    '.vault-token',
    '.pgpass',
  ])('%s looks like a credential', (key) => {
    expect(compileFilter({ include: ['**', '**/.*', '.*/**'], exclude: [] }).verdict(key)).toBe(
      'secret',
    )
  })

  it.each([
    // signatures, public keys and certificates that sites publish on purpose
    'KEY.asc',
    'dists/stable/Release.gpg',
    'dists/stable/InRelease',
    'downloads/app-1.0.tar.gz.asc',
    'keys/site.pub',
    'certs/ca.crt',
    'package.json',
    'keyboard.html',
    'environment.js',
  ])('%s does not', (key) => {
    expect(compileFilter({ include: ['**'], exclude: [] }).verdict(key)).toBe('included')
  })
})

describe('compileFilter: catch-all includes do not publish secrets', () => {
  const credentials = [
    '.env',
    '.npmrc',
    'deploy/id_rsa',
    'certs/server.pem',
    'certs/server.key',
    'infra/terraform.tfstate',
    'PROD.ENV',
  ]
  it.each([
    ['**/!(*.map)'],
    ['!(*.map)'],
    ['**/{*,.*}'],
    ['{*,.*}'],
    ['**/@(*)'],
    ['**/*.pem'],
    ['**/*.{pem,key,env}'],
    ['**/id_rs?'],
    ['**/[i]d_rsa'],
    ['**/.*'],
    ['.*/**'],
  ])('include %s publishes none of them, and the rest', (glob) => {
    const filter = compileFilter({ include: [glob], exclude: [] })
    for (const key of credentials) expect(filter.verdict(key), key).not.toBe('included')
  })

  it('**/!(*.map) publishes all but source maps and credentials', () => {
    const filter = compileFilter({ include: ['**/!(*.map)'], exclude: [] })
    expect(filter.verdict('index.html')).toBe('included')
    expect(filter.verdict('a/b/app.js')).toBe('included')
    expect(filter.verdict('a/b/app.js.map')).toBe('not-included')
    expect(filter.verdict('.well-known/security.txt')).toBe('included')
  })

  it('a literal include of a hidden directory file keeps working', () => {
    const filter = compileFilter({
      include: ['**', '.well-known/x', '.config/app.json'],
      exclude: [],
    })
    expect(filter.verdict('.well-known/x')).toBe('included')
    expect(filter.verdict('.config/app.json')).toBe('included')
    expect(filter.verdict('.config/other.json')).toBe('hidden')
  })

  it.each([['*.*'], ['**/*.*'], ['**/*'], ['**']])(
    'include %s holds back server.key and cert.pem',
    (glob) => {
      const filter = compileFilter({ include: [glob], exclude: [] })
      expect(filter.verdict('server.key')).toBe('secret')
      expect(filter.verdict('certs/cert.pem')).toBe('secret')
    },
  )
})
