import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  client_exports as client_exports2,
  dist_es_exports,
  httpAuthSchemes_exports,
  init_client as init_client2,
  init_dist_es,
  init_httpAuthSchemes,
  init_protocols,
  init_protocols2,
  init_retry,
  protocols_exports,
  protocols_exports2,
  require_dist_cjs,
  require_dist_cjs2,
  require_dist_cjs3,
  require_dist_cjs4,
  retry_exports
} from "./chunk-5242LM6H.js";
import {
  checksum_exports,
  client_exports,
  config_exports,
  endpoints_exports,
  init_checksum,
  init_client,
  init_config,
  init_endpoints,
  init_schema,
  init_serde,
  schema_exports,
  serde_exports
} from "./chunk-ZURT7W5D.js";
import {
  __commonJS,
  __toCommonJS,
  __toESM
} from "./chunk-CWF7AY5K.js";

// node_modules/@smithy/signature-v4a/dist-cjs/index.js
var require_dist_cjs5 = __commonJS({
  "node_modules/@smithy/signature-v4a/dist-cjs/index.js"(exports) {
    var { REGION_SET_PARAM, KEY_TYPE_IDENTIFIER, ALGORITHM_IDENTIFIER_V4A, SignatureV4Base, prepareRequest, AMZ_DATE_HEADER, TOKEN_HEADER, getPayloadHash, hasHeader, SHA256_HEADER, getCanonicalHeaders, AUTH_HEADER, signatureV4aContainer } = require_dist_cjs();
    var { toUint8Array, toHex } = (init_serde(), __toCommonJS(serde_exports));
    var REGION_HEADER = REGION_SET_PARAM.toLowerCase();
    var ONE_AS_4_BYTES = [0, 0, 0, 1];
    var TWOFIFTYSIX_AS_4_BYTES = [0, 0, 1, 0];
    var N_MINUS_TWO = [
      255,
      255,
      255,
      255,
      0,
      0,
      0,
      0,
      255,
      255,
      255,
      255,
      255,
      255,
      255,
      255,
      188,
      230,
      250,
      173,
      167,
      23,
      158,
      132,
      243,
      185,
      202,
      194,
      252,
      99,
      37,
      79
    ];
    var createSigV4aScope = (shortDate, service) => `${shortDate}/${service}/${KEY_TYPE_IDENTIFIER}`;
    var getSigV4aSigningKey = async (sha2562, accessKey, secretKey) => {
      let outputBufferWriter = "";
      const maxTrials = 254;
      const aws4ALength = 5;
      const inputKeyLength = aws4ALength + secretKey.length;
      const inputKeyBuf = inputKeyLength <= 64 ? new Uint8Array(64) : new Uint8Array(inputKeyLength);
      const aws4aArray = "AWS4A".split("");
      for (let index = 0; index < aws4aArray.length; index++) {
        inputKeyBuf[index] = aws4aArray[index].charCodeAt(0);
      }
      const secretKeyArray = secretKey.split("");
      for (let index = 0; index < secretKeyArray.length; index++) {
        inputKeyBuf[aws4aArray.length + index] = secretKeyArray[index].charCodeAt(0);
      }
      let trial = 1;
      while (trial < maxTrials) {
        outputBufferWriter = buildFixedInputBuffer(outputBufferWriter, accessKey, trial);
        const secretKey2 = inputKeyBuf.subarray(0, inputKeyLength);
        const hash = new sha2562(secretKey2);
        const hashVal = toUint8Array(outputBufferWriter);
        hash.update(hashVal);
        const hashedOutput = await hash.digest();
        if (isBiggerThanNMinus2(hashedOutput)) {
          trial++;
          continue;
        }
        return addOneToArray(hashedOutput);
      }
      throw new Error("Cannot derive signing key: number of maximum trials exceeded.");
    };
    var buildFixedInputBuffer = (bufferInput, accessKey, counter) => {
      let outputBuffer = bufferInput;
      outputBuffer += ONE_AS_4_BYTES.map((value) => String.fromCharCode(value)).join("");
      outputBuffer += ALGORITHM_IDENTIFIER_V4A;
      outputBuffer += String.fromCharCode(0);
      outputBuffer += accessKey;
      outputBuffer += String.fromCharCode(counter);
      outputBuffer += TWOFIFTYSIX_AS_4_BYTES.map((value) => String.fromCharCode(value)).join("");
      return outputBuffer;
    };
    var isBiggerThanNMinus2 = (value) => {
      for (let index = 0; index < value.length; index++) {
        if (value[index] > N_MINUS_TWO[index]) {
          return true;
        } else if (value[index] < N_MINUS_TWO[index]) {
          return false;
        }
      }
      return false;
    };
    var addOneToArray = (value) => {
      const output = new Uint8Array(32);
      let carry = 1;
      for (let index = value.length - 1; index >= 0; index--) {
        const newValueAtIndex = (value[index] + carry) % 256;
        if (newValueAtIndex < value[index]) {
          carry = 1;
        } else {
          carry = 0;
        }
        output[index] = newValueAtIndex;
      }
      if (carry !== 0) {
        return new Uint8Array([carry, ...output]);
      }
      return output;
    };
    function isBytes$1(a) {
      return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
    }
    function anumber$1(n, title = "") {
      if (typeof n !== "number") {
        const prefix = title && `"${title}" `;
        throw new TypeError(`${prefix}expected number, got ${typeof n}`);
      }
      if (!Number.isSafeInteger(n) || n < 0) {
        const prefix = title && `"${title}" `;
        throw new RangeError(`${prefix}expected integer >= 0, got ${n}`);
      }
    }
    function abytes$1(value, length, title = "") {
      const bytes = isBytes$1(value);
      const len = value?.length;
      const needsLen = length !== void 0;
      if (!bytes || needsLen && len !== length) {
        const prefix = title && `"${title}" `;
        const ofLen = needsLen ? ` of length ${length}` : "";
        const got = bytes ? `length=${len}` : `type=${typeof value}`;
        const message = prefix + "expected Uint8Array" + ofLen + ", got " + got;
        if (!bytes)
          throw new TypeError(message);
        throw new RangeError(message);
      }
      return value;
    }
    function ahash(h) {
      if (typeof h !== "function" || typeof h.create !== "function")
        throw new TypeError("Hash must wrapped by utils.createHasher");
      anumber$1(h.outputLen);
      anumber$1(h.blockLen);
      if (h.outputLen < 1)
        throw new Error('"outputLen" must be >= 1');
      if (h.blockLen < 1)
        throw new Error('"blockLen" must be >= 1');
    }
    function aexists(instance, checkFinished = true) {
      if (instance.destroyed)
        throw new Error("Hash instance has been destroyed");
      if (checkFinished && instance.finished)
        throw new Error("Hash#digest() has already been called");
    }
    function aoutput(out, instance) {
      abytes$1(out, void 0, "digestInto() output");
      const min = instance.outputLen;
      if (out.length < min) {
        throw new RangeError('"digestInto() output" expected to be of length >=' + min);
      }
    }
    function clean(...arrays) {
      for (let i = 0; i < arrays.length; i++) {
        arrays[i].fill(0);
      }
    }
    function createView(arr) {
      return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
    }
    function rotr(word, shift) {
      return word << 32 - shift | word >>> shift;
    }
    var hasHexBuiltin = (() => typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function")();
    var hexes = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
    function bytesToHex$1(bytes) {
      abytes$1(bytes);
      if (hasHexBuiltin)
        return bytes.toHex();
      let hex = "";
      for (let i = 0; i < bytes.length; i++) {
        hex += hexes[bytes[i]];
      }
      return hex;
    }
    var asciis = { _0: 48, _9: 57, A: 65, F: 70, a: 97, f: 102 };
    function asciiToBase16(ch) {
      if (ch >= asciis._0 && ch <= asciis._9)
        return ch - asciis._0;
      if (ch >= asciis.A && ch <= asciis.F)
        return ch - (asciis.A - 10);
      if (ch >= asciis.a && ch <= asciis.f)
        return ch - (asciis.a - 10);
      return;
    }
    function hexToBytes$1(hex) {
      if (typeof hex !== "string")
        throw new TypeError("hex string expected, got " + typeof hex);
      if (hasHexBuiltin) {
        try {
          return Uint8Array.fromHex(hex);
        } catch (error) {
          if (error instanceof SyntaxError)
            throw new RangeError(error.message);
          throw error;
        }
      }
      const hl = hex.length;
      const al = hl / 2;
      if (hl % 2)
        throw new RangeError("hex string expected, got unpadded hex of length " + hl);
      const array = new Uint8Array(al);
      for (let ai = 0, hi = 0; ai < al; ai++, hi += 2) {
        const n1 = asciiToBase16(hex.charCodeAt(hi));
        const n2 = asciiToBase16(hex.charCodeAt(hi + 1));
        if (n1 === void 0 || n2 === void 0) {
          const char = hex[hi] + hex[hi + 1];
          throw new RangeError('hex string expected, got non-hex character "' + char + '" at index ' + hi);
        }
        array[ai] = n1 * 16 + n2;
      }
      return array;
    }
    function concatBytes$1(...arrays) {
      let sum = 0;
      for (let i = 0; i < arrays.length; i++) {
        const a = arrays[i];
        abytes$1(a);
        sum += a.length;
      }
      const res = new Uint8Array(sum);
      for (let i = 0, pad = 0; i < arrays.length; i++) {
        const a = arrays[i];
        res.set(a, pad);
        pad += a.length;
      }
      return res;
    }
    function createHasher(hashCons, info = {}) {
      const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
      const tmp = hashCons(void 0);
      hashC.outputLen = tmp.outputLen;
      hashC.blockLen = tmp.blockLen;
      hashC.canXOF = tmp.canXOF;
      hashC.create = (opts) => hashCons(opts);
      Object.assign(hashC, info);
      return Object.freeze(hashC);
    }
    function randomBytes$1(bytesLength = 32) {
      anumber$1(bytesLength, "bytesLength");
      const cr = typeof globalThis === "object" ? globalThis.crypto : null;
      if (typeof cr?.getRandomValues !== "function")
        throw new Error("crypto.getRandomValues must be defined");
      if (bytesLength > 65536)
        throw new RangeError(`"bytesLength" expected <= 65536, got ${bytesLength}`);
      return cr.getRandomValues(new Uint8Array(bytesLength));
    }
    var oidNist = (suffix) => ({
      oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
    });
    function Chi(a, b, c) {
      return a & b ^ ~a & c;
    }
    function Maj(a, b, c) {
      return a & b ^ a & c ^ b & c;
    }
    var HashMD = class {
      blockLen;
      outputLen;
      canXOF = false;
      padOffset;
      isLE;
      buffer;
      view;
      finished = false;
      length = 0;
      pos = 0;
      destroyed = false;
      constructor(blockLen, outputLen, padOffset, isLE) {
        this.blockLen = blockLen;
        this.outputLen = outputLen;
        this.padOffset = padOffset;
        this.isLE = isLE;
        this.buffer = new Uint8Array(blockLen);
        this.view = createView(this.buffer);
      }
      update(data) {
        aexists(this);
        abytes$1(data);
        const { view, buffer, blockLen } = this;
        const len = data.length;
        for (let pos = 0; pos < len; ) {
          const take = Math.min(blockLen - this.pos, len - pos);
          if (take === blockLen) {
            const dataView = createView(data);
            for (; blockLen <= len - pos; pos += blockLen)
              this.process(dataView, pos);
            continue;
          }
          buffer.set(data.subarray(pos, pos + take), this.pos);
          this.pos += take;
          pos += take;
          if (this.pos === blockLen) {
            this.process(view, 0);
            this.pos = 0;
          }
        }
        this.length += data.length;
        this.roundClean();
        return this;
      }
      digestInto(out) {
        aexists(this);
        aoutput(out, this);
        this.finished = true;
        const { buffer, view, blockLen, isLE } = this;
        let { pos } = this;
        buffer[pos++] = 128;
        clean(this.buffer.subarray(pos));
        if (this.padOffset > blockLen - pos) {
          this.process(view, 0);
          pos = 0;
        }
        for (let i = pos; i < blockLen; i++)
          buffer[i] = 0;
        view.setBigUint64(blockLen - 8, BigInt(this.length * 8), isLE);
        this.process(view, 0);
        const oview = createView(out);
        const len = this.outputLen;
        if (len % 4)
          throw new Error("_sha2: outputLen must be aligned to 32bit");
        const outLen = len / 4;
        const state = this.get();
        if (outLen > state.length)
          throw new Error("_sha2: outputLen bigger than state");
        for (let i = 0; i < outLen; i++)
          oview.setUint32(4 * i, state[i], isLE);
      }
      digest() {
        const { buffer, outputLen } = this;
        this.digestInto(buffer);
        const res = buffer.slice(0, outputLen);
        this.destroy();
        return res;
      }
      _cloneInto(to) {
        to ||= new this.constructor();
        to.set(...this.get());
        const { blockLen, buffer, length, finished, destroyed, pos } = this;
        to.destroyed = destroyed;
        to.finished = finished;
        to.length = length;
        to.pos = pos;
        if (length % blockLen)
          to.buffer.set(buffer);
        return to;
      }
      clone() {
        return this._cloneInto();
      }
    };
    var SHA256_IV = Uint32Array.from([
      1779033703,
      3144134277,
      1013904242,
      2773480762,
      1359893119,
      2600822924,
      528734635,
      1541459225
    ]);
    var SHA256_K = Uint32Array.from([
      1116352408,
      1899447441,
      3049323471,
      3921009573,
      961987163,
      1508970993,
      2453635748,
      2870763221,
      3624381080,
      310598401,
      607225278,
      1426881987,
      1925078388,
      2162078206,
      2614888103,
      3248222580,
      3835390401,
      4022224774,
      264347078,
      604807628,
      770255983,
      1249150122,
      1555081692,
      1996064986,
      2554220882,
      2821834349,
      2952996808,
      3210313671,
      3336571891,
      3584528711,
      113926993,
      338241895,
      666307205,
      773529912,
      1294757372,
      1396182291,
      1695183700,
      1986661051,
      2177026350,
      2456956037,
      2730485921,
      2820302411,
      3259730800,
      3345764771,
      3516065817,
      3600352804,
      4094571909,
      275423344,
      430227734,
      506948616,
      659060556,
      883997877,
      958139571,
      1322822218,
      1537002063,
      1747873779,
      1955562222,
      2024104815,
      2227730452,
      2361852424,
      2428436474,
      2756734187,
      3204031479,
      3329325298
    ]);
    var SHA256_W = new Uint32Array(64);
    var SHA2_32B = class extends HashMD {
      constructor(outputLen) {
        super(64, outputLen, 8, false);
      }
      get() {
        const { A, B, C, D, E, F, G, H } = this;
        return [A, B, C, D, E, F, G, H];
      }
      set(A, B, C, D, E, F, G, H) {
        this.A = A | 0;
        this.B = B | 0;
        this.C = C | 0;
        this.D = D | 0;
        this.E = E | 0;
        this.F = F | 0;
        this.G = G | 0;
        this.H = H | 0;
      }
      process(view, offset) {
        for (let i = 0; i < 16; i++, offset += 4)
          SHA256_W[i] = view.getUint32(offset, false);
        for (let i = 16; i < 64; i++) {
          const W15 = SHA256_W[i - 15];
          const W2 = SHA256_W[i - 2];
          const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
          const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
          SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
        }
        let { A, B, C, D, E, F, G, H } = this;
        for (let i = 0; i < 64; i++) {
          const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
          const T1 = H + sigma1 + Chi(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
          const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
          const T2 = sigma0 + Maj(A, B, C) | 0;
          H = G;
          G = F;
          F = E;
          E = D + T1 | 0;
          D = C;
          C = B;
          B = A;
          A = T1 + T2 | 0;
        }
        A = A + this.A | 0;
        B = B + this.B | 0;
        C = C + this.C | 0;
        D = D + this.D | 0;
        E = E + this.E | 0;
        F = F + this.F | 0;
        G = G + this.G | 0;
        H = H + this.H | 0;
        this.set(A, B, C, D, E, F, G, H);
      }
      roundClean() {
        clean(SHA256_W);
      }
      destroy() {
        this.destroyed = true;
        this.set(0, 0, 0, 0, 0, 0, 0, 0);
        clean(this.buffer);
      }
    };
    var _SHA256 = class extends SHA2_32B {
      A = SHA256_IV[0] | 0;
      B = SHA256_IV[1] | 0;
      C = SHA256_IV[2] | 0;
      D = SHA256_IV[3] | 0;
      E = SHA256_IV[4] | 0;
      F = SHA256_IV[5] | 0;
      G = SHA256_IV[6] | 0;
      H = SHA256_IV[7] | 0;
      constructor() {
        super(32);
      }
    };
    var sha256 = createHasher(() => new _SHA256(), oidNist(1));
    var abytes = (value, length, title) => abytes$1(value, length, title);
    var anumber = anumber$1;
    var bytesToHex = bytesToHex$1;
    var concatBytes = (...arrays) => concatBytes$1(...arrays);
    var hexToBytes = (hex) => hexToBytes$1(hex);
    var isBytes = isBytes$1;
    var randomBytes = (bytesLength) => randomBytes$1(bytesLength);
    var _0n$3 = BigInt(0);
    var _1n$3 = BigInt(1);
    function abool(value, title = "") {
      if (typeof value !== "boolean") {
        const prefix = title && `"${title}" `;
        throw new TypeError(prefix + "expected boolean, got type=" + typeof value);
      }
      return value;
    }
    function abignumber(n) {
      if (typeof n === "bigint") {
        if (!isPosBig(n))
          throw new RangeError("positive bigint expected, got " + n);
      } else
        anumber(n);
      return n;
    }
    function asafenumber(value, title = "") {
      if (typeof value !== "number") {
        const prefix = title && `"${title}" `;
        throw new TypeError(prefix + "expected number, got type=" + typeof value);
      }
      if (!Number.isSafeInteger(value)) {
        const prefix = title && `"${title}" `;
        throw new RangeError(prefix + "expected safe integer, got " + value);
      }
    }
    function numberToHexUnpadded(num) {
      const hex = abignumber(num).toString(16);
      return hex.length & 1 ? "0" + hex : hex;
    }
    function hexToNumber(hex) {
      if (typeof hex !== "string")
        throw new TypeError("hex string expected, got " + typeof hex);
      return hex === "" ? _0n$3 : BigInt("0x" + hex);
    }
    function bytesToNumberBE(bytes) {
      return hexToNumber(bytesToHex$1(bytes));
    }
    function bytesToNumberLE(bytes) {
      return hexToNumber(bytesToHex$1(copyBytes(abytes$1(bytes)).reverse()));
    }
    function numberToBytesBE(n, len) {
      anumber$1(len);
      if (len === 0)
        throw new RangeError("zero length");
      n = abignumber(n);
      const hex = n.toString(16);
      if (hex.length > len * 2)
        throw new RangeError("number too large");
      return hexToBytes$1(hex.padStart(len * 2, "0"));
    }
    function numberToBytesLE(n, len) {
      return numberToBytesBE(n, len).reverse();
    }
    function copyBytes(bytes) {
      return Uint8Array.from(abytes(bytes));
    }
    var isPosBig = (n) => typeof n === "bigint" && _0n$3 <= n;
    function inRange(n, min, max) {
      return isPosBig(n) && isPosBig(min) && isPosBig(max) && min <= n && n < max;
    }
    function aInRange(title, n, min, max) {
      if (!inRange(n, min, max))
        throw new RangeError("expected valid " + title + ": " + min + " <= n < " + max + ", got " + n);
    }
    function bitLen(n) {
      if (n < _0n$3)
        throw new Error("expected non-negative bigint, got " + n);
      let len;
      for (len = 0; n > _0n$3; n >>= _1n$3, len += 1)
        ;
      return len;
    }
    var bitMask = (n) => (_1n$3 << BigInt(n)) - _1n$3;
    function createHmacDrbg(hashLen, qByteLen, hmacFn) {
      anumber$1(hashLen, "hashLen");
      anumber$1(qByteLen, "qByteLen");
      if (typeof hmacFn !== "function")
        throw new TypeError("hmacFn must be a function");
      const u8n = (len) => new Uint8Array(len);
      const NULL = Uint8Array.of();
      const byte0 = Uint8Array.of(0);
      const byte1 = Uint8Array.of(1);
      const _maxDrbgIters = 1e3;
      let v = u8n(hashLen);
      let k = u8n(hashLen);
      let i = 0;
      const reset = () => {
        v.fill(1);
        k.fill(0);
        i = 0;
      };
      const h = (...msgs) => hmacFn(k, concatBytes(v, ...msgs));
      const reseed = (seed = NULL) => {
        k = h(byte0, seed);
        v = h();
        if (seed.length === 0)
          return;
        k = h(byte1, seed);
        v = h();
      };
      const gen = () => {
        if (i++ >= _maxDrbgIters)
          throw new Error("drbg: tried max amount of iterations");
        let len = 0;
        const out = [];
        while (len < qByteLen) {
          v = h();
          const sl = v.slice();
          out.push(sl);
          len += v.length;
        }
        return concatBytes(...out);
      };
      const genUntil = (seed, pred) => {
        reset();
        reseed(seed);
        let res = void 0;
        while ((res = pred(gen())) === void 0)
          reseed();
        reset();
        return res;
      };
      return genUntil;
    }
    function validateObject(object, fields = {}, optFields = {}) {
      if (Object.prototype.toString.call(object) !== "[object Object]")
        throw new TypeError("expected valid options object");
      function checkField(fieldName, expectedType, isOpt) {
        if (!isOpt && expectedType !== "function" && !Object.hasOwn(object, fieldName))
          throw new TypeError(`param "${fieldName}" is invalid: expected own property`);
        const val = object[fieldName];
        if (isOpt && val === void 0)
          return;
        const current = typeof val;
        if (current !== expectedType || val === null)
          throw new TypeError(`param "${fieldName}" is invalid: expected ${expectedType}, got ${current}`);
      }
      const iter = (f, isOpt) => Object.entries(f).forEach(([k, v]) => checkField(k, v, isOpt));
      iter(fields, false);
      iter(optFields, true);
    }
    var _0n$2 = BigInt(0);
    var _1n$2 = BigInt(1);
    var _2n$1 = BigInt(2);
    var _3n$1 = BigInt(3);
    var _4n$1 = BigInt(4);
    var _5n = BigInt(5);
    var _7n = BigInt(7);
    var _8n = BigInt(8);
    var _9n = BigInt(9);
    var _16n = BigInt(16);
    function mod(a, b) {
      if (b <= _0n$2)
        throw new Error("mod: expected positive modulus, got " + b);
      const result = a % b;
      return result >= _0n$2 ? result : b + result;
    }
    function invert(number, modulo) {
      if (number === _0n$2)
        throw new Error("invert: expected non-zero number");
      if (modulo <= _0n$2)
        throw new Error("invert: expected positive modulus, got " + modulo);
      let a = mod(number, modulo);
      let b = modulo;
      let x = _0n$2, u = _1n$2;
      while (a !== _0n$2) {
        const q = b / a;
        const r = b - a * q;
        const m = x - u * q;
        b = a, a = r, x = u, u = m;
      }
      const gcd = b;
      if (gcd !== _1n$2)
        throw new Error("invert: does not exist");
      return mod(x, modulo);
    }
    function assertIsSquare(Fp, root, n) {
      const F = Fp;
      if (!F.eql(F.sqr(root), n))
        throw new Error("Cannot find square root");
    }
    function sqrt3mod4(Fp, n) {
      const F = Fp;
      const p1div4 = (F.ORDER + _1n$2) / _4n$1;
      const root = F.pow(n, p1div4);
      assertIsSquare(F, root, n);
      return root;
    }
    function sqrt5mod8(Fp, n) {
      const F = Fp;
      const p5div8 = (F.ORDER - _5n) / _8n;
      const n2 = F.mul(n, _2n$1);
      const v = F.pow(n2, p5div8);
      const nv = F.mul(n, v);
      const i = F.mul(F.mul(nv, _2n$1), v);
      const root = F.mul(nv, F.sub(i, F.ONE));
      assertIsSquare(F, root, n);
      return root;
    }
    function sqrt9mod16(P) {
      const Fp_ = Field(P);
      const tn = tonelliShanks(P);
      const c1 = tn(Fp_, Fp_.neg(Fp_.ONE));
      const c2 = tn(Fp_, c1);
      const c3 = tn(Fp_, Fp_.neg(c1));
      const c4 = (P + _7n) / _16n;
      return ((Fp, n) => {
        const F = Fp;
        let tv1 = F.pow(n, c4);
        let tv2 = F.mul(tv1, c1);
        const tv3 = F.mul(tv1, c2);
        const tv4 = F.mul(tv1, c3);
        const e1 = F.eql(F.sqr(tv2), n);
        const e2 = F.eql(F.sqr(tv3), n);
        tv1 = F.cmov(tv1, tv2, e1);
        tv2 = F.cmov(tv4, tv3, e2);
        const e3 = F.eql(F.sqr(tv2), n);
        const root = F.cmov(tv1, tv2, e3);
        assertIsSquare(F, root, n);
        return root;
      });
    }
    function tonelliShanks(P) {
      if (P < _3n$1)
        throw new Error("sqrt is not defined for small field");
      let Q = P - _1n$2;
      let S = 0;
      while (Q % _2n$1 === _0n$2) {
        Q /= _2n$1;
        S++;
      }
      let Z = _2n$1;
      const _Fp = Field(P);
      while (FpLegendre(_Fp, Z) === 1) {
        if (Z++ > 1e3)
          throw new Error("Cannot find square root: probably non-prime P");
      }
      if (S === 1)
        return sqrt3mod4;
      let cc = _Fp.pow(Z, Q);
      const Q1div2 = (Q + _1n$2) / _2n$1;
      return function tonelliSlow(Fp, n) {
        const F = Fp;
        if (F.is0(n))
          return n;
        if (FpLegendre(F, n) !== 1)
          throw new Error("Cannot find square root");
        let M = S;
        let c = F.mul(F.ONE, cc);
        let t = F.pow(n, Q);
        let R = F.pow(n, Q1div2);
        while (!F.eql(t, F.ONE)) {
          if (F.is0(t))
            return F.ZERO;
          let i = 1;
          let t_tmp = F.sqr(t);
          while (!F.eql(t_tmp, F.ONE)) {
            i++;
            t_tmp = F.sqr(t_tmp);
            if (i === M)
              throw new Error("Cannot find square root");
          }
          const exponent = _1n$2 << BigInt(M - i - 1);
          const b = F.pow(c, exponent);
          M = i;
          c = F.sqr(b);
          t = F.mul(t, c);
          R = F.mul(R, b);
        }
        return R;
      };
    }
    function FpSqrt(P) {
      if (P % _4n$1 === _3n$1)
        return sqrt3mod4;
      if (P % _8n === _5n)
        return sqrt5mod8;
      if (P % _16n === _9n)
        return sqrt9mod16(P);
      return tonelliShanks(P);
    }
    var FIELD_FIELDS = [
      "create",
      "isValid",
      "is0",
      "neg",
      "inv",
      "sqrt",
      "sqr",
      "eql",
      "add",
      "sub",
      "mul",
      "pow",
      "div",
      "addN",
      "subN",
      "mulN",
      "sqrN"
    ];
    function validateField(field) {
      const initial = {
        ORDER: "bigint",
        BYTES: "number",
        BITS: "number"
      };
      const opts = FIELD_FIELDS.reduce((map, val) => {
        map[val] = "function";
        return map;
      }, initial);
      validateObject(field, opts);
      asafenumber(field.BYTES, "BYTES");
      asafenumber(field.BITS, "BITS");
      if (field.BYTES < 1 || field.BITS < 1)
        throw new Error("invalid field: expected BYTES/BITS > 0");
      if (field.ORDER <= _1n$2)
        throw new Error("invalid field: expected ORDER > 1, got " + field.ORDER);
      return field;
    }
    function FpPow(Fp, num, power) {
      const F = Fp;
      if (power < _0n$2)
        throw new Error("invalid exponent, negatives unsupported");
      if (power === _0n$2)
        return F.ONE;
      if (power === _1n$2)
        return num;
      let p = F.ONE;
      let d = num;
      while (power > _0n$2) {
        if (power & _1n$2)
          p = F.mul(p, d);
        d = F.sqr(d);
        power >>= _1n$2;
      }
      return p;
    }
    function FpInvertBatch(Fp, nums, passZero = false) {
      const F = Fp;
      const inverted = new Array(nums.length).fill(passZero ? F.ZERO : void 0);
      const multipliedAcc = nums.reduce((acc, num, i) => {
        if (F.is0(num))
          return acc;
        inverted[i] = acc;
        return F.mul(acc, num);
      }, F.ONE);
      const invertedAcc = F.inv(multipliedAcc);
      nums.reduceRight((acc, num, i) => {
        if (F.is0(num))
          return acc;
        inverted[i] = F.mul(acc, inverted[i]);
        return F.mul(acc, num);
      }, invertedAcc);
      return inverted;
    }
    function FpLegendre(Fp, n) {
      const F = Fp;
      const p1mod2 = (F.ORDER - _1n$2) / _2n$1;
      const powered = F.pow(n, p1mod2);
      const yes = F.eql(powered, F.ONE);
      const zero = F.eql(powered, F.ZERO);
      const no = F.eql(powered, F.neg(F.ONE));
      if (!yes && !zero && !no)
        throw new Error("invalid Legendre symbol result");
      return yes ? 1 : zero ? 0 : -1;
    }
    function nLength(n, nBitLength) {
      if (nBitLength !== void 0)
        anumber(nBitLength);
      if (n <= _0n$2)
        throw new Error("invalid n length: expected positive n, got " + n);
      if (nBitLength !== void 0 && nBitLength < 1)
        throw new Error("invalid n length: expected positive bit length, got " + nBitLength);
      const bits = bitLen(n);
      if (nBitLength !== void 0 && nBitLength < bits)
        throw new Error(`invalid n length: expected bit length (${bits}) >= n.length (${nBitLength})`);
      const _nBitLength = nBitLength !== void 0 ? nBitLength : bits;
      const nByteLength = Math.ceil(_nBitLength / 8);
      return { nBitLength: _nBitLength, nByteLength };
    }
    var FIELD_SQRT = /* @__PURE__ */ new WeakMap();
    var _Field = class {
      ORDER;
      BITS;
      BYTES;
      isLE;
      ZERO = _0n$2;
      ONE = _1n$2;
      _lengths;
      _mod;
      constructor(ORDER, opts = {}) {
        if (ORDER <= _1n$2)
          throw new Error("invalid field: expected ORDER > 1, got " + ORDER);
        let _nbitLength = void 0;
        this.isLE = false;
        if (opts != null && typeof opts === "object") {
          if (typeof opts.BITS === "number")
            _nbitLength = opts.BITS;
          if (typeof opts.sqrt === "function")
            Object.defineProperty(this, "sqrt", { value: opts.sqrt, enumerable: true });
          if (typeof opts.isLE === "boolean")
            this.isLE = opts.isLE;
          if (opts.allowedLengths)
            this._lengths = Object.freeze(opts.allowedLengths.slice());
          if (typeof opts.modFromBytes === "boolean")
            this._mod = opts.modFromBytes;
        }
        const { nBitLength, nByteLength } = nLength(ORDER, _nbitLength);
        if (nByteLength > 2048)
          throw new Error("invalid field: expected ORDER of <= 2048 bytes");
        this.ORDER = ORDER;
        this.BITS = nBitLength;
        this.BYTES = nByteLength;
        Object.freeze(this);
      }
      create(num) {
        return mod(num, this.ORDER);
      }
      isValid(num) {
        if (typeof num !== "bigint")
          throw new TypeError("invalid field element: expected bigint, got " + typeof num);
        return _0n$2 <= num && num < this.ORDER;
      }
      is0(num) {
        return num === _0n$2;
      }
      isValidNot0(num) {
        return !this.is0(num) && this.isValid(num);
      }
      isOdd(num) {
        return (num & _1n$2) === _1n$2;
      }
      neg(num) {
        return mod(-num, this.ORDER);
      }
      eql(lhs, rhs) {
        return lhs === rhs;
      }
      sqr(num) {
        return mod(num * num, this.ORDER);
      }
      add(lhs, rhs) {
        return mod(lhs + rhs, this.ORDER);
      }
      sub(lhs, rhs) {
        return mod(lhs - rhs, this.ORDER);
      }
      mul(lhs, rhs) {
        return mod(lhs * rhs, this.ORDER);
      }
      pow(num, power) {
        return FpPow(this, num, power);
      }
      div(lhs, rhs) {
        return mod(lhs * invert(rhs, this.ORDER), this.ORDER);
      }
      sqrN(num) {
        return num * num;
      }
      addN(lhs, rhs) {
        return lhs + rhs;
      }
      subN(lhs, rhs) {
        return lhs - rhs;
      }
      mulN(lhs, rhs) {
        return lhs * rhs;
      }
      inv(num) {
        return invert(num, this.ORDER);
      }
      sqrt(num) {
        let sqrt = FIELD_SQRT.get(this);
        if (!sqrt)
          FIELD_SQRT.set(this, sqrt = FpSqrt(this.ORDER));
        return sqrt(this, num);
      }
      toBytes(num) {
        return this.isLE ? numberToBytesLE(num, this.BYTES) : numberToBytesBE(num, this.BYTES);
      }
      fromBytes(bytes, skipValidation = false) {
        abytes(bytes);
        const { _lengths: allowedLengths, BYTES, isLE, ORDER, _mod: modFromBytes } = this;
        if (allowedLengths) {
          if (bytes.length < 1 || !allowedLengths.includes(bytes.length) || bytes.length > BYTES) {
            throw new Error("Field.fromBytes: expected " + allowedLengths + " bytes, got " + bytes.length);
          }
          const padded = new Uint8Array(BYTES);
          padded.set(bytes, isLE ? 0 : padded.length - bytes.length);
          bytes = padded;
        }
        if (bytes.length !== BYTES)
          throw new Error("Field.fromBytes: expected " + BYTES + " bytes, got " + bytes.length);
        let scalar = isLE ? bytesToNumberLE(bytes) : bytesToNumberBE(bytes);
        if (modFromBytes)
          scalar = mod(scalar, ORDER);
        if (!skipValidation) {
          if (!this.isValid(scalar))
            throw new Error("invalid field element: outside of range 0..ORDER");
        }
        return scalar;
      }
      invertBatch(lst) {
        return FpInvertBatch(this, lst);
      }
      cmov(a, b, condition) {
        abool(condition, "condition");
        return condition ? b : a;
      }
    };
    Object.freeze(_Field.prototype);
    function Field(ORDER, opts = {}) {
      return new _Field(ORDER, opts);
    }
    function getFieldBytesLength(fieldOrder) {
      if (typeof fieldOrder !== "bigint")
        throw new Error("field order must be bigint");
      if (fieldOrder <= _1n$2)
        throw new Error("field order must be greater than 1");
      const bitLength = bitLen(fieldOrder - _1n$2);
      return Math.ceil(bitLength / 8);
    }
    function getMinHashLength(fieldOrder) {
      const length = getFieldBytesLength(fieldOrder);
      return length + Math.ceil(length / 2);
    }
    function mapHashToField(key, fieldOrder, isLE = false) {
      abytes(key);
      const len = key.length;
      const fieldLen = getFieldBytesLength(fieldOrder);
      const minLen = Math.max(getMinHashLength(fieldOrder), 16);
      if (len < minLen || len > 1024)
        throw new Error("expected " + minLen + "-1024 bytes of input, got " + len);
      const num = isLE ? bytesToNumberLE(key) : bytesToNumberBE(key);
      const reduced = mod(num, fieldOrder - _1n$2) + _1n$2;
      return isLE ? numberToBytesLE(reduced, fieldLen) : numberToBytesBE(reduced, fieldLen);
    }
    var _0n$1 = BigInt(0);
    var _1n$1 = BigInt(1);
    function negateCt(condition, item) {
      const neg = item.negate();
      return condition ? neg : item;
    }
    function normalizeZ(c, points) {
      const invertedZs = FpInvertBatch(c.Fp, points.map((p) => p.Z));
      return points.map((p, i) => c.fromAffine(p.toAffine(invertedZs[i])));
    }
    function validateW(W, bits) {
      if (!Number.isSafeInteger(W) || W <= 0 || W > bits)
        throw new Error("invalid window size, expected [1.." + bits + "], got W=" + W);
    }
    function calcWOpts(W, scalarBits) {
      validateW(W, scalarBits);
      const windows = Math.ceil(scalarBits / W) + 1;
      const windowSize = 2 ** (W - 1);
      const maxNumber = 2 ** W;
      const mask = bitMask(W);
      const shiftBy = BigInt(W);
      return { windows, windowSize, mask, maxNumber, shiftBy };
    }
    function calcOffsets(n, window, wOpts) {
      const { windowSize, mask, maxNumber, shiftBy } = wOpts;
      let wbits = Number(n & mask);
      let nextN = n >> shiftBy;
      if (wbits > windowSize) {
        wbits -= maxNumber;
        nextN += _1n$1;
      }
      const offsetStart = window * windowSize;
      const offset = offsetStart + Math.abs(wbits) - 1;
      const isZero = wbits === 0;
      const isNeg = wbits < 0;
      const isNegF = window % 2 !== 0;
      const offsetF = offsetStart;
      return { nextN, offset, isZero, isNeg, isNegF, offsetF };
    }
    var pointPrecomputes = /* @__PURE__ */ new WeakMap();
    var pointWindowSizes = /* @__PURE__ */ new WeakMap();
    function getW(P) {
      return pointWindowSizes.get(P) || 1;
    }
    function assert0(n) {
      if (n !== _0n$1)
        throw new Error("invalid wNAF");
    }
    var wNAF = class {
      BASE;
      ZERO;
      Fn;
      bits;
      constructor(Point, bits) {
        this.BASE = Point.BASE;
        this.ZERO = Point.ZERO;
        this.Fn = Point.Fn;
        this.bits = bits;
      }
      _unsafeLadder(elm, n, p = this.ZERO) {
        let d = elm;
        while (n > _0n$1) {
          if (n & _1n$1)
            p = p.add(d);
          d = d.double();
          n >>= _1n$1;
        }
        return p;
      }
      precomputeWindow(point, W) {
        const { windows, windowSize } = calcWOpts(W, this.bits);
        const points = [];
        let p = point;
        let base = p;
        for (let window = 0; window < windows; window++) {
          base = p;
          points.push(base);
          for (let i = 1; i < windowSize; i++) {
            base = base.add(p);
            points.push(base);
          }
          p = base.double();
        }
        return points;
      }
      wNAF(W, precomputes, n) {
        if (!this.Fn.isValid(n))
          throw new Error("invalid scalar");
        let p = this.ZERO;
        let f = this.BASE;
        const wo = calcWOpts(W, this.bits);
        for (let window = 0; window < wo.windows; window++) {
          const { nextN, offset, isZero, isNeg, isNegF, offsetF } = calcOffsets(n, window, wo);
          n = nextN;
          if (isZero) {
            f = f.add(negateCt(isNegF, precomputes[offsetF]));
          } else {
            p = p.add(negateCt(isNeg, precomputes[offset]));
          }
        }
        assert0(n);
        return { p, f };
      }
      wNAFUnsafe(W, precomputes, n, acc = this.ZERO) {
        const wo = calcWOpts(W, this.bits);
        for (let window = 0; window < wo.windows; window++) {
          if (n === _0n$1)
            break;
          const { nextN, offset, isZero, isNeg } = calcOffsets(n, window, wo);
          n = nextN;
          if (isZero) {
            continue;
          } else {
            const item = precomputes[offset];
            acc = acc.add(isNeg ? item.negate() : item);
          }
        }
        assert0(n);
        return acc;
      }
      getPrecomputes(W, point, transform) {
        let comp = pointPrecomputes.get(point);
        if (!comp) {
          comp = this.precomputeWindow(point, W);
          if (W !== 1) {
            if (typeof transform === "function")
              comp = transform(comp);
            pointPrecomputes.set(point, comp);
          }
        }
        return comp;
      }
      cached(point, scalar, transform) {
        const W = getW(point);
        return this.wNAF(W, this.getPrecomputes(W, point, transform), scalar);
      }
      unsafe(point, scalar, transform, prev) {
        const W = getW(point);
        if (W === 1)
          return this._unsafeLadder(point, scalar, prev);
        return this.wNAFUnsafe(W, this.getPrecomputes(W, point, transform), scalar, prev);
      }
      createCache(P, W) {
        validateW(W, this.bits);
        pointWindowSizes.set(P, W);
        pointPrecomputes.delete(P);
      }
      hasCache(elm) {
        return getW(elm) !== 1;
      }
    };
    function mulEndoUnsafe(Point, point, k1, k2) {
      let acc = point;
      let p1 = Point.ZERO;
      let p2 = Point.ZERO;
      while (k1 > _0n$1 || k2 > _0n$1) {
        if (k1 & _1n$1)
          p1 = p1.add(acc);
        if (k2 & _1n$1)
          p2 = p2.add(acc);
        acc = acc.double();
        k1 >>= _1n$1;
        k2 >>= _1n$1;
      }
      return { p1, p2 };
    }
    function createField(order, field, isLE) {
      if (field) {
        if (field.ORDER !== order)
          throw new Error("Field.ORDER must match order: Fp == p, Fn == n");
        validateField(field);
        return field;
      } else {
        return Field(order, { isLE });
      }
    }
    function createCurveFields(type, CURVE, curveOpts = {}, FpFnLE) {
      if (FpFnLE === void 0)
        FpFnLE = type === "edwards";
      if (!CURVE || typeof CURVE !== "object")
        throw new Error(`expected valid ${type} CURVE object`);
      for (const p of ["p", "n", "h"]) {
        const val = CURVE[p];
        if (!(typeof val === "bigint" && val > _0n$1))
          throw new Error(`CURVE.${p} must be positive bigint`);
      }
      const Fp = createField(CURVE.p, curveOpts.Fp, FpFnLE);
      const Fn = createField(CURVE.n, curveOpts.Fn, FpFnLE);
      const _b = "b";
      const params = ["Gx", "Gy", "a", _b];
      for (const p of params) {
        if (!Fp.isValid(CURVE[p]))
          throw new Error(`CURVE.${p} must be valid field element of CURVE.Fp`);
      }
      CURVE = Object.freeze(Object.assign({}, CURVE));
      return { CURVE, Fp, Fn };
    }
    function createKeygen(randomSecretKey, getPublicKey) {
      return function keygen(seed) {
        const secretKey = randomSecretKey(seed);
        return { secretKey, publicKey: getPublicKey(secretKey) };
      };
    }
    var _HMAC = class {
      oHash;
      iHash;
      blockLen;
      outputLen;
      canXOF = false;
      finished = false;
      destroyed = false;
      constructor(hash, key) {
        ahash(hash);
        abytes$1(key, void 0, "key");
        this.iHash = hash.create();
        if (typeof this.iHash.update !== "function")
          throw new Error("Expected instance of class which extends utils.Hash");
        this.blockLen = this.iHash.blockLen;
        this.outputLen = this.iHash.outputLen;
        const blockLen = this.blockLen;
        const pad = new Uint8Array(blockLen);
        pad.set(key.length > blockLen ? hash.create().update(key).digest() : key);
        for (let i = 0; i < pad.length; i++)
          pad[i] ^= 54;
        this.iHash.update(pad);
        this.oHash = hash.create();
        for (let i = 0; i < pad.length; i++)
          pad[i] ^= 54 ^ 92;
        this.oHash.update(pad);
        clean(pad);
      }
      update(buf) {
        aexists(this);
        this.iHash.update(buf);
        return this;
      }
      digestInto(out) {
        aexists(this);
        aoutput(out, this);
        this.finished = true;
        const buf = out.subarray(0, this.outputLen);
        this.iHash.digestInto(buf);
        this.oHash.update(buf);
        this.oHash.digestInto(buf);
        this.destroy();
      }
      digest() {
        const out = new Uint8Array(this.oHash.outputLen);
        this.digestInto(out);
        return out;
      }
      _cloneInto(to) {
        to ||= Object.create(Object.getPrototypeOf(this), {});
        const { oHash, iHash, finished, destroyed, blockLen, outputLen } = this;
        to = to;
        to.finished = finished;
        to.destroyed = destroyed;
        to.blockLen = blockLen;
        to.outputLen = outputLen;
        to.oHash = oHash._cloneInto(to.oHash);
        to.iHash = iHash._cloneInto(to.iHash);
        return to;
      }
      clone() {
        return this._cloneInto();
      }
      destroy() {
        this.destroyed = true;
        this.oHash.destroy();
        this.iHash.destroy();
      }
    };
    var hmac = (() => {
      const hmac_ = (hash, key, message) => new _HMAC(hash, key).update(message).digest();
      hmac_.create = (hash, key) => new _HMAC(hash, key);
      return hmac_;
    })();
    var divNearest = (num, den) => (num + (num >= 0 ? den : -den) / _2n) / den;
    function _splitEndoScalar(k, basis, n) {
      aInRange("scalar", k, _0n, n);
      const [[a1, b1], [a2, b2]] = basis;
      const c1 = divNearest(b2 * k, n);
      const c2 = divNearest(-b1 * k, n);
      let k1 = k - c1 * a1 - c2 * a2;
      let k2 = -c1 * b1 - c2 * b2;
      const k1neg = k1 < _0n;
      const k2neg = k2 < _0n;
      if (k1neg)
        k1 = -k1;
      if (k2neg)
        k2 = -k2;
      const MAX_NUM = bitMask(Math.ceil(bitLen(n) / 2)) + _1n;
      if (k1 < _0n || k1 >= MAX_NUM || k2 < _0n || k2 >= MAX_NUM) {
        throw new Error("splitScalar (endomorphism): failed for k");
      }
      return { k1neg, k1, k2neg, k2 };
    }
    function validateSigFormat(format) {
      if (!["compact", "recovered", "der"].includes(format))
        throw new Error('Signature format must be "compact", "recovered", or "der"');
      return format;
    }
    function validateSigOpts(opts, def) {
      validateObject(opts);
      const optsn = {};
      for (let optName of Object.keys(def)) {
        optsn[optName] = opts[optName] === void 0 ? def[optName] : opts[optName];
      }
      abool(optsn.lowS, "lowS");
      abool(optsn.prehash, "prehash");
      if (optsn.format !== void 0)
        validateSigFormat(optsn.format);
      return optsn;
    }
    var DERErr = class extends Error {
      constructor(m = "") {
        super(m);
      }
    };
    var DER = {
      Err: DERErr,
      _tlv: {
        encode: (tag, data) => {
          const { Err: E } = DER;
          asafenumber(tag, "tag");
          if (tag < 0 || tag > 255)
            throw new E("tlv.encode: wrong tag");
          if (typeof data !== "string")
            throw new TypeError('"data" expected string, got type=' + typeof data);
          if (data.length & 1)
            throw new E("tlv.encode: unpadded data");
          const dataLen = data.length / 2;
          const len = numberToHexUnpadded(dataLen);
          if (len.length / 2 & 128)
            throw new E("tlv.encode: long form length too big");
          const lenLen = dataLen > 127 ? numberToHexUnpadded(len.length / 2 | 128) : "";
          const t = numberToHexUnpadded(tag);
          return t + lenLen + len + data;
        },
        decode(tag, data) {
          const { Err: E } = DER;
          data = abytes(data, void 0, "DER data");
          let pos = 0;
          if (tag < 0 || tag > 255)
            throw new E("tlv.encode: wrong tag");
          if (data.length < 2 || data[pos++] !== tag)
            throw new E("tlv.decode: wrong tlv");
          const first = data[pos++];
          const isLong = !!(first & 128);
          let length = 0;
          if (!isLong)
            length = first;
          else {
            const lenLen = first & 127;
            if (!lenLen)
              throw new E("tlv.decode(long): indefinite length not supported");
            if (lenLen > 4)
              throw new E("tlv.decode(long): byte length is too big");
            const lengthBytes = data.subarray(pos, pos + lenLen);
            if (lengthBytes.length !== lenLen)
              throw new E("tlv.decode: length bytes not complete");
            if (lengthBytes[0] === 0)
              throw new E("tlv.decode(long): zero leftmost byte");
            for (const b of lengthBytes)
              length = length << 8 | b;
            pos += lenLen;
            if (length < 128)
              throw new E("tlv.decode(long): not minimal encoding");
          }
          const v = data.subarray(pos, pos + length);
          if (v.length !== length)
            throw new E("tlv.decode: wrong value length");
          return { v, l: data.subarray(pos + length) };
        }
      },
      _int: {
        encode(num) {
          const { Err: E } = DER;
          abignumber(num);
          if (num < _0n)
            throw new E("integer: negative integers are not allowed");
          let hex = numberToHexUnpadded(num);
          if (Number.parseInt(hex[0], 16) & 8)
            hex = "00" + hex;
          if (hex.length & 1)
            throw new E("unexpected DER parsing assertion: unpadded hex");
          return hex;
        },
        decode(data) {
          const { Err: E } = DER;
          if (data.length < 1)
            throw new E("invalid signature integer: empty");
          if (data[0] & 128)
            throw new E("invalid signature integer: negative");
          if (data.length > 1 && data[0] === 0 && !(data[1] & 128))
            throw new E("invalid signature integer: unnecessary leading zero");
          return bytesToNumberBE(data);
        }
      },
      toSig(bytes) {
        const { Err: E, _int: int, _tlv: tlv } = DER;
        const data = abytes(bytes, void 0, "signature");
        const { v: seqBytes, l: seqLeftBytes } = tlv.decode(48, data);
        if (seqLeftBytes.length)
          throw new E("invalid signature: left bytes after parsing");
        const { v: rBytes, l: rLeftBytes } = tlv.decode(2, seqBytes);
        const { v: sBytes, l: sLeftBytes } = tlv.decode(2, rLeftBytes);
        if (sLeftBytes.length)
          throw new E("invalid signature: left bytes after parsing");
        return { r: int.decode(rBytes), s: int.decode(sBytes) };
      },
      hexFromSig(sig) {
        const { _tlv: tlv, _int: int } = DER;
        const rs = tlv.encode(2, int.encode(sig.r));
        const ss = tlv.encode(2, int.encode(sig.s));
        const seq = rs + ss;
        return tlv.encode(48, seq);
      }
    };
    Object.freeze(DER._tlv);
    Object.freeze(DER._int);
    Object.freeze(DER);
    var _0n = BigInt(0);
    var _1n = BigInt(1);
    var _2n = BigInt(2);
    var _3n = BigInt(3);
    var _4n = BigInt(4);
    function weierstrass(params, extraOpts = {}) {
      const validated = createCurveFields("weierstrass", params, extraOpts);
      const Fp = validated.Fp;
      const Fn = validated.Fn;
      let CURVE = validated.CURVE;
      const { h: cofactor, n: CURVE_ORDER } = CURVE;
      validateObject(extraOpts, {}, {
        allowInfinityPoint: "boolean",
        clearCofactor: "function",
        isTorsionFree: "function",
        fromBytes: "function",
        toBytes: "function",
        endo: "object"
      });
      const { endo, allowInfinityPoint } = extraOpts;
      if (endo) {
        if (!Fp.is0(CURVE.a) || typeof endo.beta !== "bigint" || !Array.isArray(endo.basises)) {
          throw new Error('invalid endo: expected "beta": bigint and "basises": array');
        }
      }
      const lengths = getWLengths(Fp, Fn);
      function assertCompressionIsSupported() {
        if (!Fp.isOdd)
          throw new Error("compression is not supported: Field does not have .isOdd()");
      }
      function pointToBytes(_c, point, isCompressed) {
        if (allowInfinityPoint && point.is0())
          return Uint8Array.of(0);
        const { x, y } = point.toAffine();
        const bx = Fp.toBytes(x);
        abool(isCompressed, "isCompressed");
        if (isCompressed) {
          assertCompressionIsSupported();
          const hasEvenY = !Fp.isOdd(y);
          return concatBytes(pprefix(hasEvenY), bx);
        } else {
          return concatBytes(Uint8Array.of(4), bx, Fp.toBytes(y));
        }
      }
      function pointFromBytes(bytes) {
        abytes(bytes, void 0, "Point");
        const { publicKey: comp, publicKeyUncompressed: uncomp } = lengths;
        const length = bytes.length;
        const head = bytes[0];
        const tail = bytes.subarray(1);
        if (allowInfinityPoint && length === 1 && head === 0)
          return { x: Fp.ZERO, y: Fp.ZERO };
        if (length === comp && (head === 2 || head === 3)) {
          const x = Fp.fromBytes(tail);
          if (!Fp.isValid(x))
            throw new Error("bad point: is not on curve, wrong x");
          const y2 = weierstrassEquation(x);
          let y;
          try {
            y = Fp.sqrt(y2);
          } catch (sqrtError) {
            const err = sqrtError instanceof Error ? ": " + sqrtError.message : "";
            throw new Error("bad point: is not on curve, sqrt error" + err);
          }
          assertCompressionIsSupported();
          const evenY = Fp.isOdd(y);
          const evenH = (head & 1) === 1;
          if (evenH !== evenY)
            y = Fp.neg(y);
          return { x, y };
        } else if (length === uncomp && head === 4) {
          const L = Fp.BYTES;
          const x = Fp.fromBytes(tail.subarray(0, L));
          const y = Fp.fromBytes(tail.subarray(L, L * 2));
          if (!isValidXY(x, y))
            throw new Error("bad point: is not on curve");
          return { x, y };
        } else {
          throw new Error(`bad point: got length ${length}, expected compressed=${comp} or uncompressed=${uncomp}`);
        }
      }
      const encodePoint = extraOpts.toBytes === void 0 ? pointToBytes : extraOpts.toBytes;
      const decodePoint = extraOpts.fromBytes === void 0 ? pointFromBytes : extraOpts.fromBytes;
      function weierstrassEquation(x) {
        const x2 = Fp.sqr(x);
        const x3 = Fp.mul(x2, x);
        return Fp.add(Fp.add(x3, Fp.mul(x, CURVE.a)), CURVE.b);
      }
      function isValidXY(x, y) {
        const left = Fp.sqr(y);
        const right = weierstrassEquation(x);
        return Fp.eql(left, right);
      }
      if (!isValidXY(CURVE.Gx, CURVE.Gy))
        throw new Error("bad curve params: generator point");
      const _4a3 = Fp.mul(Fp.pow(CURVE.a, _3n), _4n);
      const _27b2 = Fp.mul(Fp.sqr(CURVE.b), BigInt(27));
      if (Fp.is0(Fp.add(_4a3, _27b2)))
        throw new Error("bad curve params: a or b");
      function acoord(title, n, banZero = false) {
        if (!Fp.isValid(n) || banZero && Fp.is0(n))
          throw new Error(`bad point coordinate ${title}`);
        return n;
      }
      function aprjpoint(other) {
        if (!(other instanceof Point))
          throw new Error("Weierstrass Point expected");
      }
      function splitEndoScalarN(k) {
        if (!endo || !endo.basises)
          throw new Error("no endo");
        return _splitEndoScalar(k, endo.basises, Fn.ORDER);
      }
      function finishEndo(endoBeta, k1p, k2p, k1neg, k2neg) {
        k2p = new Point(Fp.mul(k2p.X, endoBeta), k2p.Y, k2p.Z);
        k1p = negateCt(k1neg, k1p);
        k2p = negateCt(k2neg, k2p);
        return k1p.add(k2p);
      }
      class Point {
        static BASE = new Point(CURVE.Gx, CURVE.Gy, Fp.ONE);
        static ZERO = new Point(Fp.ZERO, Fp.ONE, Fp.ZERO);
        static Fp = Fp;
        static Fn = Fn;
        X;
        Y;
        Z;
        constructor(X, Y, Z) {
          this.X = acoord("x", X);
          this.Y = acoord("y", Y, true);
          this.Z = acoord("z", Z);
          Object.freeze(this);
        }
        static CURVE() {
          return CURVE;
        }
        static fromAffine(p) {
          const { x, y } = p || {};
          if (!p || !Fp.isValid(x) || !Fp.isValid(y))
            throw new Error("invalid affine point");
          if (p instanceof Point)
            throw new Error("projective point not allowed");
          if (Fp.is0(x) && Fp.is0(y))
            return Point.ZERO;
          return new Point(x, y, Fp.ONE);
        }
        static fromBytes(bytes) {
          const P = Point.fromAffine(decodePoint(abytes(bytes, void 0, "point")));
          P.assertValidity();
          return P;
        }
        static fromHex(hex) {
          return Point.fromBytes(hexToBytes(hex));
        }
        get x() {
          return this.toAffine().x;
        }
        get y() {
          return this.toAffine().y;
        }
        precompute(windowSize = 8, isLazy = true) {
          wnaf.createCache(this, windowSize);
          if (!isLazy)
            this.multiply(_3n);
          return this;
        }
        assertValidity() {
          const p = this;
          if (p.is0()) {
            if (extraOpts.allowInfinityPoint && Fp.is0(p.X) && Fp.eql(p.Y, Fp.ONE) && Fp.is0(p.Z))
              return;
            throw new Error("bad point: ZERO");
          }
          const { x, y } = p.toAffine();
          if (!Fp.isValid(x) || !Fp.isValid(y))
            throw new Error("bad point: x or y not field elements");
          if (!isValidXY(x, y))
            throw new Error("bad point: equation left != right");
          if (!p.isTorsionFree())
            throw new Error("bad point: not in prime-order subgroup");
        }
        hasEvenY() {
          const { y } = this.toAffine();
          if (!Fp.isOdd)
            throw new Error("Field doesn't support isOdd");
          return !Fp.isOdd(y);
        }
        equals(other) {
          aprjpoint(other);
          const { X: X1, Y: Y1, Z: Z1 } = this;
          const { X: X2, Y: Y2, Z: Z2 } = other;
          const U1 = Fp.eql(Fp.mul(X1, Z2), Fp.mul(X2, Z1));
          const U2 = Fp.eql(Fp.mul(Y1, Z2), Fp.mul(Y2, Z1));
          return U1 && U2;
        }
        negate() {
          return new Point(this.X, Fp.neg(this.Y), this.Z);
        }
        double() {
          const { a, b } = CURVE;
          const b3 = Fp.mul(b, _3n);
          const { X: X1, Y: Y1, Z: Z1 } = this;
          let X3 = Fp.ZERO, Y3 = Fp.ZERO, Z3 = Fp.ZERO;
          let t0 = Fp.mul(X1, X1);
          let t1 = Fp.mul(Y1, Y1);
          let t2 = Fp.mul(Z1, Z1);
          let t3 = Fp.mul(X1, Y1);
          t3 = Fp.add(t3, t3);
          Z3 = Fp.mul(X1, Z1);
          Z3 = Fp.add(Z3, Z3);
          X3 = Fp.mul(a, Z3);
          Y3 = Fp.mul(b3, t2);
          Y3 = Fp.add(X3, Y3);
          X3 = Fp.sub(t1, Y3);
          Y3 = Fp.add(t1, Y3);
          Y3 = Fp.mul(X3, Y3);
          X3 = Fp.mul(t3, X3);
          Z3 = Fp.mul(b3, Z3);
          t2 = Fp.mul(a, t2);
          t3 = Fp.sub(t0, t2);
          t3 = Fp.mul(a, t3);
          t3 = Fp.add(t3, Z3);
          Z3 = Fp.add(t0, t0);
          t0 = Fp.add(Z3, t0);
          t0 = Fp.add(t0, t2);
          t0 = Fp.mul(t0, t3);
          Y3 = Fp.add(Y3, t0);
          t2 = Fp.mul(Y1, Z1);
          t2 = Fp.add(t2, t2);
          t0 = Fp.mul(t2, t3);
          X3 = Fp.sub(X3, t0);
          Z3 = Fp.mul(t2, t1);
          Z3 = Fp.add(Z3, Z3);
          Z3 = Fp.add(Z3, Z3);
          return new Point(X3, Y3, Z3);
        }
        add(other) {
          aprjpoint(other);
          const { X: X1, Y: Y1, Z: Z1 } = this;
          const { X: X2, Y: Y2, Z: Z2 } = other;
          let X3 = Fp.ZERO, Y3 = Fp.ZERO, Z3 = Fp.ZERO;
          const a = CURVE.a;
          const b3 = Fp.mul(CURVE.b, _3n);
          let t0 = Fp.mul(X1, X2);
          let t1 = Fp.mul(Y1, Y2);
          let t2 = Fp.mul(Z1, Z2);
          let t3 = Fp.add(X1, Y1);
          let t4 = Fp.add(X2, Y2);
          t3 = Fp.mul(t3, t4);
          t4 = Fp.add(t0, t1);
          t3 = Fp.sub(t3, t4);
          t4 = Fp.add(X1, Z1);
          let t5 = Fp.add(X2, Z2);
          t4 = Fp.mul(t4, t5);
          t5 = Fp.add(t0, t2);
          t4 = Fp.sub(t4, t5);
          t5 = Fp.add(Y1, Z1);
          X3 = Fp.add(Y2, Z2);
          t5 = Fp.mul(t5, X3);
          X3 = Fp.add(t1, t2);
          t5 = Fp.sub(t5, X3);
          Z3 = Fp.mul(a, t4);
          X3 = Fp.mul(b3, t2);
          Z3 = Fp.add(X3, Z3);
          X3 = Fp.sub(t1, Z3);
          Z3 = Fp.add(t1, Z3);
          Y3 = Fp.mul(X3, Z3);
          t1 = Fp.add(t0, t0);
          t1 = Fp.add(t1, t0);
          t2 = Fp.mul(a, t2);
          t4 = Fp.mul(b3, t4);
          t1 = Fp.add(t1, t2);
          t2 = Fp.sub(t0, t2);
          t2 = Fp.mul(a, t2);
          t4 = Fp.add(t4, t2);
          t0 = Fp.mul(t1, t4);
          Y3 = Fp.add(Y3, t0);
          t0 = Fp.mul(t5, t4);
          X3 = Fp.mul(t3, X3);
          X3 = Fp.sub(X3, t0);
          t0 = Fp.mul(t3, t1);
          Z3 = Fp.mul(t5, Z3);
          Z3 = Fp.add(Z3, t0);
          return new Point(X3, Y3, Z3);
        }
        subtract(other) {
          aprjpoint(other);
          return this.add(other.negate());
        }
        is0() {
          return this.equals(Point.ZERO);
        }
        multiply(scalar) {
          const { endo: endo2 } = extraOpts;
          if (!Fn.isValidNot0(scalar))
            throw new RangeError("invalid scalar: out of range");
          let point, fake;
          const mul = (n) => wnaf.cached(this, n, (p) => normalizeZ(Point, p));
          if (endo2) {
            const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(scalar);
            const { p: k1p, f: k1f } = mul(k1);
            const { p: k2p, f: k2f } = mul(k2);
            fake = k1f.add(k2f);
            point = finishEndo(endo2.beta, k1p, k2p, k1neg, k2neg);
          } else {
            const { p, f } = mul(scalar);
            point = p;
            fake = f;
          }
          return normalizeZ(Point, [point, fake])[0];
        }
        multiplyUnsafe(scalar) {
          const { endo: endo2 } = extraOpts;
          const p = this;
          const sc = scalar;
          if (!Fn.isValid(sc))
            throw new RangeError("invalid scalar: out of range");
          if (sc === _0n || p.is0())
            return Point.ZERO;
          if (sc === _1n)
            return p;
          if (wnaf.hasCache(this))
            return this.multiply(sc);
          if (endo2) {
            const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(sc);
            const { p1, p2 } = mulEndoUnsafe(Point, p, k1, k2);
            return finishEndo(endo2.beta, p1, p2, k1neg, k2neg);
          } else {
            return wnaf.unsafe(p, sc);
          }
        }
        toAffine(invertedZ) {
          const p = this;
          let iz = invertedZ;
          const { X, Y, Z } = p;
          if (Fp.eql(Z, Fp.ONE))
            return { x: X, y: Y };
          const is0 = p.is0();
          if (iz == null)
            iz = is0 ? Fp.ONE : Fp.inv(Z);
          const x = Fp.mul(X, iz);
          const y = Fp.mul(Y, iz);
          const zz = Fp.mul(Z, iz);
          if (is0)
            return { x: Fp.ZERO, y: Fp.ZERO };
          if (!Fp.eql(zz, Fp.ONE))
            throw new Error("invZ was invalid");
          return { x, y };
        }
        isTorsionFree() {
          const { isTorsionFree } = extraOpts;
          if (cofactor === _1n)
            return true;
          if (isTorsionFree)
            return isTorsionFree(Point, this);
          return wnaf.unsafe(this, CURVE_ORDER).is0();
        }
        clearCofactor() {
          const { clearCofactor } = extraOpts;
          if (cofactor === _1n)
            return this;
          if (clearCofactor)
            return clearCofactor(Point, this);
          return this.multiplyUnsafe(cofactor);
        }
        isSmallOrder() {
          if (cofactor === _1n)
            return this.is0();
          return this.clearCofactor().is0();
        }
        toBytes(isCompressed = true) {
          abool(isCompressed, "isCompressed");
          this.assertValidity();
          return encodePoint(Point, this, isCompressed);
        }
        toHex(isCompressed = true) {
          return bytesToHex(this.toBytes(isCompressed));
        }
        toString() {
          return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
        }
      }
      const bits = Fn.BITS;
      const wnaf = new wNAF(Point, extraOpts.endo ? Math.ceil(bits / 2) : bits);
      if (bits >= 8)
        Point.BASE.precompute(8);
      Object.freeze(Point.prototype);
      Object.freeze(Point);
      return Point;
    }
    function pprefix(hasEvenY) {
      return Uint8Array.of(hasEvenY ? 2 : 3);
    }
    function getWLengths(Fp, Fn) {
      return {
        secretKey: Fn.BYTES,
        publicKey: 1 + Fp.BYTES,
        publicKeyUncompressed: 1 + 2 * Fp.BYTES,
        publicKeyHasPrefix: true,
        signature: 2 * Fn.BYTES
      };
    }
    function ecdh(Point, ecdhOpts = {}) {
      const { Fn } = Point;
      const randomBytes_ = ecdhOpts.randomBytes === void 0 ? randomBytes : ecdhOpts.randomBytes;
      const lengths = Object.assign(getWLengths(Point.Fp, Fn), {
        seed: Math.max(getMinHashLength(Fn.ORDER), 16)
      });
      function isValidSecretKey(secretKey) {
        try {
          const num = Fn.fromBytes(secretKey);
          return Fn.isValidNot0(num);
        } catch (error) {
          return false;
        }
      }
      function isValidPublicKey(publicKey, isCompressed) {
        const { publicKey: comp, publicKeyUncompressed } = lengths;
        try {
          const l = publicKey.length;
          if (isCompressed === true && l !== comp)
            return false;
          if (isCompressed === false && l !== publicKeyUncompressed)
            return false;
          return !!Point.fromBytes(publicKey);
        } catch (error) {
          return false;
        }
      }
      function randomSecretKey(seed) {
        seed = seed === void 0 ? randomBytes_(lengths.seed) : seed;
        return mapHashToField(abytes(seed, lengths.seed, "seed"), Fn.ORDER);
      }
      function getPublicKey(secretKey, isCompressed = true) {
        return Point.BASE.multiply(Fn.fromBytes(secretKey)).toBytes(isCompressed);
      }
      function isProbPub(item) {
        const { secretKey, publicKey, publicKeyUncompressed } = lengths;
        const allowedLengths = Fn._lengths;
        if (!isBytes(item))
          return void 0;
        const l = abytes(item, void 0, "key").length;
        const isPub = l === publicKey || l === publicKeyUncompressed;
        const isSec = l === secretKey || !!allowedLengths?.includes(l);
        if (isPub && isSec)
          return void 0;
        return isPub;
      }
      function getSharedSecret(secretKeyA, publicKeyB, isCompressed = true) {
        if (isProbPub(secretKeyA) === true)
          throw new Error("first arg must be private key");
        if (isProbPub(publicKeyB) === false)
          throw new Error("second arg must be public key");
        const s = Fn.fromBytes(secretKeyA);
        const b = Point.fromBytes(publicKeyB);
        return b.multiply(s).toBytes(isCompressed);
      }
      const utils = {
        isValidSecretKey,
        isValidPublicKey,
        randomSecretKey
      };
      const keygen = createKeygen(randomSecretKey, getPublicKey);
      Object.freeze(utils);
      Object.freeze(lengths);
      return Object.freeze({ getPublicKey, getSharedSecret, keygen, Point, utils, lengths });
    }
    function ecdsa(Point, hash, ecdsaOpts = {}) {
      const hash_ = hash;
      ahash(hash_);
      validateObject(ecdsaOpts, {}, {
        hmac: "function",
        lowS: "boolean",
        randomBytes: "function",
        bits2int: "function",
        bits2int_modN: "function"
      });
      ecdsaOpts = Object.assign({}, ecdsaOpts);
      const randomBytes$12 = ecdsaOpts.randomBytes === void 0 ? randomBytes : ecdsaOpts.randomBytes;
      const hmac$1 = ecdsaOpts.hmac === void 0 ? (key, msg) => hmac(hash_, key, msg) : ecdsaOpts.hmac;
      const { Fp, Fn } = Point;
      const { ORDER: CURVE_ORDER, BITS: fnBits } = Fn;
      const { keygen, getPublicKey, getSharedSecret, utils, lengths } = ecdh(Point, ecdsaOpts);
      const defaultSigOpts = {
        prehash: true,
        lowS: typeof ecdsaOpts.lowS === "boolean" ? ecdsaOpts.lowS : true,
        format: "compact",
        extraEntropy: false
      };
      const hasLargeRecoveryLifts = CURVE_ORDER * _2n + _1n < Fp.ORDER;
      function isBiggerThanHalfOrder(number) {
        const HALF = CURVE_ORDER >> _1n;
        return number > HALF;
      }
      function validateRS(title, num) {
        if (!Fn.isValidNot0(num))
          throw new Error(`invalid signature ${title}: out of range 1..Point.Fn.ORDER`);
        return num;
      }
      function assertRecoverableCurve() {
        if (hasLargeRecoveryLifts)
          throw new Error('"recovered" sig type is not supported for cofactor >2 curves');
      }
      function validateSigLength(bytes, format) {
        validateSigFormat(format);
        const size = lengths.signature;
        const sizer = format === "compact" ? size : format === "recovered" ? size + 1 : void 0;
        return abytes(bytes, sizer);
      }
      class Signature {
        r;
        s;
        recovery;
        constructor(r, s, recovery) {
          this.r = validateRS("r", r);
          this.s = validateRS("s", s);
          if (recovery != null) {
            assertRecoverableCurve();
            if (![0, 1, 2, 3].includes(recovery))
              throw new Error("invalid recovery id");
            this.recovery = recovery;
          }
          Object.freeze(this);
        }
        static fromBytes(bytes, format = defaultSigOpts.format) {
          validateSigLength(bytes, format);
          let recid;
          if (format === "der") {
            const { r: r2, s: s2 } = DER.toSig(abytes(bytes));
            return new Signature(r2, s2);
          }
          if (format === "recovered") {
            recid = bytes[0];
            format = "compact";
            bytes = bytes.subarray(1);
          }
          const L = lengths.signature / 2;
          const r = bytes.subarray(0, L);
          const s = bytes.subarray(L, L * 2);
          return new Signature(Fn.fromBytes(r), Fn.fromBytes(s), recid);
        }
        static fromHex(hex, format) {
          return this.fromBytes(hexToBytes(hex), format);
        }
        assertRecovery() {
          const { recovery } = this;
          if (recovery == null)
            throw new Error("invalid recovery id: must be present");
          return recovery;
        }
        addRecoveryBit(recovery) {
          return new Signature(this.r, this.s, recovery);
        }
        recoverPublicKey(messageHash) {
          const { r, s } = this;
          const recovery = this.assertRecovery();
          const radj = recovery === 2 || recovery === 3 ? r + CURVE_ORDER : r;
          if (!Fp.isValid(radj))
            throw new Error("invalid recovery id: sig.r+curve.n != R.x");
          const x = Fp.toBytes(radj);
          const R = Point.fromBytes(concatBytes(pprefix((recovery & 1) === 0), x));
          const ir = Fn.inv(radj);
          const h = bits2int_modN(abytes(messageHash, void 0, "msgHash"));
          const u1 = Fn.create(-h * ir);
          const u2 = Fn.create(s * ir);
          const Q = Point.BASE.multiplyUnsafe(u1).add(R.multiplyUnsafe(u2));
          if (Q.is0())
            throw new Error("invalid recovery: point at infinify");
          Q.assertValidity();
          return Q;
        }
        hasHighS() {
          return isBiggerThanHalfOrder(this.s);
        }
        toBytes(format = defaultSigOpts.format) {
          validateSigFormat(format);
          if (format === "der")
            return hexToBytes(DER.hexFromSig(this));
          const { r, s } = this;
          const rb = Fn.toBytes(r);
          const sb = Fn.toBytes(s);
          if (format === "recovered") {
            assertRecoverableCurve();
            return concatBytes(Uint8Array.of(this.assertRecovery()), rb, sb);
          }
          return concatBytes(rb, sb);
        }
        toHex(format) {
          return bytesToHex(this.toBytes(format));
        }
      }
      Object.freeze(Signature.prototype);
      Object.freeze(Signature);
      const bits2int = ecdsaOpts.bits2int === void 0 ? function bits2int_def(bytes) {
        if (bytes.length > 8192)
          throw new Error("input is too large");
        const num = bytesToNumberBE(bytes);
        const delta = bytes.length * 8 - fnBits;
        return delta > 0 ? num >> BigInt(delta) : num;
      } : ecdsaOpts.bits2int;
      const bits2int_modN = ecdsaOpts.bits2int_modN === void 0 ? function bits2int_modN_def(bytes) {
        return Fn.create(bits2int(bytes));
      } : ecdsaOpts.bits2int_modN;
      const ORDER_MASK = bitMask(fnBits);
      function int2octets(num) {
        aInRange("num < 2^" + fnBits, num, _0n, ORDER_MASK);
        return Fn.toBytes(num);
      }
      function validateMsgAndHash(message, prehash) {
        abytes(message, void 0, "message");
        return prehash ? abytes(hash_(message), void 0, "prehashed message") : message;
      }
      function prepSig(message, secretKey, opts) {
        const { lowS, prehash, extraEntropy } = validateSigOpts(opts, defaultSigOpts);
        message = validateMsgAndHash(message, prehash);
        const h1int = bits2int_modN(message);
        const d = Fn.fromBytes(secretKey);
        if (!Fn.isValidNot0(d))
          throw new Error("invalid private key");
        const seedArgs = [int2octets(d), int2octets(h1int)];
        if (extraEntropy != null && extraEntropy !== false) {
          const e = extraEntropy === true ? randomBytes$12(lengths.secretKey) : extraEntropy;
          seedArgs.push(abytes(e, void 0, "extraEntropy"));
        }
        const seed = concatBytes(...seedArgs);
        const m = h1int;
        function k2sig(kBytes) {
          const k = bits2int(kBytes);
          if (!Fn.isValidNot0(k))
            return;
          const ik = Fn.inv(k);
          const q = Point.BASE.multiply(k).toAffine();
          const r = Fn.create(q.x);
          if (r === _0n)
            return;
          const s = Fn.create(ik * Fn.create(m + r * d));
          if (s === _0n)
            return;
          let recovery = (q.x === r ? 0 : 2) | Number(q.y & _1n);
          let normS = s;
          if (lowS && isBiggerThanHalfOrder(s)) {
            normS = Fn.neg(s);
            recovery ^= 1;
          }
          return new Signature(r, normS, hasLargeRecoveryLifts ? void 0 : recovery);
        }
        return { seed, k2sig };
      }
      function sign(message, secretKey, opts = {}) {
        const { seed, k2sig } = prepSig(message, secretKey, opts);
        const drbg = createHmacDrbg(hash_.outputLen, Fn.BYTES, hmac$1);
        const sig = drbg(seed, k2sig);
        return sig.toBytes(opts.format);
      }
      function verify(signature, message, publicKey, opts = {}) {
        const { lowS, prehash, format } = validateSigOpts(opts, defaultSigOpts);
        publicKey = abytes(publicKey, void 0, "publicKey");
        message = validateMsgAndHash(message, prehash);
        if (!isBytes(signature)) {
          const end = signature instanceof Signature ? ", use sig.toBytes()" : "";
          throw new Error("verify expects Uint8Array signature" + end);
        }
        validateSigLength(signature, format);
        try {
          const sig = Signature.fromBytes(signature, format);
          const P = Point.fromBytes(publicKey);
          if (lowS && sig.hasHighS())
            return false;
          const { r, s } = sig;
          const h = bits2int_modN(message);
          const is = Fn.inv(s);
          const u1 = Fn.create(h * is);
          const u2 = Fn.create(r * is);
          const R = Point.BASE.multiplyUnsafe(u1).add(P.multiplyUnsafe(u2));
          if (R.is0())
            return false;
          const v = Fn.create(R.x);
          return v === r;
        } catch (e) {
          return false;
        }
      }
      function recoverPublicKey(signature, message, opts = {}) {
        const { prehash } = validateSigOpts(opts, defaultSigOpts);
        message = validateMsgAndHash(message, prehash);
        return Signature.fromBytes(signature, "recovered").recoverPublicKey(message).toBytes();
      }
      return Object.freeze({
        keygen,
        getPublicKey,
        getSharedSecret,
        utils,
        lengths,
        Point,
        sign,
        verify,
        recoverPublicKey,
        Signature,
        hash: hash_
      });
    }
    var p256_CURVE = (() => ({
      p: BigInt("0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
      n: BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
      h: BigInt(1),
      a: BigInt("0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
      b: BigInt("0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
      Gx: BigInt("0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
      Gy: BigInt("0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")
    }))();
    var p256_Point = weierstrass(p256_CURVE);
    var p256 = ecdsa(p256_Point, sha256);
    var Ec = class {
      constructor(curve) {
        if (curve !== "p256")
          throw new Error(`Unsupported curve: ${curve}`);
      }
      keyFromPrivate(privateKey) {
        return {
          sign(hash) {
            const sig = p256.sign(hash, privateKey, { prehash: false, format: "der" });
            return {
              toDER() {
                return sig;
              }
            };
          }
        };
      }
    };
    var SignatureV4a = class extends SignatureV4Base {
      constructor({ applyChecksum, credentials, region, service, sha256: sha2562, uriEscapePath = true }) {
        super({
          applyChecksum,
          credentials,
          region,
          service,
          sha256: sha2562,
          uriEscapePath
        });
      }
      async sign(toSign, options) {
        return this.signRequest(toSign, options);
      }
      async signRequest(requestToSign, { signingDate = /* @__PURE__ */ new Date(), signableHeaders, unsignableHeaders, signingRegion, signingService } = {}) {
        const credentials = await this.credentialProvider();
        this.validateResolvedCredentials(credentials);
        const region = signingRegion ?? await this.regionProvider();
        const request = prepareRequest(requestToSign);
        const { longDate, shortDate } = this.formatDate(signingDate);
        const scope = createSigV4aScope(shortDate, signingService ?? this.service);
        const pKey = await getSigV4aSigningKey(this.sha256, credentials.accessKeyId, credentials.secretAccessKey);
        request.headers[AMZ_DATE_HEADER] = longDate;
        if (credentials.sessionToken) {
          request.headers[TOKEN_HEADER] = credentials.sessionToken;
        }
        request.headers[REGION_HEADER] = region;
        const payloadHash = await getPayloadHash(request, this.sha256);
        if (!hasHeader(SHA256_HEADER, request.headers) && this.applyChecksum) {
          request.headers[SHA256_HEADER] = payloadHash;
        }
        const canonicalHeaders = getCanonicalHeaders(request, unsignableHeaders, signableHeaders);
        const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
        const stringToSign = await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER_V4A);
        const signature = await this.getSignature(pKey, stringToSign);
        request.headers[AUTH_HEADER] = `${ALGORITHM_IDENTIFIER_V4A} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${this.getCanonicalHeaderList(canonicalHeaders)}, Signature=${signature}`;
        return request;
      }
      async getSignature(privateKey, stringToSign) {
        const ecdsa2 = new Ec("p256");
        const key = ecdsa2.keyFromPrivate(privateKey);
        const hash = new this.sha256();
        hash.update(toUint8Array(stringToSign));
        const hashResult = await hash.digest();
        const signature = key.sign(hashResult);
        return toHex(new Uint8Array(signature.toDER()));
      }
    };
    signatureV4aContainer.SignatureV4a = SignatureV4a;
    exports.SignatureV4a = SignatureV4a;
  }
});

// node_modules/@aws-sdk/signature-v4a/dist-cjs/index.js
var require_dist_cjs6 = __commonJS({
  "node_modules/@aws-sdk/signature-v4a/dist-cjs/index.js"(exports) {
    var { SignatureV4a } = require_dist_cjs5();
    exports.SignatureV4a = SignatureV4a;
  }
});

// node_modules/@aws-sdk/client-cloudfront-keyvaluestore/dist-cjs/index.js
var require_dist_cjs7 = __commonJS({
  "node_modules/@aws-sdk/client-cloudfront-keyvaluestore/dist-cjs/index.js"(exports) {
    var { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = (init_client2(), __toCommonJS(client_exports2));
    var { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = (init_dist_es(), __toCommonJS(dist_es_exports));
    var { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = (init_client(), __toCommonJS(client_exports));
    var { Command: $Command } = (init_client(), __toCommonJS(client_exports));
    exports.$Command = $Command;
    exports.__Client = Client;
    var { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = (init_config(), __toCommonJS(config_exports));
    var { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveParams, resolveEndpointConfig, getEndpointPlugin } = (init_endpoints(), __toCommonJS(endpoints_exports));
    var { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = (init_protocols(), __toCommonJS(protocols_exports));
    var { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = (init_retry(), __toCommonJS(retry_exports));
    var { TypeRegistry, getSchemaSerdePlugin } = (init_schema(), __toCommonJS(schema_exports));
    var { resolveAwsSdkSigV4Config, resolveAwsSdkSigV4AConfig, AwsSdkSigV4Signer, AwsSdkSigV4ASigner, NODE_SIGV4A_CONFIG_OPTIONS, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = (init_httpAuthSchemes(), __toCommonJS(httpAuthSchemes_exports));
    var { SignatureV4MultiRegion } = require_dist_cjs2();
    var { defaultProvider } = require_dist_cjs4();
    var { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = (init_serde(), __toCommonJS(serde_exports));
    var { streamCollector, NodeHttpHandler: NodeHttpHandler2 } = require_dist_cjs3();
    var { AwsRestJsonProtocol } = (init_protocols2(), __toCommonJS(protocols_exports2));
    var { Sha256 } = (init_checksum(), __toCommonJS(checksum_exports));
    var o = "ref";
    var a = -1;
    var b = "isSet";
    var c = "parsedArn";
    var d = "stringEquals";
    var e = "getAttr";
    var f = "arnType";
    var g = "partitionResult";
    var h = { [o]: c };
    var i = { [o]: f };
    var j = { "fn": e, "argv": [h, "partition"] };
    var k = { "authSchemes": [{ "name": "sigv4a", "signingName": "cloudfront-keyvaluestore", "signingRegionSet": ["*"] }] };
    var l = [{ [o]: "KvsARN" }];
    var m = [{ [o]: "Region" }];
    var n = [{ [o]: "Endpoint" }];
    var _data = {
      conditions: [
        ["booleanEquals", [{ [o]: "UseFIPS" }, true]],
        [b, l],
        ["aws.parseArn", l, c],
        [d, [{ fn: e, argv: [h, "service"] }, "cloudfront"]],
        [d, [{ fn: e, argv: [h, "region"] }, ""]],
        [e, [h, "resourceId[0]"], f],
        [d, [i, ""]],
        [d, [i, "key-value-store"]],
        [d, [j, "aws"]],
        [b, m],
        ["aws.partition", m, g],
        [d, [j, { fn: e, argv: [{ [o]: g }, "name"] }]],
        [b, n],
        ["parseURL", n, "url"]
      ],
      results: [
        [a],
        ["{url#scheme}://{parsedArn#accountId}.{url#authority}{url#path}", k],
        [a, "Provided endpoint is not a valid URL"],
        ["https://{parsedArn#accountId}.cloudfront-kvs.global.api.aws", k],
        [a, "Client was configured for partition `{partitionResult#name}` but Kvs ARN has `{parsedArn#partition}`"],
        [a, "CloudFront-KeyValueStore is not supported in partition `{parsedArn#partition}`"],
        [a, "ARN resource type is invalid. Expected `key-value-store`, found: `{arnType}`"],
        [a, "No resource type found in the KVS ARN. Resource type must be `key-value-store`."],
        [a, "Provided ARN must be a global resource ARN. Found: `{parsedArn#region}`"],
        [a, "Provided ARN is not a valid CloudFront Service ARN. Found: `{parsedArn#service}`"],
        [a, "KVS ARN must be a valid ARN"],
        [a, "KVS ARN must be provided to use this service"],
        [a, "Invalid Configuration: FIPS is not supported with CloudFront-KeyValueStore."]
      ]
    };
    var root = 2;
    var r = 1e8;
    var nodes = new Int32Array([
      -1,
      1,
      -1,
      0,
      r + 12,
      3,
      1,
      4,
      r + 11,
      2,
      5,
      r + 10,
      3,
      6,
      r + 9,
      4,
      7,
      r + 8,
      5,
      8,
      r + 7,
      6,
      r + 7,
      9,
      7,
      10,
      r + 6,
      8,
      11,
      r + 5,
      9,
      12,
      14,
      10,
      13,
      14,
      11,
      14,
      r + 4,
      12,
      15,
      r + 3,
      13,
      r + 1,
      r + 2
    ]);
    var bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);
    var cache = new EndpointCache({
      size: 50,
      params: ["Endpoint", "KvsARN", "Region", "UseFIPS"]
    });
    var defaultEndpointResolver = (endpointParams, context = {}) => {
      return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams,
        logger: context.logger
      }));
    };
    customEndpointFunctions.aws = awsEndpointFunctions;
    var createEndpointRuleSetHttpAuthSchemeParametersProvider = (defaultHttpAuthSchemeParametersProvider) => async (config, context, input) => {
      if (!input) {
        throw new Error("Could not find `input` for `defaultEndpointRuleSetHttpAuthSchemeParametersProvider`");
      }
      const defaultParameters = await defaultHttpAuthSchemeParametersProvider(config, context, input);
      const instructionsFn = getSmithyContext(context)?.commandInstance?.constructor?.getEndpointParameterInstructions;
      if (!instructionsFn) {
        throw new Error(`getEndpointParameterInstructions() is not defined on '${context.commandName}'`);
      }
      const endpointParameters = await resolveParams(input, { getEndpointParameterInstructions: instructionsFn }, config);
      return Object.assign(defaultParameters, endpointParameters);
    };
    var _defaultCloudFrontKeyValueStoreHttpAuthSchemeParametersProvider = async (config, context, input) => {
      return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
          throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })()
      };
    };
    var defaultCloudFrontKeyValueStoreHttpAuthSchemeParametersProvider = createEndpointRuleSetHttpAuthSchemeParametersProvider(_defaultCloudFrontKeyValueStoreHttpAuthSchemeParametersProvider);
    function createAwsAuthSigv4HttpAuthOption(authParameters) {
      return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
          name: "cloudfront-keyvaluestore",
          region: authParameters.region
        },
        propertiesExtractor: (config, context) => ({
          signingProperties: {
            config,
            context
          }
        })
      };
    }
    function createAwsAuthSigv4aHttpAuthOption(authParameters) {
      return {
        schemeId: "aws.auth#sigv4a",
        signingProperties: {
          name: "cloudfront-keyvaluestore",
          region: authParameters.region
        },
        propertiesExtractor: (config, context) => ({
          signingProperties: {
            config,
            context
          }
        })
      };
    }
    var createEndpointRuleSetHttpAuthSchemeProvider = (defaultEndpointResolver2, defaultHttpAuthSchemeResolver, createHttpAuthOptionFunctions) => {
      const endpointRuleSetHttpAuthSchemeProvider = (authParameters) => {
        const endpoint = defaultEndpointResolver2(authParameters);
        const authSchemes = endpoint.properties?.authSchemes;
        if (!authSchemes) {
          return defaultHttpAuthSchemeResolver(authParameters);
        }
        const options = [];
        for (const scheme of authSchemes) {
          const { name: resolvedName, properties = {}, ...rest } = scheme;
          const name = resolvedName.toLowerCase();
          if (resolvedName !== name) {
            console.warn(`HttpAuthScheme has been normalized with lowercasing: '${resolvedName}' to '${name}'`);
          }
          let schemeId;
          if (name === "sigv4a") {
            schemeId = "aws.auth#sigv4a";
            const sigv4Present = authSchemes.find((s) => {
              const name2 = s.name.toLowerCase();
              return name2 !== "sigv4a" && name2.startsWith("sigv4");
            });
            if (SignatureV4MultiRegion.sigv4aDependency() === "none" && sigv4Present) {
              continue;
            }
          } else if (name.startsWith("sigv4")) {
            schemeId = "aws.auth#sigv4";
          } else {
            throw new Error(`Unknown HttpAuthScheme found in '@smithy.rules#endpointRuleSet': '${name}'`);
          }
          const createOption = createHttpAuthOptionFunctions[schemeId];
          if (!createOption) {
            throw new Error(`Could not find HttpAuthOption create function for '${schemeId}'`);
          }
          const option = createOption(authParameters);
          option.schemeId = schemeId;
          option.signingProperties = { ...option.signingProperties || {}, ...rest, ...properties };
          options.push(option);
        }
        return options;
      };
      return endpointRuleSetHttpAuthSchemeProvider;
    };
    var _defaultCloudFrontKeyValueStoreHttpAuthSchemeProvider = (authParameters) => {
      const options = [];
      switch (authParameters.operation) {
        default: {
          options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
          options.push(createAwsAuthSigv4aHttpAuthOption(authParameters));
        }
      }
      return options;
    };
    var defaultCloudFrontKeyValueStoreHttpAuthSchemeProvider = createEndpointRuleSetHttpAuthSchemeProvider(defaultEndpointResolver, _defaultCloudFrontKeyValueStoreHttpAuthSchemeProvider, {
      "aws.auth#sigv4": createAwsAuthSigv4HttpAuthOption,
      "aws.auth#sigv4a": createAwsAuthSigv4aHttpAuthOption
    });
    var resolveHttpAuthSchemeConfig = (config) => {
      const config_0 = resolveAwsSdkSigV4Config(config);
      const config_1 = resolveAwsSdkSigV4AConfig(config_0);
      return Object.assign(config_1, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? [])
      });
    };
    var resolveClientEndpointParameters = (options) => {
      return Object.assign(options, {
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "cloudfront-keyvaluestore"
      });
    };
    var commonParams = {
      UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
      Endpoint: { type: "builtInParams", name: "endpoint" },
      Region: { type: "builtInParams", name: "region" }
    };
    var version = "3.1141.0";
    var packageInfo = {
      version
    };
    var CloudFrontKeyValueStoreServiceException = class _CloudFrontKeyValueStoreServiceException extends ServiceException {
      constructor(options) {
        super(options);
        Object.setPrototypeOf(this, _CloudFrontKeyValueStoreServiceException.prototype);
      }
    };
    var AccessDeniedException = class _AccessDeniedException extends CloudFrontKeyValueStoreServiceException {
      name = "AccessDeniedException";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "AccessDeniedException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _AccessDeniedException.prototype);
        this.Message = opts.Message;
      }
    };
    var ConflictException = class _ConflictException extends CloudFrontKeyValueStoreServiceException {
      name = "ConflictException";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ConflictException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ConflictException.prototype);
        this.Message = opts.Message;
      }
    };
    var InternalServerException = class _InternalServerException extends CloudFrontKeyValueStoreServiceException {
      name = "InternalServerException";
      $fault = "server";
      Message;
      constructor(opts) {
        super({
          name: "InternalServerException",
          $fault: "server",
          ...opts
        });
        Object.setPrototypeOf(this, _InternalServerException.prototype);
        this.Message = opts.Message;
      }
    };
    var ResourceNotFoundException = class _ResourceNotFoundException extends CloudFrontKeyValueStoreServiceException {
      name = "ResourceNotFoundException";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ResourceNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ResourceNotFoundException.prototype);
        this.Message = opts.Message;
      }
    };
    var ServiceQuotaExceededException = class _ServiceQuotaExceededException extends CloudFrontKeyValueStoreServiceException {
      name = "ServiceQuotaExceededException";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ServiceQuotaExceededException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ServiceQuotaExceededException.prototype);
        this.Message = opts.Message;
      }
    };
    var ValidationException = class _ValidationException extends CloudFrontKeyValueStoreServiceException {
      name = "ValidationException";
      $fault = "client";
      Message;
      constructor(opts) {
        super({
          name: "ValidationException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ValidationException.prototype);
        this.Message = opts.Message;
      }
    };
    var _ADE = "AccessDeniedException";
    var _C = "Created";
    var _CE = "ConflictException";
    var _D = "Deletes";
    var _DK = "DeleteKey";
    var _DKR = "DeleteKeyRequest";
    var _DKRL = "DeleteKeyRequestsList";
    var _DKRLI = "DeleteKeyRequestListItem";
    var _DKRe = "DeleteKeyResponse";
    var _DKVS = "DescribeKeyValueStore";
    var _DKVSR = "DescribeKeyValueStoreRequest";
    var _DKVSRe = "DescribeKeyValueStoreResponse";
    var _ET = "ETag";
    var _FR = "FailureReason";
    var _GK = "GetKey";
    var _GKR = "GetKeyRequest";
    var _GKRe = "GetKeyResponse";
    var _I = "Items";
    var _IC = "ItemCount";
    var _IM = "IfMatch";
    var _IM_ = "If-Match";
    var _ISE = "InternalServerException";
    var _K = "Key";
    var _KARN = "KvsARN";
    var _LK = "ListKeys";
    var _LKR = "ListKeysRequest";
    var _LKRL = "ListKeysResponseList";
    var _LKRLI = "ListKeysResponseListItem";
    var _LKRi = "ListKeysResponse";
    var _LM = "LastModified";
    var _M = "Message";
    var _MR = "MaxResults";
    var _NT = "NextToken";
    var _P = "Puts";
    var _PK = "PutKey";
    var _PKR = "PutKeyRequest";
    var _PKRL = "PutKeyRequestsList";
    var _PKRLI = "PutKeyRequestListItem";
    var _PKRu = "PutKeyResponse";
    var _RNFE = "ResourceNotFoundException";
    var _S = "Status";
    var _SQEE = "ServiceQuotaExceededException";
    var _TSIB = "TotalSizeInBytes";
    var _UK = "UpdateKeys";
    var _UKR = "UpdateKeysRequest";
    var _UKRp = "UpdateKeysResponse";
    var _V = "Value";
    var _VE = "ValidationException";
    var _c = "client";
    var _e = "error";
    var _h = "http";
    var _hE = "httpError";
    var _hH = "httpHeader";
    var _hQ = "httpQuery";
    var _s = "smithy.ts.sdk.synthetic.com.amazonaws.cloudfrontkeyvaluestore";
    var _se = "server";
    var n0 = "com.amazonaws.cloudfrontkeyvaluestore";
    var _s_registry = new TypeRegistry(_s);
    var CloudFrontKeyValueStoreServiceException$ = [-3, _s, "CloudFrontKeyValueStoreServiceException", 0, [], []];
    _s_registry.registerError(CloudFrontKeyValueStoreServiceException$, CloudFrontKeyValueStoreServiceException);
    var n0_registry = new TypeRegistry(n0);
    var AccessDeniedException$ = [
      -3,
      n0,
      _ADE,
      { [_e]: _c, [_hE]: 403 },
      [_M],
      [0]
    ];
    n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
    var ConflictException$ = [
      -3,
      n0,
      _CE,
      { [_e]: _c, [_hE]: 409 },
      [_M],
      [0]
    ];
    n0_registry.registerError(ConflictException$, ConflictException);
    var InternalServerException$ = [
      -3,
      n0,
      _ISE,
      { [_e]: _se, [_hE]: 500 },
      [_M],
      [0]
    ];
    n0_registry.registerError(InternalServerException$, InternalServerException);
    var ResourceNotFoundException$ = [
      -3,
      n0,
      _RNFE,
      { [_e]: _c, [_hE]: 404 },
      [_M],
      [0]
    ];
    n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
    var ServiceQuotaExceededException$ = [
      -3,
      n0,
      _SQEE,
      { [_e]: _c, [_hE]: 402 },
      [_M],
      [0]
    ];
    n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
    var ValidationException$ = [
      -3,
      n0,
      _VE,
      { [_e]: _c, [_hE]: 400 },
      [_M],
      [0]
    ];
    n0_registry.registerError(ValidationException$, ValidationException);
    var errorTypeRegistries = [
      _s_registry,
      n0_registry
    ];
    var Value = [0, n0, _V, 8, 0];
    var DeleteKeyRequest$ = [
      3,
      n0,
      _DKR,
      0,
      [_KARN, _K, _IM],
      [[0, 1], [0, 1], [0, { [_hH]: _IM_ }]],
      3
    ];
    var DeleteKeyRequestListItem$ = [
      3,
      n0,
      _DKRLI,
      0,
      [_K],
      [0],
      1
    ];
    var DeleteKeyResponse$ = [
      3,
      n0,
      _DKRe,
      0,
      [_IC, _TSIB, _ET],
      [1, 1, [0, { [_hH]: _ET }]],
      3
    ];
    var DescribeKeyValueStoreRequest$ = [
      3,
      n0,
      _DKVSR,
      0,
      [_KARN],
      [[0, 1]],
      1
    ];
    var DescribeKeyValueStoreResponse$ = [
      3,
      n0,
      _DKVSRe,
      0,
      [_IC, _TSIB, _KARN, _C, _ET, _LM, _S, _FR],
      [1, 1, 0, 4, [0, { [_hH]: _ET }], 4, 0, 0],
      5
    ];
    var GetKeyRequest$ = [
      3,
      n0,
      _GKR,
      0,
      [_KARN, _K],
      [[0, 1], [0, 1]],
      2
    ];
    var GetKeyResponse$ = [
      3,
      n0,
      _GKRe,
      0,
      [_K, _V, _IC, _TSIB],
      [0, [() => Value, 0], 1, 1],
      4
    ];
    var ListKeysRequest$ = [
      3,
      n0,
      _LKR,
      0,
      [_KARN, _NT, _MR],
      [[0, 1], [0, { [_hQ]: _NT }], [1, { [_hQ]: _MR }]],
      1
    ];
    var ListKeysResponse$ = [
      3,
      n0,
      _LKRi,
      0,
      [_NT, _I],
      [0, [() => ListKeysResponseList, 0]]
    ];
    var ListKeysResponseListItem$ = [
      3,
      n0,
      _LKRLI,
      0,
      [_K, _V],
      [0, [() => Value, 0]],
      2
    ];
    var PutKeyRequest$ = [
      3,
      n0,
      _PKR,
      0,
      [_K, _V, _KARN, _IM],
      [[0, 1], [() => Value, 0], [0, 1], [0, { [_hH]: _IM_ }]],
      4
    ];
    var PutKeyRequestListItem$ = [
      3,
      n0,
      _PKRLI,
      0,
      [_K, _V],
      [0, [() => Value, 0]],
      2
    ];
    var PutKeyResponse$ = [
      3,
      n0,
      _PKRu,
      0,
      [_IC, _TSIB, _ET],
      [1, 1, [0, { [_hH]: _ET }]],
      3
    ];
    var UpdateKeysRequest$ = [
      3,
      n0,
      _UKR,
      0,
      [_KARN, _IM, _P, _D],
      [[0, 1], [0, { [_hH]: _IM_ }], [() => PutKeyRequestsList, 0], () => DeleteKeyRequestsList],
      2
    ];
    var UpdateKeysResponse$ = [
      3,
      n0,
      _UKRp,
      0,
      [_IC, _TSIB, _ET],
      [1, 1, [0, { [_hH]: _ET }]],
      3
    ];
    var DeleteKeyRequestsList = [
      1,
      n0,
      _DKRL,
      0,
      () => DeleteKeyRequestListItem$
    ];
    var ListKeysResponseList = [
      1,
      n0,
      _LKRL,
      0,
      [
        () => ListKeysResponseListItem$,
        0
      ]
    ];
    var PutKeyRequestsList = [
      1,
      n0,
      _PKRL,
      0,
      [
        () => PutKeyRequestListItem$,
        0
      ]
    ];
    var DeleteKey$ = [
      9,
      n0,
      _DK,
      { [_h]: ["DELETE", "/key-value-stores/{KvsARN}/keys/{Key}", 200] },
      () => DeleteKeyRequest$,
      () => DeleteKeyResponse$
    ];
    var DescribeKeyValueStore$ = [
      9,
      n0,
      _DKVS,
      { [_h]: ["GET", "/key-value-stores/{KvsARN}", 200] },
      () => DescribeKeyValueStoreRequest$,
      () => DescribeKeyValueStoreResponse$
    ];
    var GetKey$ = [
      9,
      n0,
      _GK,
      { [_h]: ["GET", "/key-value-stores/{KvsARN}/keys/{Key}", 200] },
      () => GetKeyRequest$,
      () => GetKeyResponse$
    ];
    var ListKeys$ = [
      9,
      n0,
      _LK,
      { [_h]: ["GET", "/key-value-stores/{KvsARN}/keys", 200] },
      () => ListKeysRequest$,
      () => ListKeysResponse$
    ];
    var PutKey$ = [
      9,
      n0,
      _PK,
      { [_h]: ["PUT", "/key-value-stores/{KvsARN}/keys/{Key}", 200] },
      () => PutKeyRequest$,
      () => PutKeyResponse$
    ];
    var UpdateKeys$ = [
      9,
      n0,
      _UK,
      { [_h]: ["POST", "/key-value-stores/{KvsARN}/keys", 200] },
      () => UpdateKeysRequest$,
      () => UpdateKeysResponse$
    ];
    var getRuntimeConfig$1 = (config) => {
      return {
        apiVersion: "2022-07-26",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultCloudFrontKeyValueStoreHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
          {
            schemeId: "aws.auth#sigv4",
            identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
            signer: new AwsSdkSigV4Signer()
          },
          {
            schemeId: "aws.auth#sigv4a",
            identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4a"),
            signer: new AwsSdkSigV4ASigner()
          }
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsRestJsonProtocol,
        protocolSettings: config?.protocolSettings ?? {
          defaultNamespace: "com.amazonaws.cloudfrontkeyvaluestore",
          errorTypeRegistries,
          version: "2022-07-26",
          serviceTarget: "CloudFrontKeyValueStore"
        },
        serviceId: config?.serviceId ?? "CloudFront KeyValueStore",
        sha256: config?.sha256 ?? Sha256,
        signerConstructor: config?.signerConstructor ?? SignatureV4MultiRegion,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8
      };
    };
    var getRuntimeConfig = (config) => {
      emitWarningIfUnsupportedVersion(process.version);
      const defaultsMode = resolveDefaultsModeConfig(config);
      const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
      const clientSharedValues = getRuntimeConfig$1(config);
      emitWarningIfUnsupportedVersion$1(process.version);
      const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger
      };
      return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler2.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ?? loadConfig({
          ...NODE_RETRY_MODE_CONFIG_OPTIONS,
          default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE
        }, config),
        sigv4aSigningRegionSet: config?.sigv4aSigningRegionSet ?? loadConfig(NODE_SIGV4A_CONFIG_OPTIONS, loaderConfig),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
      };
    };
    var getHttpAuthExtensionConfiguration = (runtimeConfig) => {
      const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
      let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
      let _credentials = runtimeConfig.credentials;
      return {
        setHttpAuthScheme(httpAuthScheme) {
          const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
          if (index === -1) {
            _httpAuthSchemes.push(httpAuthScheme);
          } else {
            _httpAuthSchemes.splice(index, 1, httpAuthScheme);
          }
        },
        httpAuthSchemes() {
          return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
          _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
          return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
          _credentials = credentials;
        },
        credentials() {
          return _credentials;
        }
      };
    };
    var resolveHttpAuthRuntimeConfig = (config) => {
      return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials()
      };
    };
    var resolveRuntimeExtensions = (runtimeConfig, extensions) => {
      const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
      extensions.forEach((extension) => extension.configure(extensionConfiguration));
      return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
    };
    var CloudFrontKeyValueStoreClient2 = class extends Client {
      config;
      constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
          httpAuthSchemeParametersProvider: defaultCloudFrontKeyValueStoreHttpAuthSchemeParametersProvider,
          identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
            "aws.auth#sigv4": config.credentials,
            "aws.auth#sigv4a": config.credentials
          })
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
      }
      destroy() {
        super.destroy();
      }
    };
    var command = makeBuilder(commonParams, "CloudFrontKeyValueStore", "CloudFrontKeyValueStoreClient", getEndpointPlugin);
    var _ep0 = {
      KvsARN: { type: "contextParams", name: "KvsARN" }
    };
    var _mw0 = (Command, cs, config, o2) => [];
    var DeleteKeyCommand = class extends command(_ep0, _mw0, "DeleteKey", DeleteKey$) {
    };
    var DescribeKeyValueStoreCommand2 = class extends command(_ep0, _mw0, "DescribeKeyValueStore", DescribeKeyValueStore$) {
    };
    var GetKeyCommand2 = class extends command(_ep0, _mw0, "GetKey", GetKey$) {
    };
    var ListKeysCommand = class extends command(_ep0, _mw0, "ListKeys", ListKeys$) {
    };
    var PutKeyCommand = class extends command(_ep0, _mw0, "PutKey", PutKey$) {
    };
    var UpdateKeysCommand2 = class extends command(_ep0, _mw0, "UpdateKeys", UpdateKeys$) {
    };
    var paginateListKeys = createPaginator(CloudFrontKeyValueStoreClient2, ListKeysCommand, "NextToken", "NextToken", "MaxResults");
    var commands = {
      DeleteKeyCommand,
      DescribeKeyValueStoreCommand: DescribeKeyValueStoreCommand2,
      GetKeyCommand: GetKeyCommand2,
      ListKeysCommand,
      PutKeyCommand,
      UpdateKeysCommand: UpdateKeysCommand2
    };
    var paginators = {
      paginateListKeys
    };
    var CloudFrontKeyValueStore = class extends CloudFrontKeyValueStoreClient2 {
    };
    createAggregatedClient(commands, CloudFrontKeyValueStore, { paginators });
    exports.AccessDeniedException = AccessDeniedException;
    exports.AccessDeniedException$ = AccessDeniedException$;
    exports.CloudFrontKeyValueStore = CloudFrontKeyValueStore;
    exports.CloudFrontKeyValueStoreClient = CloudFrontKeyValueStoreClient2;
    exports.CloudFrontKeyValueStoreServiceException = CloudFrontKeyValueStoreServiceException;
    exports.CloudFrontKeyValueStoreServiceException$ = CloudFrontKeyValueStoreServiceException$;
    exports.ConflictException = ConflictException;
    exports.ConflictException$ = ConflictException$;
    exports.DeleteKey$ = DeleteKey$;
    exports.DeleteKeyCommand = DeleteKeyCommand;
    exports.DeleteKeyRequest$ = DeleteKeyRequest$;
    exports.DeleteKeyRequestListItem$ = DeleteKeyRequestListItem$;
    exports.DeleteKeyResponse$ = DeleteKeyResponse$;
    exports.DescribeKeyValueStore$ = DescribeKeyValueStore$;
    exports.DescribeKeyValueStoreCommand = DescribeKeyValueStoreCommand2;
    exports.DescribeKeyValueStoreRequest$ = DescribeKeyValueStoreRequest$;
    exports.DescribeKeyValueStoreResponse$ = DescribeKeyValueStoreResponse$;
    exports.GetKey$ = GetKey$;
    exports.GetKeyCommand = GetKeyCommand2;
    exports.GetKeyRequest$ = GetKeyRequest$;
    exports.GetKeyResponse$ = GetKeyResponse$;
    exports.InternalServerException = InternalServerException;
    exports.InternalServerException$ = InternalServerException$;
    exports.ListKeys$ = ListKeys$;
    exports.ListKeysCommand = ListKeysCommand;
    exports.ListKeysRequest$ = ListKeysRequest$;
    exports.ListKeysResponse$ = ListKeysResponse$;
    exports.ListKeysResponseListItem$ = ListKeysResponseListItem$;
    exports.PutKey$ = PutKey$;
    exports.PutKeyCommand = PutKeyCommand;
    exports.PutKeyRequest$ = PutKeyRequest$;
    exports.PutKeyRequestListItem$ = PutKeyRequestListItem$;
    exports.PutKeyResponse$ = PutKeyResponse$;
    exports.ResourceNotFoundException = ResourceNotFoundException;
    exports.ResourceNotFoundException$ = ResourceNotFoundException$;
    exports.ServiceQuotaExceededException = ServiceQuotaExceededException;
    exports.ServiceQuotaExceededException$ = ServiceQuotaExceededException$;
    exports.UpdateKeys$ = UpdateKeys$;
    exports.UpdateKeysCommand = UpdateKeysCommand2;
    exports.UpdateKeysRequest$ = UpdateKeysRequest$;
    exports.UpdateKeysResponse$ = UpdateKeysResponse$;
    exports.ValidationException = ValidationException;
    exports.ValidationException$ = ValidationException$;
    exports.errorTypeRegistries = errorTypeRegistries;
    exports.paginateListKeys = paginateListKeys;
  }
});

// src/cloudfront/store-client.ts
var import_signature_v4a = __toESM(require_dist_cjs6(), 1);
var import_client_cloudfront_keyvaluestore = __toESM(require_dist_cjs7(), 1);
var import_node_http_handler = __toESM(require_dist_cjs3(), 1);
var storeCommands = {
  describe: (arn) => new import_client_cloudfront_keyvaluestore.DescribeKeyValueStoreCommand({ KvsARN: arn }),
  getKey: (arn, key) => new import_client_cloudfront_keyvaluestore.GetKeyCommand({ KvsARN: arn, Key: key }),
  updateKeys: (input) => new import_client_cloudfront_keyvaluestore.UpdateKeysCommand(input)
};
function createStoreClient(endpoint, requestTimeoutSeconds = 60) {
  return new import_client_cloudfront_keyvaluestore.CloudFrontKeyValueStoreClient({
    region: "us-east-1",
    retryMode: "adaptive",
    maxAttempts: 8,
    requestHandler: new import_node_http_handler.NodeHttpHandler({
      connectionTimeout: 1e4,
      socketTimeout: requestTimeoutSeconds * 1e3
    }),
    ...endpoint ? {
      // Typed by the client's own @smithy/types (the data plane's SDK is on an older line).
      endpointProvider: (() => ({
        url: new URL(endpoint),
        properties: {
          authSchemes: [
            {
              name: "sigv4a",
              signingName: "cloudfront-keyvaluestore",
              signingRegionSet: ["*"]
            }
          ]
        }
      }))
    } : {}
  });
}
export {
  createStoreClient,
  storeCommands
};
//# sourceMappingURL=store-client-JWSJAHHC.js.map
