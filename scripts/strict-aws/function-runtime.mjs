// Runs a CloudFront Function's code (runtime cloudfront-js-2.0) in node:vm, the way the edge does,
// as far as a test needs and as "JavaScript runtime 2.0 features for CloudFront Functions" documents:
//   - strict mode always; no eval or Function constructor (code generation from strings is off); no
//     timers, process, fs or network (the context simply has none);
//   - Date answers the function's start time throughout one run;
//   - modules: `import cf from 'cloudfront'` (cf.kvs([id]) with get(key, { format: 'string' | 'json'
//     | 'bytes' }), exists(key), meta(), as "Helper methods for key value stores" documents; get()
//     rejects for a missing key), and 'crypto' (createHash/createHmac with md5, sha1, sha256;
//     digest() is a Buffer without an encoding), 'querystring' and 'buffer', by import or require();
//     globals Buffer, atob, btoa, TextEncoder, TextDecoder and console.log (logs kept, cut at 10 KB
//     as "Restrictions on CloudFront Functions" says);
//   - async handlers: the run's microtasks drain inside the run (microtaskMode 'afterEvaluate'), so
//     a promise that never settles, or a run over RUN_TIMEOUT_MS, is an execution error.
// The key value store is read straight from the layer's state (AWS propagates within seconds; here
// a write is visible at once). Not emulated: compute utilization (the real budget is about 1 ms),
// the 2 MB function memory, WebCrypto (crypto.subtle) and cf's origin-modification helpers.
import nodeCrypto from 'node:crypto'
import querystring from 'node:querystring'
import vm from 'node:vm'

const RUN_TIMEOUT_MS = 1000
const LOG_MAX = 10 * 1024
const HASHES = new Set(['md5', 'sha1', 'sha256'])
const ENCODINGS = new Set(['hex', 'base64', 'base64url'])

/** An error thrown while the function ran, or its promise rejected (CloudFront: HTTP 503). */
export class FunctionExecutionError extends Error {}

function digester(make) {
  return (algorithm, ...rest) => {
    if (!HASHES.has(algorithm)) throw new Error(`crypto: unsupported algorithm ${algorithm}`)
    const inner = make(algorithm, ...rest)
    const wrapper = {
      update(data) {
        inner.update(typeof data === 'string' ? data : Buffer.from(data))
        return wrapper
      },
      digest(encoding) {
        if (encoding === undefined) return inner.digest()
        if (!ENCODINGS.has(encoding)) throw new Error(`crypto: unsupported encoding ${encoding}`)
        return inner.digest(encoding)
      },
    }
    return wrapper
  }
}

const cryptoModule = Object.freeze({
  createHash: digester((algorithm) => nodeCrypto.createHash(algorithm)),
  createHmac: digester((algorithm, key) =>
    nodeCrypto.createHmac(algorithm, typeof key === 'string' ? key : Buffer.from(key)),
  ),
})

// Evaluated inside the context, so the handle's promises and Date belong to the function's realm.
const PRELUDE = `
'use strict';
(function (host) {
  const RealDate = Date;
  const start = host.start;
  class FixedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(start); else super(...args); }
    static now() { return start; }
  }
  globalThis.Date = FixedDate;
  const kvs = function (id) {
    const store = host.kvsOpen(id === undefined ? undefined : String(id));
    return Object.freeze({
      async get(key, options) {
        const format = options && options.format !== undefined ? options.format : 'string';
        const value = host.kvsGet(store, String(key));
        if (value === undefined) throw new Error('Key not found: ' + key);
        if (format === 'string') return value;
        if (format === 'json') return JSON.parse(value);
        if (format === 'bytes') return host.bytes(value);
        throw new Error('Unknown format: ' + format);
      },
      async exists(key) { return host.kvsGet(store, String(key)) !== undefined; },
      async meta() { return JSON.parse(host.kvsMeta(store)); },
    });
  };
  const modules = {
    cloudfront: Object.freeze({ kvs }),
    crypto: host.crypto,
    querystring: host.querystring,
    buffer: Object.freeze({ Buffer: host.Buffer }),
  };
  globalThis.__cfImport = function (name) {
    if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error('Cannot find module ' + name);
    return modules[name];
  };
  globalThis.require = globalThis.__cfImport;
})(__host);
`

// import x from 'm'; import { a, b } from 'm'; import * as x from 'm'  ->  one line each, so that
// line numbers in errors still match the function's source.
const IMPORT =
  /^[ \t]*import\s+(?:(\*\s+as\s+)?([A-Za-z_$][\w$]*)|(\{[^}]*\}))\s+from\s+(['"])([^'"]+)\4[ \t]*;?/gm

export function rewriteImports(code) {
  return code.replace(IMPORT, (_whole, _star, name, names, _quote, module) => {
    const target = names ? names.replace(/\bas\b/g, ':') : name
    return `const ${target} = __cfImport(${JSON.stringify(module)});`
  })
}

/**
 * Run `code` against `event`.
 * @param {{ code: string, event: object, store?: object }} options  store: the associated key value
 *   store (kvs-control.mjs's object), if any.
 * @returns {Promise<{ result: unknown, logs: string[] }>} the handler's return value; throws
 *   FunctionExecutionError when the code does not run to completion.
 */
export async function runFunction({ code, event, store }) {
  const logs = []
  let logBytes = 0
  const log = (...parts) => {
    const line = parts.map(String).join(' ')
    if (logBytes >= LOG_MAX) return
    logBytes += Buffer.byteLength(line)
    logs.push(line.slice(0, LOG_MAX))
  }
  const host = Object.freeze({
    start: Date.now(),
    crypto: cryptoModule,
    querystring,
    Buffer,
    bytes: (value) => Buffer.from(value, 'utf8'),
    kvsOpen(id) {
      if (!store) throw new Error('No key value store is associated with this function.')
      if (id !== undefined && id !== store.id && id !== store.arn)
        throw new Error(`The key value store ${id} is not associated with this function.`)
      return store
    },
    kvsGet: (s, key) => s.data.items.get(key),
    kvsMeta: (s) =>
      JSON.stringify({
        creationDateTime: s.created.toISOString(),
        lastUpdatedDateTime: s.data.lastModified.toISOString(),
        keyCount: s.data.items.size,
      }),
  })
  const context = vm.createContext(
    {
      __host: host,
      __eventJson: JSON.stringify(event),
      console: Object.freeze({ log }),
      Buffer,
      atob,
      btoa,
      TextEncoder,
      TextDecoder,
    },
    { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' },
  )
  const options = { timeout: RUN_TIMEOUT_MS, filename: 'function.js' }
  try {
    new vm.Script(PRELUDE, { filename: 'runtime.js' }).runInContext(context)
    new vm.Script(`'use strict';${rewriteImports(code)}`, options).runInContext(context, options)
    // The outcome is written into a plain object inside the realm: its microtask queue drains
    // before runInContext returns, so the state is final here (or the promise never settles).
    const outcome = new vm.Script(
      `(() => {
        const out = { state: 'pending' };
        if (typeof handler !== 'function') throw new TypeError('The code defines no function handler(event).');
        const settle = (v) => { out.state = 'ok'; out.value = v; };
        const reject = (e) => { out.state = 'error'; out.error = e; };
        try {
          const r = handler(JSON.parse(__eventJson));
          if (r !== null && typeof r === 'object' && typeof r.then === 'function') r.then(settle, reject);
          else settle(r);
        } catch (e) { reject(e); }
        return out;
      })()`,
      { filename: 'invoke.js' },
    ).runInContext(context, options)
    if (outcome.state === 'error') throw outcome.error
    if (outcome.state === 'pending')
      throw new Error("The handler's promise never settled (no timers or network in this runtime).")
    // Copy out of the function's realm: plain JSON data, as CloudFront reads it back.
    const result =
      outcome.value === undefined ? undefined : JSON.parse(JSON.stringify(outcome.value))
    return { result, logs }
  } catch (error) {
    const text =
      error !== null && typeof error === 'object' && 'stack' in error
        ? String(error.stack ?? error.message)
        : String(error)
    const failure = new FunctionExecutionError(text)
    failure.logs = logs
    throw failure
  }
}
