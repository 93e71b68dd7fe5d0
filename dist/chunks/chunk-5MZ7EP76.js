import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);

// src/core/text.ts
var UNSAFE_CLASS = "[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufffd]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
var UNSAFE = new RegExp(UNSAFE_CLASS);
var UNSAFE_ALL = new RegExp(UNSAFE_CLASS, "g");
function hasUnsafeCharacter(text) {
  return UNSAFE.test(text);
}
function codePointLabel(c) {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}
function firstUnsafe(text) {
  const found = UNSAFE.exec(text)?.[0];
  if (found === void 0) return void 0;
  const code = codePointLabel(found);
  return found === "�" ? `${code} (bytes that are not valid UTF-8)` : code;
}
var SHORT_ESCAPES = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function escapeOne(c) {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function escapeUnsafe(text) {
  return text.replace(UNSAFE_ALL, escapeOne);
}
function quoted(text) {
  return `"${text.replace(/["\\]/g, "\\$&").replace(UNSAFE_ALL, escapeOne)}"`;
}
function shown(name) {
  return hasUnsafeCharacter(name) ? quoted(name) : name;
}
function printable(message) {
  return guardLines(
    message.replace(UNSAFE_ALL, (c) => c === "\n" || c === "	" ? c : escapeOne(c))
  );
}
function guardLines(message) {
  return message.replace(/^([ \t]*)(::|##\[)/gm, "$1| $2");
}

// src/core/keys.ts
var STATE_DIR = ".cdn-publish";
var STATE_KEY = `${STATE_DIR}/state.json`;
var BUILDS_DIR = "_builds";
var MAX_KEY_BYTES = 1024;
function hasControlCharacter(text) {
  return hasUnsafeCharacter(text);
}
function toSiteKey(relativePath, separator = "/") {
  const posix = separator === "/" ? relativePath : relativePath.split(separator).join("/");
  return posix.normalize("NFC");
}
function joinKey(prefix, siteKey) {
  if (prefix === "") return siteKey;
  return `${prefix}/${siteKey}`;
}
function listPrefix(prefix) {
  return prefix === "" ? "" : `${prefix}/`;
}
function siteKeyOf(prefix, key) {
  const start = listPrefix(prefix);
  if (!key.startsWith(start)) return void 0;
  const rest = key.slice(start.length);
  return rest === "" ? void 0 : rest;
}
function isReservedKey(siteKey) {
  return siteKey === STATE_DIR || siteKey.startsWith(`${STATE_DIR}/`);
}
function uriEscape(value) {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function encodeKey(key) {
  return key.split("/").map(uriEscape).join("/");
}
function compareKeys(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = x >= 55296 && x <= 57343 || y >= 55296 && y <= 57343;
    return surrogate ? a.codePointAt(i) - b.codePointAt(i) : x - y;
  }
  return a.length - b.length;
}

export {
  hasUnsafeCharacter,
  codePointLabel,
  firstUnsafe,
  escapeUnsafe,
  quoted,
  shown,
  printable,
  STATE_DIR,
  STATE_KEY,
  BUILDS_DIR,
  MAX_KEY_BYTES,
  hasControlCharacter,
  toSiteKey,
  joinKey,
  listPrefix,
  siteKeyOf,
  isReservedKey,
  encodeKey,
  compareKeys
};
//# sourceMappingURL=chunk-5MZ7EP76.js.map
