import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  joinKey
} from "./chunk-5MZ7EP76.js";

// src/cloudfront/signing.ts
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
function splitPems(text) {
  const blocks = text.replace(/\r\n/g, "\n").match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
  return blocks.map((b) => b.trim());
}
function publicKeyProblem(pem) {
  let key;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    return `it is not a PEM public key (${error.message})`;
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === "rsa" && details?.modulusLength === 2048) return void 0;
  if (key.asymmetricKeyType === "ec" && details?.namedCurve === "prime256v1") return void 0;
  return `CloudFront takes RSA 2048-bit or ECDSA P-256 public keys; this one is ${key.asymmetricKeyType}${details?.modulusLength ? ` ${details.modulusLength}-bit` : ""}`;
}
function canonicalPublicKey(pem) {
  return createPublicKey(pem).export({ type: "spki", format: "pem" }).toString().trim();
}
function privateKeyProblem(pem, publicKeys) {
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    return "it is not a PEM private key (PKCS#1 or PKCS#8), or it needs a passphrase";
  }
  const matching = canonicalPublicKey(
    createPublicKey(key).export({ type: "spki", format: "pem" }).toString()
  );
  if (publicKeys.length > 0 && !publicKeys.some((p) => canonicalPublicKey(p) === matching))
    return "it does not belong to any key in public-key";
  return void 0;
}
function publicKeyOf(privatePem) {
  return canonicalPublicKey(
    createPublicKey(createPrivateKey(privatePem)).export({ type: "spki", format: "pem" }).toString()
  );
}
function shortHash(text) {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}
var MAX_PUBLIC_KEYS_PER_KEY_GROUP = 5;
function checkPublicKeyCount(count) {
  if (count <= MAX_PUBLIC_KEYS_PER_KEY_GROUP) return void 0;
  return `a CloudFront key group holds at most ${MAX_PUBLIC_KEYS_PER_KEY_GROUP} public keys, and ${count} are given: keep the keys that sign (the new one and the one being rotated out)`;
}
var OWN_KEY_NAME = /^cdn-publish-[0-9a-f]{12}$/;
function isOwnKeyName(name) {
  return OWN_KEY_NAME.test(name);
}
function publicKeyName(pem) {
  return `cdn-publish-${shortHash(canonicalPublicKey(pem))}`;
}
function keyGroupName(publicKeyIds) {
  return `cdn-publish-${shortHash([...publicKeyIds].sort().join(","))}`;
}

// src/core/invalidation.ts
var MAX_WILDCARDS = 15;
var MAX_PATHS = 3e3;
var FREE_PATHS_PER_MONTH = 1e3;
var PRICE_PER_PATH_USD = 5e-3;
var KEEP = /[A-Za-z0-9\-._~!$&'()+,;=:@]/;
function encodeSegment(segment) {
  let out = "";
  for (const char of segment) {
    if (KEEP.test(char)) out += char;
    else
      for (const byte of Buffer.from(char, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
function urlPathOf(key, prefix, originPath) {
  const full = joinKey(prefix, key);
  const base = originPath.replace(/^\/+|\/+$/g, "");
  let served = full;
  if (base !== "") {
    if (!full.startsWith(`${base}/`)) return void 0;
    served = full.slice(base.length + 1);
  }
  return `/${served.split("/").map(encodeSegment).join("/")}`;
}
function pathsForKey(key, prefix, originPath, directoryIndexes) {
  const path = urlPathOf(key, prefix, originPath);
  if (path === void 0) return [];
  const paths = [path];
  if (path === "/index.html") paths.push("/");
  else if (directoryIndexes && path.endsWith("/index.html")) {
    const dir = path.slice(0, -"index.html".length);
    paths.push(dir, dir.slice(0, -1));
  }
  return paths;
}
function parentDir(path) {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf("/") + 1);
}
function depth(dir) {
  return dir.split("/").length - 2;
}
function isWildcard(path) {
  return path.endsWith("*");
}
function collapse(paths, dir) {
  for (const p of [...paths]) if (p.startsWith(dir)) paths.delete(p);
  const bare = dir.slice(0, -1);
  if (bare !== "" && paths.delete(bare)) paths.add(`${bare}*`);
  else paths.add(`${dir}*`);
}
function basePath(prefix, originPath) {
  if (prefix === "") return "/";
  const path = urlPathOf("x", prefix, originPath);
  return path === void 0 ? "/" : path.slice(0, -1);
}
function planInvalidation(input) {
  const budget = Math.max(1, Math.min(input.budget, MAX_PATHS));
  const paths = /* @__PURE__ */ new Set();
  for (const key of input.changed)
    for (const p of pathsForKey(key, input.prefix, input.originPath, input.directoryIndexes))
      paths.add(p);
  const objects = new Set(input.changed).size;
  if (paths.size === 0) return { paths: [], objects: 0, collapsed: false };
  const base = basePath(input.prefix, input.originPath);
  const changedSet = new Set(input.changed);
  if (paths.size >= 2 && input.all.every((key) => changedSet.has(key)))
    return { paths: [`${base}*`], objects, collapsed: false };
  const byDir = /* @__PURE__ */ new Map();
  for (const key of new Set(input.all)) {
    const path = urlPathOf(key, input.prefix, input.originPath);
    if (path === void 0) continue;
    for (let dir = parentDir(path); dir !== "/" && dir !== ""; dir = parentDir(dir)) {
      const entry = byDir.get(dir) ?? { total: 0, changed: 0 };
      entry.total++;
      if (changedSet.has(key)) entry.changed++;
      byDir.set(dir, entry);
    }
  }
  const full = [...byDir.entries()].filter(([, e]) => e.total === e.changed && e.changed >= 2).map(([dir]) => dir).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const dir of full) {
    if ([...paths].some((p) => isWildcard(p) && dir.startsWith(p.slice(0, -1)))) continue;
    collapse(paths, dir);
  }
  let collapsed = false;
  const wildcards = () => [...paths].filter(isWildcard).length;
  while (paths.size > budget || wildcards() > MAX_WILDCARDS) {
    const counts = /* @__PURE__ */ new Map();
    for (const p of paths) {
      const dir = parentDir(isWildcard(p) ? p.slice(0, -1) : p);
      if (dir.length <= base.length) continue;
      counts.set(dir, (counts.get(dir) ?? 0) + 1);
    }
    const merges = (count) => count >= 2 ? 0 : 1;
    const candidates = [...counts.entries()].sort(
      ([a, ca], [b, cb]) => merges(ca) - merges(cb) || depth(b) - depth(a) || cb - ca || (a < b ? -1 : 1)
    );
    collapsed = true;
    if (candidates.length === 0) {
      paths.clear();
      paths.add(`${base}*`);
      break;
    }
    collapse(paths, candidates[0][0]);
  }
  return { paths: [...paths].sort(), objects, collapsed };
}
function estimatedCostUsd(paths) {
  return Math.round(paths * PRICE_PER_PATH_USD * 1e3) / 1e3;
}

export {
  splitPems,
  publicKeyProblem,
  canonicalPublicKey,
  privateKeyProblem,
  publicKeyOf,
  checkPublicKeyCount,
  isOwnKeyName,
  publicKeyName,
  keyGroupName,
  FREE_PATHS_PER_MONTH,
  urlPathOf,
  planInvalidation,
  estimatedCostUsd
};
//# sourceMappingURL=chunk-K4NIX2PI.js.map
