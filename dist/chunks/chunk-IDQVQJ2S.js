import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);

// src/keys.ts
var STATE_DIR = ".cdn-publish";
var STATE_KEY = `${STATE_DIR}/state.json`;
function hasControlCharacter(text) {
  return /[\u0000-\u001f\u007f]/.test(text);
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

export {
  STATE_DIR,
  STATE_KEY,
  hasControlCharacter,
  toSiteKey,
  joinKey,
  listPrefix,
  siteKeyOf,
  isReservedKey,
  uriEscape,
  encodeKey
};
