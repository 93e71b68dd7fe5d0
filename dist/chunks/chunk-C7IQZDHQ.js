import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  init_protocols,
  protocols_exports
} from "./chunk-6ROJPMOI.js";
import {
  joinKey
} from "./chunk-CND3XDLT.js";
import {
  __commonJS,
  __require,
  __toCommonJS,
  __toESM
} from "./chunk-TROXMBES.js";

// node_modules/@aws-sdk/cloudfront-signer/dist-cjs/index.js
var require_dist_cjs = __commonJS({
  "node_modules/@aws-sdk/cloudfront-signer/dist-cjs/index.js"(exports) {
    var { extendedEncodeURIComponent } = (init_protocols(), __toCommonJS(protocols_exports));
    var { createSign } = __require("node:crypto");
    function getSignedUrl2({ dateLessThan, dateGreaterThan, url, keyPairId, privateKey, ipAddress, policy, passphrase, algorithm }) {
      const cloudfrontSignBuilder = new CloudfrontSignBuilder({
        keyPairId,
        privateKey,
        passphrase,
        algorithm
      });
      if (!url && !policy) {
        throw new Error("@aws-sdk/cloudfront-signer: Please provide 'url' or 'policy'.");
      }
      let baseUrl;
      if (url) {
        baseUrl = encodeUrlPath(url);
      } else if (policy) {
        const resources = getPolicyResources(policy);
        if (!resources[0]) {
          throw new Error("@aws-sdk/cloudfront-signer: No URL provided and unable to determine URL from first policy statement resource.");
        }
        baseUrl = resources[0].replace("*://", "https://");
      }
      if (policy) {
        cloudfrontSignBuilder.setCustomPolicy(policy);
      } else {
        cloudfrontSignBuilder.setPolicyParameters({
          url: baseUrl,
          dateLessThan,
          dateGreaterThan,
          ipAddress
        });
      }
      const startFlag = baseUrl.includes("?") ? "&" : "?";
      const attributes = cloudfrontSignBuilder.createCloudfrontAttribute();
      if (algorithm === "SHA256") {
        attributes["Hash-Algorithm"] = "SHA256";
      }
      const params = Object.entries(attributes).filter(([, value]) => value !== void 0).map(([key, value]) => `${extendedEncodeURIComponent(key)}=${extendedEncodeURIComponent(value)}`).join("&");
      const urlString = baseUrl + startFlag + params;
      return getResource(urlString);
    }
    function getSignedCookies({ ipAddress, url, privateKey, keyPairId, dateLessThan, dateGreaterThan, policy, passphrase, algorithm }) {
      const cloudfrontSignBuilder = new CloudfrontSignBuilder({
        keyPairId,
        privateKey,
        passphrase,
        algorithm
      });
      if (policy) {
        cloudfrontSignBuilder.setCustomPolicy(policy);
      } else {
        cloudfrontSignBuilder.setPolicyParameters({
          url,
          dateLessThan,
          dateGreaterThan,
          ipAddress
        });
      }
      const cloudfrontCookieAttributes = cloudfrontSignBuilder.createCloudfrontAttribute();
      const cookies = {
        "CloudFront-Key-Pair-Id": cloudfrontCookieAttributes["Key-Pair-Id"],
        "CloudFront-Signature": cloudfrontCookieAttributes["Signature"]
      };
      if (cloudfrontCookieAttributes["Expires"]) {
        cookies["CloudFront-Expires"] = cloudfrontCookieAttributes["Expires"];
      }
      if (cloudfrontCookieAttributes["Policy"]) {
        cookies["CloudFront-Policy"] = cloudfrontCookieAttributes["Policy"];
      }
      if (algorithm === "SHA256") {
        cookies["CloudFront-Hash-Algorithm"] = "SHA256";
      }
      return cookies;
    }
    function encodeUrlPath(url) {
      const protocolEnd = url.indexOf("//");
      if (protocolEnd === -1) {
        return url;
      }
      const authorityStart = protocolEnd + 2;
      const pathStart = url.indexOf("/", authorityStart);
      if (pathStart === -1) {
        return url;
      }
      const origin = url.slice(0, pathStart);
      const rest = url.slice(pathStart);
      const queryIndex = rest.indexOf("?");
      const rawPath = queryIndex === -1 ? rest : rest.slice(0, queryIndex);
      const rawQuery = queryIndex === -1 ? "" : rest.slice(queryIndex);
      const encodedPath = rawPath.replace(/[^/]+/g, (segment) => {
        try {
          return encodeURIComponent(decodeURIComponent(segment));
        } catch {
          return encodeURIComponent(segment);
        }
      });
      let encodedQuery = "";
      if (rawQuery) {
        const pairs = rawQuery.slice(1).split("&").filter((p) => p.length > 0).map((pair) => {
          const eqIdx = pair.indexOf("=");
          const rawKey = eqIdx === -1 ? pair : pair.slice(0, eqIdx);
          const rawValue = eqIdx === -1 ? "" : pair.slice(eqIdx + 1);
          return `${encodeQueryComponent(rawKey)}=${encodeQueryComponent(rawValue)}`;
        });
        encodedQuery = pairs.length > 0 ? `?${pairs.join("&")}` : "";
      }
      return origin + encodedPath + encodedQuery;
    }
    function encodeQueryComponent(component) {
      const wellFormedComponent = component.replace(/[\uD800-\uDFFF]/gu, "�");
      return wellFormedComponent.split(/(%[0-9A-Fa-f]{2}|\+)/g).map((part, i) => {
        if (i % 2 === 1) {
          return part === "+" ? "+" : part.toUpperCase();
        }
        return encodeURIComponent(part).replace(/'/g, "%27");
      }).join("");
    }
    function getPolicyResources(policy) {
      const parsedPolicy = typeof policy === "string" ? JSON.parse(policy) : policy;
      return (parsedPolicy?.Statement ?? []).map((s) => s.Resource);
    }
    function getResource(urlString) {
      const protocol = urlString.slice(0, urlString.indexOf("//"));
      switch (protocol) {
        case "http:":
        case "https:":
        case "ws:":
        case "wss:":
          return urlString;
        case "rtmp:":
          const url = new URL(urlString);
          const origin = `${protocol}//${url.hostname}`;
          return urlString.substring(origin.length).replace(/(?::\d+)?\//, "");
        default:
          throw new Error("Invalid URI scheme. Scheme must be one of http, https, or rtmp");
      }
    }
    var CloudfrontSignBuilder = class {
      keyPairId;
      privateKey;
      passphrase;
      algorithm;
      policy;
      customPolicy = false;
      dateLessThan;
      constructor({ privateKey, keyPairId, passphrase, algorithm }) {
        this.keyPairId = keyPairId;
        this.privateKey = privateKey;
        this.policy = "";
        this.passphrase = passphrase;
        this.algorithm = algorithm ?? "SHA1";
      }
      buildPolicy(args) {
        const policy = {
          Statement: [
            {
              Resource: args.resource,
              Condition: {
                DateLessThan: {
                  "AWS:EpochTime": args.dateLessThan
                }
              }
            }
          ]
        };
        if (args.dateGreaterThan) {
          policy.Statement[0].Condition["DateGreaterThan"] = {
            "AWS:EpochTime": args.dateGreaterThan
          };
        }
        if (args.ipAddress) {
          const cidr = this.parseCIDR(args.ipAddress);
          policy.Statement[0].Condition["IpAddress"] = {
            "AWS:SourceIp": cidr
          };
        }
        return policy;
      }
      normalizeBase64(str) {
        const replacements = {
          "+": "-",
          "=": "_",
          "/": "~"
        };
        return str.replace(/[+=/]/g, function(match) {
          return replacements[match];
        });
      }
      encodeToBase64(str) {
        return this.normalizeBase64(Buffer.from(str).toString("base64"));
      }
      validateIP(ipStr) {
        const octets = ipStr.split(".");
        if (octets.length !== 4) {
          throw new Error(`IP does not contain four octets.`);
        }
        const isValid = octets.every((octet) => {
          const num = Number(octet);
          return Number.isInteger(num) && num >= 0 && num <= 255;
        });
        if (!isValid) {
          throw new Error("invalid IP octets");
        }
      }
      validateMask(maskStr) {
        const mask = Number(maskStr);
        const isValid = Number.isInteger(mask) && mask >= 0 && mask <= 32;
        if (!isValid) {
          throw new Error("invalid mask");
        }
      }
      parseCIDR(cidrStr) {
        try {
          const cidrParts = cidrStr.split("/");
          if (cidrParts.some((part) => part.length === 0)) {
            throw new Error("missing ip or mask part of CIDR");
          }
          this.validateIP(cidrParts[0]);
          let mask = "32";
          if (cidrParts.length === 2) {
            this.validateMask(cidrParts[1]);
            mask = cidrParts[1];
          }
          return `${cidrParts[0]}/${mask}`;
        } catch (error) {
          const errMessage = `IP address "${cidrStr}" is invalid`;
          if (error instanceof Error) {
            throw new Error(`${errMessage} due to ${error.message}.`);
          } else {
            throw new Error(`${errMessage}.`);
          }
        }
      }
      epochTime(date) {
        return Math.round(date.getTime() / 1e3);
      }
      parseDate(date) {
        if (!date) {
          return void 0;
        }
        const parsedDate = new Date(date);
        return isNaN(parsedDate.getTime()) ? void 0 : this.epochTime(parsedDate);
      }
      parseDateWindow(expiration, start) {
        const dateLessThan = this.parseDate(expiration);
        if (!dateLessThan) {
          throw new Error("dateLessThan is invalid. Ensure the date value is compatible with the Date constructor.");
        }
        return {
          dateLessThan,
          dateGreaterThan: this.parseDate(start)
        };
      }
      signData(data, privateKey, passphrase) {
        const sign = createSign(this.algorithm === "SHA256" ? "RSA-SHA256" : "RSA-SHA1");
        sign.update(data);
        return sign.sign({ key: privateKey, passphrase }, "base64");
      }
      signPolicy(policy, privateKey, passphrase) {
        return this.normalizeBase64(this.signData(policy, privateKey, passphrase));
      }
      setCustomPolicy(policy) {
        this.customPolicy = true;
        this.policy = policy;
      }
      setPolicyParameters({ url, dateLessThan, dateGreaterThan, ipAddress }) {
        if (!url || !dateLessThan) {
          return false;
        }
        const resource = getResource(url);
        const parsedDates = this.parseDateWindow(dateLessThan, dateGreaterThan);
        this.dateLessThan = parsedDates.dateLessThan;
        this.customPolicy = Boolean(parsedDates.dateGreaterThan) || Boolean(ipAddress);
        this.policy = JSON.stringify(this.buildPolicy({
          resource,
          ipAddress,
          dateLessThan: parsedDates.dateLessThan,
          dateGreaterThan: parsedDates.dateGreaterThan
        }));
      }
      createCloudfrontAttribute() {
        if (!this.policy) {
          throw new Error("Invalid policy");
        }
        const signature = this.signPolicy(this.policy, this.privateKey, this.passphrase);
        return {
          Expires: this.customPolicy ? void 0 : this.dateLessThan,
          Policy: this.customPolicy ? this.encodeToBase64(this.policy) : void 0,
          "Key-Pair-Id": this.keyPairId,
          Signature: signature
        };
      }
    };
    exports.getSignedCookies = getSignedCookies;
    exports.getSignedUrl = getSignedUrl2;
  }
});

// src/cloudfront/signing.ts
var import_cloudfront_signer = __toESM(require_dist_cjs(), 1);
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
function publicKeyName(pem) {
  return `cdn-publish-${shortHash(canonicalPublicKey(pem))}`;
}
function keyGroupName(publicKeyIds) {
  return `cdn-publish-${shortHash([...publicKeyIds].sort().join(","))}`;
}
function signUrls(request) {
  const urls = {};
  for (const raw of request.paths) {
    const path = raw.replace(/^\/+/, "");
    const url = `${request.baseUrl}${path.split("/").map((s) => encodeURIComponent(s).replace(/%2A/g, "*")).join("/")}`;
    if (path.includes("*")) {
      const epoch = Math.floor(request.expires.getTime() / 1e3);
      const policy = JSON.stringify({
        Statement: [{ Resource: url, Condition: { DateLessThan: { "AWS:EpochTime": epoch } } }]
      });
      urls[raw] = (0, import_cloudfront_signer.getSignedUrl)({
        url,
        policy,
        keyPairId: request.keyPairId,
        privateKey: request.privateKey
      });
    } else {
      urls[raw] = (0, import_cloudfront_signer.getSignedUrl)({
        url,
        keyPairId: request.keyPairId,
        privateKey: request.privateKey,
        dateLessThan: request.expires
      });
    }
  }
  return urls;
}

// src/invalidation.ts
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
  publicKeyName,
  keyGroupName,
  signUrls,
  FREE_PATHS_PER_MONTH,
  urlPathOf,
  planInvalidation,
  estimatedCostUsd
};
