import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  require_tunnel,
  require_undici
} from "./chunks/chunk-FRSQ7HJI.js";
import {
  Hasher,
  checkSource,
  countPlan,
  decodeState,
  driftedKeys,
  emptyPlan,
  emptyState,
  planSync,
  sameEntries,
  selectFiles,
  settleLimit,
  stateChunks,
  withHashes
} from "./chunks/chunk-6VAUQQCE.js";
import "./chunks/chunk-WLDUB2IQ.js";
import {
  FREE_PATHS_PER_MONTH,
  checkPublicKeyCount,
  estimatedCostUsd,
  privateKeyProblem,
  publicKeyProblem,
  splitPems,
  urlPathOf
} from "./chunks/chunk-LARM26MR.js";
import {
  InputError,
  PreflightError,
  errorMessage,
  isAccessDenied,
  isExpected,
  isUnanswered
} from "./chunks/chunk-OQMKTRZZ.js";
import {
  anyMatcher,
  compileGlob,
  globProblem,
  namesFileLiterally,
  splitList
} from "./chunks/chunk-IW57WMNT.js";
import {
  MAX_KEY_BYTES,
  STATE_KEY,
  codePointLabel,
  escapeUnsafe,
  hasControlCharacter,
  hasUnsafeCharacter,
  isReservedKey,
  joinKey,
  listPrefix,
  printable,
  quoted,
  shown
} from "./chunks/chunk-BWVXHBGN.js";
import {
  __toESM
} from "./chunks/chunk-TROXMBES.js";

// src/main.ts
import fs3 from "node:fs";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code2, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code2), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell2) => {
        if (typeof cell2 === "string") {
          return this.wrap("td", cell2);
        }
        const { header, data, colspan, rowspan } = cell2;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function isDebug() {
  return process.env["RUNNER_DEBUG"] === "1";
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}

// src/s3/dry-run-store.ts
var DryRunStore = class {
  constructor(inner) {
    this.inner = inner;
    this.description = `${inner.description} (dry run)`;
  }
  inner;
  description;
  /** What would have been written, in order: `upload key`, `update key`, `delete key`, `state`. */
  writes = [];
  list(known) {
    return this.inner.list(known);
  }
  readState() {
    return this.inner.readState();
  }
  inspect(key) {
    return this.inner.inspect(key);
  }
  async writeState() {
    this.writes.push("state");
  }
  async upload(file, _headers) {
    this.writes.push(`upload ${file.key}`);
    return { etag: file.md5 };
  }
  async updateHeaders(file) {
    this.writes.push(`update ${file.key}`);
    return { etag: file.md5 };
  }
  async deleteMany(keys) {
    for (const key of keys) this.writes.push(`delete ${key}`);
    return { deleted: [...keys], failed: [] };
  }
  async markRemoved(key, since) {
    this.writes.push(`mark ${key}`);
    return since;
  }
  async unmark(key) {
    this.writes.push(`unmark ${key}`);
  }
};

// src/core/filter.ts
var SECRET_GLOBS = [
  // dotenv files: .env, .env.local, .env.production, prod.env; direnv
  ".env",
  ".env.*",
  "*.env",
  ".envrc",
  // version control and tool directories that hold tokens and keys
  "**/.git/**",
  "**/.svn/**",
  "**/.hg/**",
  "**/.ssh/**",
  "**/.aws/**",
  "**/.gnupg/**",
  "**/.kube/**",
  "**/.docker/config.json",
  // tokens in dotfiles
  ".npmrc",
  ".yarnrc.yml",
  ".pypirc",
  ".netrc",
  ".pgpass",
  ".s3cfg",
  ".vault-token",
  ".terraformrc",
  ".htpasswd",
  ".git-credentials",
  // cloud credentials: GCP service accounts and OAuth clients, kubeconfig
  "credentials.json",
  "service-account*.json",
  "client_secret*.json",
  "kubeconfig",
  // private keys and key stores
  "*.pem",
  "*.key",
  "*.p12",
  "*.pfx",
  "*.p8",
  "*.ppk",
  "*.jks",
  "*.keystore",
  "*.kdbx",
  "secring.gpg",
  "id_rsa*",
  "id_dsa*",
  "id_ecdsa*",
  "id_ed25519*",
  // Terraform state and variables (state holds every secret of the stack, plans too)
  "*.tfstate*",
  "*.tfvars",
  "*.tfvars.json"
];
var WELL_KNOWN = ".well-known/**";
function hasHiddenSegment(key) {
  return key.split("/").some((segment) => segment.startsWith("."));
}
function compileFilter(spec) {
  const include = anyMatcher(spec.include, { dot: false });
  const exclude = anyMatcher(spec.exclude, { dot: true });
  const wellKnown = compileGlob(WELL_KNOWN, { dot: true });
  const secretName = anyMatcher(SECRET_GLOBS, { dot: true });
  const secret = (key) => secretName(key.toLowerCase());
  const literally = anyMatcher(spec.include.filter(namesFileLiterally), { dot: true });
  const namesHidden = spec.include.some(
    (glob) => glob.split("/").slice(0, -1).some((s) => s.startsWith("."))
  );
  const protect = spec.protect ?? [];
  const isProtected = (key) => protect.some((p) => key === p || key.startsWith(`${p}/`));
  return {
    verdict(key) {
      if (isReservedKey(key)) return "reserved";
      if (isProtected(key)) return "protected";
      if (exclude(key)) return "excluded";
      if (secret(key) && !literally(key)) return "secret";
      if (include(key) || wellKnown(key)) return "included";
      return hasHiddenSegment(key) ? "hidden" : "not-included";
    },
    mayDescend(dir) {
      if (isReservedKey(dir) || isProtected(dir)) return false;
      const name = dir.slice(dir.lastIndexOf("/") + 1);
      if (!name.startsWith(".")) return true;
      return namesHidden || dir === ".well-known";
    }
  };
}

// src/github/octokit.ts
var DEFAULT_REQUEST_TIMEOUT_MS = 3e4;
var DEFAULT_DEADLINE_MS = 12e4;
var GitHubTimeoutError = class extends Error {
  name = "GitHubTimeoutError";
};
var GitHubRefusedError = class extends Error {
  name = "GitHubRefusedError";
};
var quiet = { debug: () => {
}, info: () => {
}, warn: () => {
}, error: () => {
} };
async function githubClient(token, apiUrl, options = {}) {
  const baseUrl = apiUrl.replace(/\/+$/, "");
  const parsed = new URL(baseUrl);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new Error(`the API URL is not http(s): ${parsed.protocol}`);
  const origin = parsed.origin;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const { getOctokit } = await import("./chunks/github-JS6PUKGZ.js");
  const octokit = getOctokit(token, { baseUrl, userAgent: "cdn-publish", log: quiet });
  octokit.hook.wrap("request", async (request, requestOptions) => {
    const url = String(requestOptions.url);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) && new URL(url).origin !== origin)
      throw new GitHubRefusedError(
        `a link in the API's answer leads away from ${origin}; not followed`
      );
    const left = deadline - Date.now();
    if (left <= 0) throw new GitHubTimeoutError(timeoutText(true, requestTimeoutMs));
    const wait = Math.min(requestTimeoutMs, left);
    const signal = AbortSignal.timeout(wait);
    let response;
    try {
      requestOptions.request = { ...requestOptions.request, signal, log: quiet };
      response = await request(requestOptions);
    } catch (error2) {
      if (signal.aborted)
        throw new GitHubTimeoutError(timeoutText(wait < requestTimeoutMs, requestTimeoutMs), {
          cause: error2
        });
      throw error2;
    }
    if (signal.aborted)
      throw new GitHubTimeoutError(timeoutText(wait < requestTimeoutMs, requestTimeoutMs));
    return response;
  });
  return octokit;
}
function timeoutText(deadlineReached, requestTimeoutMs) {
  return deadlineReached ? "the GitHub API did not finish answering within the time allowed for all its requests" : `the GitHub API did not answer within ${Math.round(requestTimeoutMs / 100) / 10} s`;
}

// src/github/comment.ts
function commentMarker(bucket, basePrefix) {
  return `<!-- cdn-publish:preview s3://${bucket}/${basePrefix} -->`;
}
function renderComment(input) {
  const lines = [input.marker];
  if (input.removed) {
    lines.push(
      "### Preview removed",
      "",
      `The preview at ${input.url ?? input.target} was deleted on ${input.time}.`
    );
  } else {
    lines.push("### Preview deployed", "");
    lines.push("| | |", "| --- | --- |");
    if (input.url) lines.push(`| URL | ${input.url} |`);
    lines.push(`| Files | \`${input.target}\` |`);
    if (input.sha) lines.push(`| Commit | ${input.sha} |`);
    if (input.counts) {
      const c = input.counts;
      lines.push(
        `| Changes | ${c.uploaded} uploaded, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged |`
      );
    }
    lines.push(`| Deployed | ${input.time} |`);
  }
  if (input.runUrl) lines.push("", `[Workflow run](${input.runUrl})`);
  return `${lines.join("\n")}
`;
}
var PER_PAGE = 100;
var MAX_PAGES = 100;
var MAX_REASON = 300;
async function upsertComment(target, marker, body, options = {}) {
  const [owner, repo] = target.repository.split("/");
  if (!owner || !repo)
    return skipped(target, `GITHUB_REPOSITORY is not owner/name: ${quoted(target.repository)}`);
  try {
    const octokit = await githubClient(target.token, target.apiUrl, options);
    const issue2 = { owner, repo, issue_number: target.number };
    let existing;
    let pages = 0;
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...issue2,
      per_page: PER_PAGE
    })) {
      if (!Array.isArray(page.data))
        throw new Error("the API answered the comment list with no list");
      existing = page.data.find(
        (c) => isId(c.id) && typeof c.body === "string" && c.body.includes(marker)
      )?.id;
      if (existing !== void 0) break;
      if (++pages >= MAX_PAGES && /\brel="next"/.test(page.headers.link ?? ""))
        return skipped(
          target,
          `no comment of this action in the first ${MAX_PAGES * PER_PAGE} comments; none added`
        );
    }
    if (existing !== void 0) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
      return { action: "updated", id: existing };
    }
    const created = await octokit.rest.issues.createComment({ ...issue2, body });
    const id = created.data?.id;
    if (!isId(id)) return skipped(target, "posted, but the API answered without a comment id");
    return { action: "created", id };
  } catch (error2) {
    return skipped(target, why(error2));
  }
}
function isId(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
function why(error2) {
  if (error2 instanceof GitHubTimeoutError || error2 instanceof GitHubRefusedError)
    return error2.message;
  const http = httpStatus(error2);
  if (http === 401 || http === 403)
    return "the token may not write comments here (a pull request from a fork gets a read-only token; give the job `pull-requests: write`)";
  if (http === 404) return "the pull request or repository was not found with this token";
  const message = errorMessage(error2);
  return http === void 0 ? message : `the GitHub API answered ${http}: ${message}`;
}
function httpStatus(error2) {
  if (!error2 || typeof error2 !== "object" || !("response" in error2) || !error2.response) return;
  const status = error2.status;
  return typeof status === "number" ? status : void 0;
}
function skipped(target, reason) {
  let text = target.token.length >= 4 ? reason.split(target.token).join("***") : reason;
  text = escapeUnsafe(text);
  if (text.length > MAX_REASON) {
    const cut = /[\ud800-\udbff]/.test(text.charAt(MAX_REASON - 2)) ? MAX_REASON - 2 : MAX_REASON - 1;
    text = `${text.slice(0, cut)}…`;
  }
  return { action: "skipped", reason: `could not comment on #${target.number}: ${text}` };
}

// src/action/inputs.ts
import path from "node:path";

// src/action/context.ts
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
function get(payload, ...path2) {
  let value = payload;
  for (const key of path2) {
    if (!value || typeof value !== "object") return void 0;
    value = value[key];
  }
  return value;
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function readContext(env, payload) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";
  const number = get(payload, "pull_request", "number") ?? (get(payload, "issue", "pull_request") ? get(payload, "issue", "number") : void 0);
  const isPr = PULL_REQUEST_EVENTS.has(eventName);
  const tag = str(get(payload, "release", "tag_name")) ?? (ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : void 0);
  const branch = str(get(payload, "pull_request", "head", "ref")) ?? str(env.GITHUB_HEAD_REF) ?? (ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : void 0);
  const sha = str(get(payload, "pull_request", "head", "sha")) ?? str(env.GITHUB_SHA);
  return {
    eventName,
    number: typeof number === "number" && Number.isSafeInteger(number) && number > 0 ? number : void 0,
    branch,
    tag,
    sha,
    repository: str(env.GITHUB_REPOSITORY) ?? str(get(payload, "repository", "full_name")),
    closed: isPr && get(payload, "action") === "closed"
  };
}
function slug(text) {
  const s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return s === "" ? "x" : s;
}
var PLACEHOLDERS = ["number", "branch", "sha", "tag"];
var SOURCES = {
  number: "a pull_request or pull_request_target event",
  branch: "a branch push or a pull request",
  sha: "GITHUB_SHA",
  tag: "a tag push or a release event"
};
function fillPlaceholders(template, context) {
  let missing;
  const value = template.replace(/\{([a-z]+)\}/g, (whole, name) => {
    const values = {
      number: context.number !== void 0 ? String(context.number) : void 0,
      branch: context.branch !== void 0 ? slug(context.branch) : void 0,
      sha: context.sha?.slice(0, 12),
      tag: context.tag?.replace(/[^A-Za-z0-9._-]+/g, "-")
    };
    if (!PLACEHOLDERS.includes(name)) return whole;
    const v = values[name];
    if (v === void 0) missing ??= name;
    return v ?? "";
  });
  if (missing) return { missing, needs: SOURCES[missing] };
  return { value };
}
function staticRoot(template) {
  const at = template.search(/\{(number|branch|sha|tag)\}/);
  const head = at < 0 ? template : template.slice(0, at);
  const cut = at < 0 ? head : head.slice(0, head.lastIndexOf("/") + 1);
  return cut.replace(/\/+$/, "");
}

// src/action/inputs.ts
var DEFAULTS = {
  include: "**",
  maxDeletes: 256,
  concurrency: 32
};
var MAX_CONCURRENCY = 256;
function getInput(env, name) {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
var Collector = class {
  errors = [];
  fail(input, value, accepted) {
    this.errors.push(new InputError(input, value, accepted));
  }
};
var InputErrors = class extends Error {
  constructor(errors) {
    super(
      errors.length === 1 ? errors[0].message : `${errors.length} inputs are invalid:
${errors.map((e) => `- ${e.message}`).join("\n")}`
    );
    this.errors = errors;
  }
  errors;
  name = "InputErrors";
};
var TRUE = /* @__PURE__ */ new Set(["true", "True", "TRUE"]);
var FALSE = /* @__PURE__ */ new Set(["false", "False", "FALSE"]);
function parseBoolean(c, env, name, fallback) {
  const raw = getInput(env, name);
  if (raw === "") return fallback;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  c.fail(name, raw, "expected true or false");
  return fallback;
}
function parseInteger(c, env, name, fallback, min, max, accepted) {
  const raw = getInput(env, name);
  if (raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) {
    c.fail(name, raw, accepted);
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    c.fail(name, raw, accepted);
    return fallback;
  }
  return value;
}
function bucketProblem(bucket) {
  if (bucket.length < 3 || bucket.length > 63) return "a bucket name has 3 to 63 characters";
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket))
    return "a bucket name uses lower-case letters, digits, dots and hyphens, and starts and ends with a letter or digit";
  if (bucket.includes("..")) return "a bucket name must not contain two dots in a row";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket))
    return "a bucket name must not look like an IP address";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket))
    return "a bucket name must not start with xn--, sthree- or amzn-s3-demo-";
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(bucket))
    return "a bucket name must not end with -s3alias, --ol-s3, .mrap or --x-s3";
  return void 0;
}
function prefixProblem(prefix) {
  if (prefix === "") return void 0;
  if (hasControlCharacter(prefix)) return "a prefix must not contain control characters";
  if (prefix.startsWith("/"))
    return 'a prefix must not start with "/" (write "site/v1", not "/site/v1")';
  if (prefix.includes("\\")) return 'a prefix uses "/" as separator, not "\\"';
  const segments = prefix.split("/");
  if (segments.some((s) => s === ".." || s === "."))
    return 'a prefix must not contain "." or ".." segments';
  if (segments.some((s) => s === "")) return 'a prefix must not contain "//"';
  if (Buffer.byteLength(prefix) > 512) return "a prefix must be at most 512 bytes";
  return void 0;
}
function parseGlobs(c, env, name, fallback) {
  const raw = getInput(env, name) || fallback;
  const globs = splitList(raw);
  for (const glob of globs) {
    const problem = globProblem(glob);
    if (problem) c.fail(name, glob, problem);
  }
  return globs;
}
var HEADER_VALUE = /^[\x20-\x7e]+$/;
var MAX_HEADER_VALUE = 1024;
function parseRules(c, env, name, check) {
  const rules = [];
  for (const line of splitList(getInput(env, name))) {
    const at = line.indexOf(": ");
    if (at < 0) {
      c.fail(name, line, 'each line is "GLOB: VALUE", with a colon and a space after the glob');
      continue;
    }
    const glob = line.slice(0, at).trim();
    const value = line.slice(at + 2).trim();
    const problem = globProblem(glob) ?? check(value);
    if (problem) {
      c.fail(name, line, problem);
      continue;
    }
    rules.push({ glob, value });
  }
  return rules;
}
function cacheControlProblem(value) {
  if (value === "") return 'the Cache-Control value after ": " must not be empty';
  if (!HEADER_VALUE.test(value)) return "a Cache-Control value is printable ASCII";
  if (value.length > MAX_HEADER_VALUE)
    return `a Cache-Control value has at most ${MAX_HEADER_VALUE} characters (this one ${value.length})`;
  const directive = /^[a-z-]+(=("[^"]*"|[A-Za-z0-9_.-]+))?$/i;
  const bad = value.split(",").map((d) => d.trim()).find((d) => !directive.test(d));
  if (bad !== void 0)
    return `"${bad}" is not a Cache-Control directive (e.g. "public, max-age=3600")`;
  return void 0;
}
function contentTypeProblem(value) {
  if (!HEADER_VALUE.test(value)) return "a content type is printable ASCII";
  if (value.length > MAX_HEADER_VALUE)
    return `a content type has at most ${MAX_HEADER_VALUE} characters (this one ${value.length})`;
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+([ \t]*;[ \t]*[a-z0-9_-]+=("[\x20\x21\x23-\x7e]*"|[a-z0-9_.-]+))*$/i.test(
    value
  ))
    return 'a content type is "type/subtype", optionally with parameters (e.g. "application/json; charset=utf-8")';
  return void 0;
}
function resolveEndpoint(c, env) {
  const fromInput = getInput(env, "endpoint-url");
  const s3 = env.AWS_ENDPOINT_URL_S3?.trim();
  const name = fromInput ? "endpoint-url" : s3 ? "AWS_ENDPOINT_URL_S3" : "AWS_ENDPOINT_URL";
  const value = fromInput || s3 || env.AWS_ENDPOINT_URL?.trim() || "";
  if (value === "") return void 0;
  let url;
  try {
    url = new URL(value);
  } catch {
    c.fail(
      name,
      value,
      "expected an http:// or https:// URL such as https://<account>.r2.cloudflarestorage.com"
    );
    return void 0;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    c.fail(name, value, "expected an http:// or https:// URL");
    return void 0;
  }
  if (url.username || url.password) {
    c.fail(name, "(redacted)", "credentials must not be part of the endpoint URL");
    return void 0;
  }
  return value.replace(/\/+$/, "");
}
function containsPath(outer, inner) {
  const relative = path.relative(outer, path.resolve(inner));
  return relative === "" || !relative.startsWith("..") && !path.isAbsolute(relative);
}
var SECRET_INPUTS = /* @__PURE__ */ new Set(["private-key", "github-token"]);
var MULTILINE_INPUTS = /* @__PURE__ */ new Set([
  "include",
  "exclude",
  "cache-control",
  "content-type",
  "metadata",
  "aliases",
  "tags",
  "public-key",
  "private-key",
  "sign-paths"
]);
var PEM_INPUTS = /* @__PURE__ */ new Set(["private-key", "public-key"]);
function checkCharacters(c, env) {
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith("INPUT_") || raw === void 0) continue;
    const name = variable.slice("INPUT_".length).toLowerCase();
    const value = PEM_INPUTS.has(name) ? raw.replace(/\r\n/g, "\n") : raw;
    const allowed = MULTILINE_INPUTS.has(name) ? /[\n\t]/g : /\t/g;
    const bad = [...value.trim().replace(allowed, " ")].find((ch) => hasUnsafeCharacter(ch));
    if (bad === void 0) continue;
    const code2 = codePointLabel(bad);
    c.fail(
      name,
      SECRET_INPUTS.has(name) ? "(hidden)" : value.trim(),
      `it holds ${bad === "�" ? "U+FFFD, which is what bytes that are not valid UTF-8 become" : `the control or invisible character ${code2}`}; inputs are plain text`
    );
  }
}
function parseConfig(env, payload) {
  const c = new Collector();
  checkCharacters(c, env);
  if (c.errors.length > 0) throw new InputErrors(c.errors);
  const context = readContext(env, payload);
  const sourceInput = getInput(env, "source");
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  let source = "";
  const removing = getInput(env, "mode") === "remove";
  if (sourceInput === "" && removing) source = "";
  else if (sourceInput === "") c.fail("source", sourceInput, "the directory to publish is required");
  else if (hasControlCharacter(sourceInput))
    c.fail("source", sourceInput, "a path must not contain control characters");
  else {
    source = path.resolve(workspace, sourceInput);
    if (source === path.parse(source).root)
      c.fail(
        "source",
        sourceInput,
        "the file system root cannot be published; name the build directory (e.g. dist)"
      );
  }
  const bucket = getInput(env, "bucket");
  if (bucket === "") c.fail("bucket", bucket, "the bucket name is required");
  else {
    const problem = bucketProblem(bucket);
    if (problem) c.fail("bucket", bucket, problem);
  }
  const prefixRaw = getInput(env, "prefix").normalize("NFC");
  const resolved = resolveTemplate(c, "prefix", prefixRaw, context);
  const basePrefix = prefixRaw.includes("{") ? staticRoot(prefixRaw.replace(/\/+$/, "")) : resolved;
  const preview = parsePreview(c, env, context);
  let prefix = resolved;
  if (preview.enabled && !outsidePullRequest(preview.template, context)) {
    const own = resolveTemplate(c, "preview-prefix", preview.template, context);
    prefix = [resolved, own].filter((p) => p !== "").join("/");
  }
  const mode = removing ? "remove" : getInput(env, "mode") || "publish";
  if (mode !== "publish" && mode !== "remove") c.fail("mode", mode, "expected publish or remove");
  const allowRootRemoval = parseBoolean(c, env, "allow-root-removal", false);
  const removeDistribution = parseBoolean(c, env, "remove-distribution", false);
  if (mode === "remove" && prefix === "" && !allowRootRemoval)
    c.fail(
      "mode",
      mode,
      "removing with an empty prefix would delete the whole bucket; set a prefix, or allow-root-removal: true"
    );
  if (removeDistribution && mode !== "remove")
    c.fail("remove-distribution", "true", "only with mode: remove");
  if (removeDistribution && preview.enabled)
    c.fail(
      "remove-distribution",
      "true",
      "a preview shares the distribution with production: it is never removed with a preview"
    );
  const token = getInput(env, "github-token") || void 0;
  const region = getInput(env, "region") || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || "us-east-1";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region))
    c.fail(
      getInput(env, "region") ? "region" : env.AWS_REGION ? "AWS_REGION" : "AWS_DEFAULT_REGION",
      region,
      "expected a region name such as eu-west-1"
    );
  const endpoint = resolveEndpoint(c, env);
  const include = parseGlobs(c, env, "include", DEFAULTS.include);
  if (include.length === 0)
    c.fail("include", getInput(env, "include"), "at least one glob is needed");
  const exclude = parseGlobs(c, env, "exclude", "");
  const cacheControl = parseRules(c, env, "cache-control", cacheControlProblem);
  const contentType = parseRules(c, env, "content-type", contentTypeProblem);
  const metadata = { add: [], remove: [] };
  for (const line of splitList(getInput(env, "metadata"))) {
    const negated = line.startsWith("!");
    const glob = negated ? line.slice(1).trim() : line;
    const problem = globProblem(glob);
    if (problem) c.fail("metadata", line, problem);
    else (negated ? metadata.remove : metadata.add).push(glob);
  }
  const del = parseBoolean(c, env, "delete", true);
  const deleteGraceMs = parseDuration(c, env, "delete-grace");
  const maxDeletes = parseInteger(
    c,
    env,
    "max-deletes",
    // The runner always sends the input (empty by default): a removal deletes the prefix by design.
    removing ? -1 : DEFAULTS.maxDeletes,
    -1,
    Number.MAX_SAFE_INTEGER,
    "expected a whole number of objects, 0 or more, or -1 for no cap"
  );
  const dryRun = parseBoolean(c, env, "dry-run", false);
  const concurrency = parseInteger(
    c,
    env,
    "concurrency",
    DEFAULTS.concurrency,
    1,
    MAX_CONCURRENCY,
    `expected a whole number of parallel requests from 1 to ${MAX_CONCURRENCY}`
  );
  const allowEmpty = parseBoolean(c, env, "allow-empty", false);
  const requestTimeoutSeconds = parseInteger(
    c,
    env,
    "request-timeout",
    60,
    1,
    900,
    "expected a whole number of seconds from 1 to 900"
  );
  const cdn = parseCdn(c, env, endpoint);
  if (preview.domain !== void 0 && cdn.certificateArn === void 0 && cdn.distributionId === void 0)
    c.fail(
      "preview-domain",
      preview.domain,
      `the alias *.${preview.domain} needs certificate-arn (a certificate that covers it)`
    );
  if (source && source !== path.parse(source).root && del && containsPath(source, workspace) && getInput(env, "include") === "")
    c.fail(
      "source",
      sourceInput,
      `${source === path.resolve(workspace) ? "this is the workspace itself" : "this directory holds the workspace"}: publishing it with delete: true and no include would mirror (and prune to) the repository; point source at the build directory (e.g. dist), or set include to the files to publish`
    );
  if (c.errors.length > 0) throw new InputErrors(c.errors);
  return {
    source,
    sourceInput,
    bucket,
    prefix,
    basePrefix,
    protect: preview.enabled || preview.root === "" ? [] : [preview.root],
    mode: mode === "remove" ? "remove" : "publish",
    allowRootRemoval,
    removeDistribution,
    preview,
    github: {
      token,
      apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
      context
    },
    region,
    endpoint,
    include,
    exclude,
    cacheControl,
    contentType,
    metadata,
    delete: del,
    deleteGraceMs,
    maxDeletes,
    dryRun,
    concurrency,
    requestTimeoutSeconds,
    allowEmpty,
    cdn
  };
}
var UNITS = {
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
function parseDuration(c, env, name) {
  const raw = getInput(env, name);
  if (raw === "" || raw === "0") return 0;
  const m = /^(\d+)\s*([smhdw])$/.exec(raw);
  const ms = m ? Number(m[1]) * UNITS[m[2]] : NaN;
  if (!Number.isSafeInteger(ms) || ms > 366 * UNITS.d) {
    c.fail(
      name,
      raw,
      "expected a duration such as 7d, 12h or 30m (s, m, h, d, w), at most a year, or 0 for none"
    );
    return 0;
  }
  return ms;
}
function parseSigning(c, env) {
  const accessRaw = getInput(env, "viewer-access");
  let viewerAccess;
  if (accessRaw === "public" || accessRaw === "signed") viewerAccess = accessRaw;
  else if (accessRaw !== "") c.fail("viewer-access", accessRaw, "expected public or signed");
  const publicRaw = getInput(env, "public-key");
  const publicKeys = splitPems(publicRaw);
  if (publicRaw !== "" && publicKeys.length === 0)
    c.fail(
      "public-key",
      publicRaw.slice(0, 40),
      "expected one or more PEM blocks (-----BEGIN PUBLIC KEY----- ...)"
    );
  for (const pem of publicKeys) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
      c.fail(
        "public-key",
        "(hidden: a private key)",
        "this is a PRIVATE key: give it as private-key (from a secret), and its public key here (openssl pkey -in key.pem -pubout)"
      );
      continue;
    }
    const problem = publicKeyProblem(pem);
    if (problem) c.fail("public-key", `${pem.slice(0, 40)}...`, problem);
  }
  const tooMany = checkPublicKeyCount(publicKeys.length);
  if (tooMany) c.fail("public-key", `${publicKeys.length} PEM blocks`, tooMany);
  if (viewerAccess === "signed" && publicKeys.length === 0)
    c.fail(
      "viewer-access",
      "signed",
      "signed access needs public-key: the PEM public key(s) signatures are checked with"
    );
  const privateKey = getInput(env, "private-key") || void 0;
  if (privateKey !== void 0) {
    const problem = privateKeyProblem(
      privateKey,
      publicKeys.filter((p) => !/PRIVATE KEY-----/.test(p) && !publicKeyProblem(p))
    );
    if (problem) c.fail("private-key", "(hidden)", problem);
  }
  const signPaths = splitList(getInput(env, "sign-paths"));
  for (const p of signPaths)
    if (hasControlCharacter(p) || p.split("/").includes(".."))
      c.fail("sign-paths", p, 'a path below the prefix, without ".." or control characters');
  if (signPaths.length > 0 && privateKey === void 0)
    c.fail("sign-paths", signPaths.join(", "), "signing needs private-key (from a secret)");
  if (/^0+\s*[smhdw]?$/.test(getInput(env, "sign-expires")))
    c.fail(
      "sign-expires",
      getInput(env, "sign-expires"),
      "signed URLs must be valid for some time: expected a duration such as 7d, 12h or 30m"
    );
  const signExpiresMs = parseDuration(c, env, "sign-expires") || UNITS.d;
  return { viewerAccess, publicKeys, privateKey, signPaths, signExpiresMs };
}
function resolveTemplate(c, input, raw, context) {
  const filled = fillPlaceholders(raw, context);
  if ("missing" in filled) {
    c.fail(
      input,
      raw,
      `{${filled.missing}} has no value on a ${context.eventName || "local"} run: it needs ${filled.needs}`
    );
    return "";
  }
  const value = filled.value.replace(/\/+$/, "");
  const problem = prefixProblem(value);
  if (problem) {
    c.fail(input, raw, problem);
    return "";
  }
  return value;
}
var DEFAULT_PREVIEW_PREFIX = "previews/pr-{number}";
function outsidePullRequest(template, context) {
  return !PULL_REQUEST_EVENTS.has(context.eventName) && template.includes("{number}");
}
function parsePreview(c, env, context) {
  const enabled = parseBoolean(c, env, "preview", false);
  const template = (getInput(env, "preview-prefix") || DEFAULT_PREVIEW_PREFIX).replace(/\/+$/, "");
  const root = staticRoot(template);
  const templateProblem = prefixProblem(template);
  if (templateProblem) c.fail("preview-prefix", template, templateProblem);
  else if (root === "")
    c.fail(
      "preview-prefix",
      template,
      "it needs a fixed first segment before any placeholder (e.g. previews/pr-{number}), so previews never overlap the site"
    );
  if (enabled && outsidePullRequest(template, context))
    c.fail(
      "preview",
      "true",
      `previews are for pull_request events (this is ${context.eventName || "not a workflow run"}); on other events set a preview-prefix without {number}, e.g. previews/{branch}`
    );
  const domainRaw = getInput(env, "preview-domain").toLowerCase();
  let domain;
  if (domainRaw !== "") {
    const problem = aliasProblem(domainRaw) ?? (domainRaw.startsWith("*.") ? 'write the domain without "*."; the action adds the wildcard' : void 0);
    if (problem) c.fail("preview-domain", domainRaw, problem);
    else if (template.slice(root.length + 1).includes("/"))
      c.fail(
        "preview-prefix",
        template,
        "with preview-domain, the part after the preview root is one segment (the host label), e.g. previews/pr-{number}"
      );
    else domain = domainRaw;
  }
  return { enabled, template, root, domain };
}
function aliasProblem(alias) {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(alias))
    return "an alias is a host name, without a scheme such as https://";
  if (alias.includes("/")) return "an alias is a host name, without a path";
  if (alias.endsWith(".")) return "an alias must not end with a dot";
  if (alias.includes(":")) return "an alias is a host name, without a port";
  if (/[^\x20-\x7e]/.test(alias))
    return "an alias is printable ASCII: write internationalised names in their xn-- (punycode) form";
  if (alias.length > 253) return "a host name has at most 253 characters";
  const labels = alias.split(".");
  const first = labels[0] === "*" ? labels.slice(1) : labels;
  if (first.length < 2)
    return "an alias needs a domain and a top-level domain (e.g. www.example.com)";
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  if (!first.every((l) => label.test(l)))
    return 'each label has letters, digits and inner hyphens (1-63 characters); only a leading "*." wildcard is allowed';
  if (/^\d+$/.test(first[first.length - 1])) return "an alias must not be an IP address";
  return void 0;
}
var CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
function certificateProblem(arn) {
  const m = CERTIFICATE_ARN.exec(arn);
  if (!m)
    return "expected an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)";
  if (m[1] !== "us-east-1")
    return `CloudFront only uses ACM certificates from us-east-1; this one is in ${m[1]}: request or import it in us-east-1`;
  return void 0;
}
function parseCdn(c, env, s3Endpoint2) {
  const distributionId = getInput(env, "distribution-id") || void 0;
  if (distributionId !== void 0 && !/^[A-Z0-9]{6,32}$/.test(distributionId))
    c.fail(
      "distribution-id",
      distributionId,
      "expected a CloudFront distribution ID such as E2QWRUHEXAMPLE"
    );
  const aliases = [];
  const aliasInput = getInput(env, "aliases");
  for (const raw of splitList(aliasInput, true)) {
    const alias = raw.toLowerCase();
    const problem = aliasProblem(alias);
    if (problem) c.fail("aliases", raw, problem);
    else if (!aliases.includes(alias)) aliases.push(alias);
  }
  if (aliases.length > 100)
    c.fail("aliases", `${aliases.length} names`, "a distribution takes at most 100 aliases");
  const certificateArn = getInput(env, "certificate-arn") || void 0;
  if (certificateArn !== void 0) {
    const problem = certificateProblem(certificateArn);
    if (problem) c.fail("certificate-arn", certificateArn, problem);
  }
  const priceRaw = getInput(env, "price-class");
  let priceClass;
  if (priceRaw !== "") {
    const known = ["PriceClass_100", "PriceClass_200", "PriceClass_All"];
    const found = known.find((k) => k.toLowerCase() === priceRaw.toLowerCase());
    if (found) priceClass = found;
    else c.fail("price-class", priceRaw, `expected one of ${known.join(", ")}`);
  }
  const tags = [];
  for (const line of splitList(getInput(env, "tags"))) {
    const at = line.indexOf("=");
    const key = at < 0 ? "" : line.slice(0, at).trim();
    const value = at < 0 ? "" : line.slice(at + 1).trim();
    if (at < 0 || key === "") c.fail("tags", line, "each line is key=value");
    else if (key.length > 128 || value.length > 256)
      c.fail("tags", line, "tag keys have at most 128 characters, values at most 256");
    else if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(key) || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value))
      c.fail("tags", line, "tags use letters, digits, spaces and _ . : / = + - @");
    else if (key.toLowerCase().startsWith("aws:"))
      c.fail("tags", line, "the aws: prefix is reserved by AWS");
    else if (key.startsWith("cdn-publish:"))
      c.fail(
        "tags",
        line,
        "the cdn-publish: prefix is the action's own (it finds its distribution by them)"
      );
    else tags.push({ key, value });
  }
  const createDistribution = parseBoolean(c, env, "create-distribution", true);
  const createBucket = parseBoolean(c, env, "create-bucket", false);
  const wait = parseBoolean(c, env, "wait", false);
  const waitTimeoutSeconds = parseInteger(
    c,
    env,
    "wait-timeout",
    900,
    1,
    6 * 3600,
    "expected a whole number of seconds from 1 to 21600"
  );
  const prettyUrls = parseBoolean(c, env, "pretty-urls", true);
  const spa = parseBoolean(c, env, "spa", false);
  const invalidate = parseBoolean(c, env, "invalidate", true);
  const invalidationMaxPaths = parseInteger(
    c,
    env,
    "invalidation-max-paths",
    15,
    1,
    3e3,
    "expected a whole number of paths from 1 to 3000 (CloudFront takes 3000 paths per request, 15 of them wildcards)"
  );
  const failOnWaitTimeout = parseBoolean(c, env, "fail-on-wait-timeout", false);
  const signed = parseSigning(c, env);
  const endpoint = (env.AWS_ENDPOINT_URL_CLOUDFRONT || env.AWS_ENDPOINT_URL || "").trim().replace(/\/+$/, "") || void 0;
  let skipReason;
  if (s3Endpoint2 !== void 0 && endpoint === void 0 && distributionId === void 0)
    skipReason = `the bucket is on a custom S3 endpoint (${s3Endpoint2}) and no distribution-id is given`;
  return {
    enabled: skipReason === void 0,
    skipReason,
    distributionId,
    aliases,
    certificateArn,
    createDistribution,
    createBucket,
    priceClass,
    tags,
    wait,
    waitTimeoutSeconds,
    prettyUrls,
    spa,
    invalidate,
    invalidationMaxPaths,
    failOnWaitTimeout,
    ...signed,
    endpoint
  };
}

// src/action/summary.ts
var SUMMARY_LIMIT = 512 * 1024;
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
function code(text) {
  const shown2 = escapeUnsafe(text).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(shown2.match(/`+/g) ?? []).map((run2) => run2.length));
  const fence = "`".repeat(longest + 1);
  const pad = shown2.startsWith("`") || shown2.endsWith("`") ? " " : "";
  return `${fence}${pad}${shown2}${pad}${fence}`;
}
function cell(text) {
  return escapeUnsafe(text.replace(/[\r\n]+/g, " ")).replace(
    /[\\`*_[\]<>&|#!~]/g,
    (c) => c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`
  );
}
var PHASE_TEXT = {
  compare: "comparing the build with the bucket",
  assets: "uploading new and changed files (metadata and deletes did not run, the site still serves the previous HTML)",
  metadata: "uploading metadata (deletes did not run)",
  deletes: "deleting objects that left the build",
  done: "done"
};
function renderSummary(input) {
  const cap = input.cap ?? 100;
  const lines = [];
  const failed = input.error !== void 0 || input.failures.length > 0;
  const done = input.mode === "remove" ? "removed" : "published";
  const status = failed ? "failed" : input.dryRun ? "dry run, nothing was written" : done;
  lines.push(`## cdn-publish: ${input.target} (${status})`, "");
  const what = `${input.mode === "remove" ? "Remove" : "Publish"}${input.preview ? " preview" : ""}`;
  lines.push(
    `Mode: ${what} · Prefix: \`${input.target}\`${input.url ? ` · URL: ${input.url}` : ""}`,
    ""
  );
  if (input.error) lines.push(`> **Error:** ${cell(input.error)}`, "");
  if (input.counts) {
    const c = input.counts;
    const would = input.dryRun ? " (would be)" : "";
    lines.push(
      `| ${would ? "Planned" : "Result"} | Objects | Bytes |`,
      "| --- | ---: | ---: |",
      `| Uploaded${would} | ${c.uploaded} | ${formatBytes(c.bytesUploaded)} |`,
      `| Headers updated${would} | ${c.updated} | 0 B |`,
      `| Deleted${would} | ${c.deleted} | |`,
      `| Unchanged | ${c.unchanged} | |`,
      ""
    );
  }
  lines.push(`Duration: ${(input.durationMs / 1e3).toFixed(1)} s`, "");
  const marked = input.marked ?? [];
  if (marked.length > 0) {
    lines.push(
      `### Left the build, kept for now: ${marked.length}`,
      "",
      "Deleted by the first run after the date (delete-grace); the deletions above happened now.",
      ""
    );
    lines.push("| Object | Deleted after |", "| --- | --- |");
    for (const m of marked.slice(0, cap))
      lines.push(`| ${code(m.key)} | ${m.after.toISOString()} |`);
    if (marked.length > cap) lines.push(`| ... and ${marked.length - cap} more | |`);
    lines.push("");
  }
  const d = input.distribution;
  if (d) {
    const action = {
      created: "created",
      updated: "updated",
      unchanged: "unchanged",
      "would-create": "would be created",
      "would-update": "would be updated"
    };
    lines.push("### CloudFront", "", "| | |", "| --- | --- |");
    if (input.url) lines.push(`| URL | ${input.url} |`);
    lines.push(
      `| Distribution | ${d.id ? code(d.id) : "(new)"} (${action[d.action]}${d.owned ? ", managed by cdn-publish" : ""}) |`,
      `| Domain | ${d.domain ? code(d.domain) : "-"} |`,
      `| Aliases | ${d.aliases.length > 0 ? d.aliases.map(code).join(", ") : "(none)"} |`,
      `| Status | ${cell(d.status || "-")}, ${d.enabled ? "enabled" : "disabled"} |`
    );
    for (const c of d.changes)
      lines.push(`| Changed ${cell(c.field)} | ${cell(c.from)} -> ${cell(c.to)} |`);
    lines.push("");
  }
  const inv = input.invalidation;
  if (inv) {
    const n = inv.plan.paths.length;
    if (n === 0) lines.push("Invalidation: none needed (no cached object changed).", "");
    else {
      const what2 = inv.dryRun ? "would be invalidated" : `invalidated${inv.ids.length ? ` (${inv.ids.map(code).join(", ")})` : ""}`;
      lines.push(
        `### Invalidation: ${n} path(s) ${what2}`,
        "",
        `Covering ${inv.plan.objects} changed object(s)${inv.plan.collapsed ? ", collapsed into wildcards to stay within the path budget" : ""}. CloudFront charges nothing for the first ${FREE_PATHS_PER_MONTH} paths a month; beyond them this costs about $${estimatedCostUsd(n).toFixed(3)}.`,
        ""
      );
      for (const p of inv.plan.paths.slice(0, cap)) lines.push(`- ${code(p)}`);
      if (n > cap) lines.push(`- ... and ${n - cap} more`);
      if (inv.completed !== void 0)
        lines.push("", inv.completed ? "Completed." : "Not completed within wait-timeout.");
      lines.push("");
    }
  }
  if (input.failures.length > 0) {
    lines.push(`### Failed: ${input.failures.length}`, "");
    if (input.phase && input.phase !== "done")
      lines.push(`Stopped while ${PHASE_TEXT[input.phase]}.`, "");
    lines.push("| Object | Action | Error |", "| --- | --- | --- |");
    for (const f of input.failures.slice(0, cap))
      lines.push(`| ${code(f.key)} | ${f.action} | ${cell(f.message)} |`);
    if (input.failures.length > cap)
      lines.push(`| ... and ${input.failures.length - cap} more | | |`);
    lines.push("");
  }
  if (input.plan) {
    const changes = [
      ...input.plan.assets.map((a) => ({
        key: a.key,
        action: a.kind,
        reason: a.reason,
        detail: a.headers.cacheControl
      })),
      ...input.plan.metadata.map((a) => ({
        key: a.key,
        action: a.kind,
        reason: a.reason,
        detail: a.headers.cacheControl
      })),
      ...input.plan.deletes.map((d2) => ({
        key: d2.key,
        action: "delete",
        reason: d2.reason,
        detail: ""
      }))
    ];
    if (changes.length > 0) {
      lines.push(`### Changes${input.dryRun ? " (planned)" : ""}: ${changes.length}`, "");
      lines.push("| Object | Action | Reason | Cache-Control |", "| --- | --- | --- | --- |");
      for (const c of changes.slice(0, cap))
        lines.push(`| ${code(c.key)} | ${c.action} | ${c.reason} | ${cell(c.detail)} |`);
      if (changes.length > cap) lines.push(`| ... and ${changes.length - cap} more | | | |`);
      lines.push("");
    } else if (!input.error) {
      lines.push("No changes: the bucket already matches the build.", "");
    }
  }
  let text = lines.join("\n");
  if (Buffer.byteLength(text) > SUMMARY_LIMIT) {
    const head = Buffer.from(text).subarray(0, SUMMARY_LIMIT - 200).toString("utf8").replace(/\uFFFD+$/, "");
    text = `${head}

(summary truncated)
`;
  }
  return text;
}

// src/deploy/sync.ts
var VERBOSE_LIMIT = 200;
function describe(action) {
  if (action.kind === "update")
    return `update  ${shown(action.key)} (headers: ${action.previous.cacheControl} -> ${action.headers.cacheControl}${action.previous.contentType !== action.headers.contentType ? `; ${action.previous.contentType} -> ${action.headers.contentType}` : ""})`;
  return `upload  ${shown(action.key)} (${action.reason}, ${action.file.size} bytes, ${action.headers.cacheControl})`;
}
function decodeRead(object, store, log2) {
  if (!object) return emptyState();
  const decoded = decodeState(object.body, object.lastModified);
  if ("problem" in decoded) {
    log2.warning(
      `The deploy state (${STATE_KEY} under ${store.description}) is unreadable (${decoded.problem}); objects are compared by HEAD instead, and the state is rewritten.`
    );
    return emptyState();
  }
  return decoded.state;
}
async function readRemote(store, log2) {
  let object;
  try {
    object = await store.readState();
  } catch (error2) {
    if (!isAccessDenied(error2)) throw error2;
    const remote = await store.list();
    if (remote.some((o) => o.key === STATE_KEY)) throw error2;
    log2.debug(
      `No deploy state under ${store.description} (its GET was denied; the listing has none).`
    );
    return { state: emptyState(), remote };
  }
  const state = decodeRead(object, store, log2);
  return { state, remote: await store.list([...state.entries.keys()]) };
}
async function sync(args) {
  const { store, rules, filter, options, log: log2 } = args;
  let local = [];
  const zero = { uploaded: 0, updated: 0, deleted: 0, unchanged: 0, bytesUploaded: 0 };
  const { plan, state, inspected } = await log2.group(
    `Compare with ${store.description}`,
    async () => {
      const [{ remote, state: read }, files] = await Promise.all([
        args.reading ?? readRemote(store, log2),
        args.local
      ]);
      const drifted = driftedKeys(read, remote).filter((k) => !read.pending.includes(k));
      if (drifted.length > 0)
        log2.info(
          `${drifted.length} object(s) changed or went away after the deploy state was written (a run that was stopped, or another tool): their cached copies are invalidated too.`
        );
      const state2 = drifted.length > 0 ? { ...read, pending: [...read.pending, ...drifted] } : read;
      local = files;
      const inspected2 = /* @__PURE__ */ new Map();
      const grace = options.graceMs ? { ms: options.graceMs, now: options.now ?? /* @__PURE__ */ new Date() } : void 0;
      const input = {
        local,
        remote,
        state: state2,
        inspected: inspected2,
        rules,
        filter,
        delete: options.delete,
        grace
      };
      let plan2 = planSync(input);
      if (plan2.inspect.length > 0) {
        log2.info(
          `${plan2.inspect.length} objects are not described by the deploy state; reading their headers (HEAD).`
        );
        const heads = await settleLimit(
          plan2.inspect,
          options.concurrency,
          (key) => store.inspect(key)
        );
        for (const head of heads) {
          if (!head.ok) throw head.error;
          if (head.value) inspected2.set(head.item, head.value);
        }
        const gone = new Set(heads.filter((h) => h.ok && !h.value).map((h) => h.item));
        plan2 = planSync({ ...input, remote: remote.filter((o) => !gone.has(o.key)) });
      }
      const objects = remote.filter((o) => !isReservedKey(o.key)).length;
      log2.info(`${objects} objects under ${store.description}; ${local.length} files in the build.`);
      return { plan: plan2, state: state2, inspected: inspected2 };
    }
  );
  const planned = countPlan(plan);
  if (plan.unknownTypes.length > 0)
    log2.warning(
      `No content type is known for ${plan.unknownTypes.length} file(s), sent as application/octet-stream: ${plan.unknownTypes.slice(0, 10).join(
        ", "
      )}${plan.unknownTypes.length > 10 ? ", ..." : ""}. Add a content-type rule to set one.`
    );
  if (options.maxDeletes >= 0 && plan.deletes.length > options.maxDeletes) {
    throw new PreflightError(
      `The deploy would delete ${plan.deletes.length} objects under ${store.description}, more than max-deletes (${options.maxDeletes}). Nothing was changed. If this is intended, set max-deletes to ${plan.deletes.length} or more (or -1 for no cap); if not, check source, include and exclude. First of them: ${plan.deletes.slice(0, 5).map((d) => d.key).join(", ")}`
    );
  }
  const result = {
    plan,
    planned,
    done: { ...zero },
    failures: [],
    phase: "compare",
    inspected: inspected.size,
    stateWritten: false,
    dryRun: options.dryRun,
    pendingInvalidation: state.pending,
    changedApplied: [],
    marked: [],
    remembered: state.cdn,
    saveState: async (pending, cdnFound) => {
      const cdn = cdnFound ?? state.cdn;
      const samePending = [...new Set(pending)].sort().join("\n") === [...state.pending].sort().join("\n");
      const sameMarks = marks.size === state.marks.size && [...marks].every(([k, t]) => state.marks.get(k)?.getTime() === t.getTime());
      const changed = !sameEntries(entries, state.entries) || inspected.size > 0 || !samePending || !sameMarks || JSON.stringify(cdn ?? null) !== JSON.stringify(state.cdn ?? null);
      if (!changed || options.dryRun) return;
      const wait = (store.lastRequestAt ?? 0) + 1e3 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        await store.writeState(stateChunks(entries, pending, marks, cdn));
        result.stateWritten = true;
      } catch (error2) {
        log2.warning(`${errorMessage(error2)}. The next run compares objects by HEAD instead.`);
      }
    }
  };
  const entries = /* @__PURE__ */ new Map();
  const marks = new Map(
    plan.marks.filter((m) => !m.isNew).map((m) => [m.key, m.since])
  );
  const record = (file, etag, headers) => entries.set(file.key, { etag, md5: file.md5, size: file.size, ...headers });
  for (const u of plan.unchanged) record(u.file, u.etag, u.headers);
  result.done.unchanged = plan.unchanged.length;
  args.applying?.(result);
  const applyWrites = async (phase, actions) => {
    result.phase = phase;
    if (actions.length === 0) return true;
    const title = phase === "assets" ? "Upload new and changed files" : "Upload metadata (HTML, manifests, indexes)";
    return log2.group(`${title}: ${actions.length}`, async () => {
      const verbose = actions.length <= VERBOSE_LIMIT;
      const outcomes = await settleLimit(actions, options.concurrency, async (action) => {
        if (verbose) log2.info(describe(action));
        else if (log2.debugging) log2.debug(describe(action));
        return action.kind === "upload" ? store.upload(action.file, action.headers) : store.updateHeaders(action.file, action.headers, action.kept);
      });
      for (const outcome of outcomes) {
        const action = outcome.item;
        if (outcome.ok) {
          record(action.file, outcome.value.etag, action.headers);
          if (action.reason !== "new") result.changedApplied.push(action.key);
          if (options.dryRun) continue;
          if (action.kind === "upload") {
            result.done.uploaded++;
            result.done.bytesUploaded += action.file.size;
          } else result.done.updated++;
        } else {
          result.failures.push({
            key: action.key,
            action: action.kind,
            message: errorMessage(outcome.error)
          });
        }
      }
      if (!verbose) log2.info(`${outcomes.filter((o) => o.ok).length} of ${actions.length} done.`);
      return outcomes.every((o) => o.ok);
    });
  };
  if (!await applyWrites("assets", plan.assets)) return result;
  if (!await applyWrites("metadata", plan.metadata)) return result;
  result.phase = "deletes";
  if (plan.deletes.length > 0) {
    await log2.group(`Delete objects that left the build: ${plan.deletes.length}`, async () => {
      const verbose = plan.deletes.length <= VERBOSE_LIMIT;
      if (verbose || log2.debugging)
        for (const d of plan.deletes)
          (verbose ? log2.info : log2.debug)(`delete  ${shown(d.key)} (removed)`);
      const outcome = await store.deleteMany(plan.deletes.map((d) => d.key));
      if (!options.dryRun) result.done.deleted = outcome.deleted.length;
      result.changedApplied.push(...outcome.deleted);
      for (const f of outcome.failed)
        result.failures.push({ key: f.key, action: "delete", message: f.message });
    });
  }
  if (plan.marks.length > 0 || plan.unmarks.length > 0) await applyMarks();
  if (result.failures.length === 0) result.phase = "done";
  return result;
  async function applyMarks() {
    await log2.group(
      `delete-grace: ${plan.marks.length} kept after leaving the build, ${plan.unmarks.length} back in it`,
      async () => {
        const graceMs = options.graceMs ?? 0;
        const marked = await settleLimit(
          plan.marks,
          options.concurrency,
          async (m) => m.isNew ? store.markRemoved(m.key, m.since) : m.since
        );
        for (const outcome of marked) {
          const m = outcome.item;
          if (!outcome.ok) {
            result.failures.push({
              key: m.key,
              action: "mark",
              message: errorMessage(outcome.error)
            });
            continue;
          }
          const after = new Date(outcome.value.getTime() + graceMs);
          marks.set(m.key, outcome.value);
          result.marked.push({ key: m.key, after });
          log2.info(
            `keep    ${shown(m.key)} (left the build${m.isNew ? " now" : ` ${outcome.value.toISOString()}`}; deleted after ${after.toISOString()})`
          );
        }
        const unmarked = await settleLimit(
          plan.unmarks,
          options.concurrency,
          (key) => store.unmark(key)
        );
        for (const outcome of unmarked) {
          if (outcome.ok) {
            marks.delete(outcome.item);
            log2.info(`unmark  ${shown(outcome.item)} (back in the build)`);
          } else
            result.failures.push({
              key: outcome.item,
              action: "unmark",
              message: errorMessage(outcome.error)
            });
        }
      }
    );
  }
}

// src/main.ts
var log = {
  // Warnings and debug lines are workflow commands, whose data the runner escapes; info lines go out
  // as they are, so they are made printable (text.ts) here.
  info: (message) => info(printable(message)),
  warning: (message) => warning(message),
  debug: (message) => debug(message),
  debugging: isDebug(),
  group: (name, work) => group(name, work)
};
var HELD_BACK_LIMIT = 50;
function setOutputs(state) {
  const { result, distribution } = state;
  const c = result?.dryRun ? result.planned : result?.done;
  setOutput("uploaded", String(c?.uploaded ?? 0));
  setOutput("updated", String(c?.updated ?? 0));
  setOutput("deleted", String(c?.deleted ?? 0));
  setOutput("unchanged", String(c?.unchanged ?? 0));
  setOutput("bytes-uploaded", String(c?.bytesUploaded ?? 0));
  setOutput("distribution-id", distribution?.id ?? "");
  setOutput("cdn-domain", distribution?.domain ?? "");
  setOutput("url", state.url ?? "");
  setOutput("invalidation-id", state.invalidation?.ids.join(",") ?? "");
  setOutput(
    "invalidated-paths",
    String(
      state.invalidation && !state.invalidation.dryRun ? state.invalidation.plan.paths.length : 0
    )
  );
  setOutput("prefix", state.config?.prefix ?? "");
  setOutput("key-group-id", distribution?.signing?.keyGroupId ?? "");
  setOutput(
    "public-key-id",
    distribution?.signing?.signingKeyId ?? distribution?.signing?.publicKeyIds[0] ?? ""
  );
  setOutput("signed-urls", state.signedUrls ? JSON.stringify(state.signedUrls) : "{}");
}
function listed(keys) {
  return keys.slice(0, HELD_BACK_LIMIT).map(shown).join(", ") + (keys.length > HELD_BACK_LIMIT ? ", ..." : "");
}
async function scanBuild(config, filter, hasher) {
  const root = await checkSource(config.source, config.sourceInput);
  const scan = await log.group(`Scan ${config.sourceInput}`, async () => {
    const scan2 = await selectFiles(root, filter, hasher);
    const keys = (verdict) => scan2.skipped.filter((s) => s.verdict === verdict).map((s) => s.key);
    const secrets = keys("secret");
    if (secrets.length > 0)
      warning(
        `Held back ${secrets.length} file(s) that look like credentials: ${listed(secrets)}. Name them in include (e.g. "${secrets[0]}") to publish them on purpose.`
      );
    const previews = keys("protected");
    if (previews.length > 0)
      warning(
        `${previews.length} file(s) of the build lie under ${config.protect.join(", ")}/, which belongs to previews: not published. ${listed(previews)}`
      );
    const hidden = keys("hidden");
    if (hidden.length > 0)
      log.info(
        `Left out ${hidden.length} hidden file(s) (a path segment starts with "."): ${listed(hidden)}`
      );
    log.info(
      `${scan2.found.length} files selected in ${root}; they are hashed while the bucket is listed.`
    );
    return scan2;
  });
  const tooLong = scan.found.find(
    (f) => Buffer.byteLength(joinKey(config.prefix, f.key)) > MAX_KEY_BYTES
  );
  if (tooLong)
    throw new PreflightError(
      `The key of ${quoted(tooLong.key)} is ${Buffer.byteLength(joinKey(config.prefix, tooLong.key))} bytes with the prefix; S3 takes at most ${MAX_KEY_BYTES}. Nothing was sent. Shorten the name or the prefix, or add it to exclude.`
    );
  if (scan.found.length === 0 && !config.allowEmpty)
    throw new PreflightError(
      `No files to publish in ${JSON.stringify(config.sourceInput)} after include/exclude. Publishing an empty build would delete the site, so nothing was changed. Check that the build wrote its output there, or set allow-empty: true.`
    );
  return scan;
}
var DRY_RUN_NOTE = "Dry run: the bucket and the distribution are read, nothing is written.";
async function s3Side(config) {
  const s3 = await import("./chunks/s3-ADBB6VLK.js");
  const client = s3.createS3Client(config);
  const store = new s3.S3Store(client, config);
  return {
    store: config.dryRun ? new DryRunStore(store) : store,
    admin: new s3.BucketAdmin(client, config.bucket, config.region)
  };
}
async function cloudFront(config) {
  if (!config.cdn.enabled) {
    log.info(`CloudFront: skipped, because ${config.cdn.skipReason}.`);
    return void 0;
  }
  const cf = await import("./chunks/cloudfront-QR7UTNWN.js");
  const client = cf.createCloudFrontClient(config.cdn.endpoint, config.requestTimeoutSeconds);
  return { cf, api: new cf.CloudFrontApi(client) };
}
async function publish(config, env, state) {
  const filter = compileFilter(config);
  const started = Date.now();
  const hasher = new Hasher({
    // Beside this bundle (dist/index.js): the worker's own small entry, not the whole action.
    workerScript: new URL("./hash-worker.js", import.meta.url),
    report: (where) => log.debug(`Hashing ${where}.`)
  });
  hasher.warmUp();
  const rulesLoading = import("./chunks/rules-JE26L2PI.js");
  rulesLoading.catch(() => void 0);
  let selection;
  try {
    selection = await scanBuild(config, filter, hasher);
  } catch (error2) {
    hasher.stop();
    throw error2;
  }
  const local = hasher.done().then((hashes) => withHashes(selection.found, hashes));
  local.then(
    (files) => {
      const bytes = files.reduce((sum, f) => sum + f.size, 0);
      log.debug(
        `Hashed ${files.length} files (${bytes} bytes; ${hasher.hashedHere} of them on the main thread); the scan and the hashing took ${Date.now() - started} ms.`
      );
    },
    () => hasher.stop()
  );
  const side = await s3Side(config);
  try {
    if (config.dryRun) log.info(DRY_RUN_NOTE);
    const store = side.store;
    if (config.cdn.createBucket) {
      const admin = side.admin;
      if (!await admin.exists()) {
        if (config.dryRun) {
          log.info(
            `Would create bucket ${config.bucket} (versioned, encrypted, public access blocked).`
          );
          return;
        }
        await admin.createSecure();
        log.info(
          `Created bucket ${config.bucket} in ${config.region}: versioning on, SSE-S3 encryption, public access blocked, ACLs off.`
        );
      }
    }
    const reading = readRemote(store, log);
    reading.catch(() => void 0);
    state.result = await sync({
      store,
      local,
      reading,
      rules: (await rulesLoading).compileRules(config),
      filter,
      options: {
        delete: config.delete,
        maxDeletes: config.maxDeletes,
        concurrency: config.concurrency,
        dryRun: config.dryRun,
        graceMs: config.deleteGraceMs,
        now: clock(env)
      },
      log,
      // From the first write on, a cancelled run knows what it changed (see onCancel).
      applying: (result2) => state.result = result2
    });
  } finally {
    hasher.stop();
  }
  const result = state.result;
  try {
    if (result.failures.length > 0) return;
    await serve(config, env, state, { admin: side.admin, pending: result.pendingInvalidation });
  } finally {
    await result.saveState(stillToInvalidate(config, state), state.remember);
  }
}
async function serve(config, env, state, deps) {
  state.talking = "cloudfront";
  const loaded = await cloudFront(config);
  state.cdnChecked = loaded === void 0;
  if (!loaded) return;
  const { cf, api } = loaded;
  const admin = deps.admin;
  state.distribution = await cf.ensureDistribution({
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    remembered: cf.readRemembered(state.result?.remembered),
    now: clockMs(env)
  });
  state.cdnChecked = true;
  state.remember = cf.rememberOf(config, state.distribution);
  const distribution = state.distribution;
  if (!distribution) return;
  state.url = siteUrlOf(cf, config, distribution);
  state.signedUrls = signedUrlsOf(cf, config, distribution, state.url);
  if (urlPathOf("x", config.prefix, distribution.originPath) === void 0)
    warning(
      `Distribution ${distribution.id} serves the bucket from ${distribution.originPath || "/"}, which does not contain the prefix ${config.prefix || "(root)"}: it does not serve these files, and nothing is invalidated.`
    );
  else if (distribution.action !== "created" && distribution.action !== "would-create")
    state.invalidation = await cf.invalidate({
      config,
      api,
      distribution,
      plan: state.result.plan,
      pending: deps.pending,
      log,
      env,
      dryRun: config.dryRun
    });
}
function stillToInvalidate(config, state) {
  const result = state.result;
  if (!result || !config.cdn.enabled || !config.cdn.invalidate) return [];
  const sent = state.invalidation && (state.invalidation.ids.length > 0 || state.invalidation.plan.paths.length === 0);
  if (sent) return [];
  if (state.cdnChecked && (!state.distribution || state.distribution.action === "created"))
    return [];
  return [.../* @__PURE__ */ new Set([...result.pendingInvalidation, ...result.changedApplied])];
}
function signedUrlsOf(cf, config, distribution, url) {
  const { signPaths, privateKey } = config.cdn;
  if (signPaths.length === 0 || !privateKey || config.dryRun) return void 0;
  const keyPairId = distribution.signing?.signingKeyId;
  if (!keyPairId || !url) {
    warning(
      "sign-paths: no signed URLs, because the distribution or the signing key is not known (see the log above)."
    );
    return void 0;
  }
  const expires = new Date(Date.now() + config.cdn.signExpiresMs);
  const urls = cf.signUrls({ paths: signPaths, baseUrl: url, keyPairId, privateKey, expires });
  for (const signed of Object.values(urls)) {
    setSecret(signed);
    const signature = /[?&]Signature=([^&]+)/.exec(signed)?.[1];
    if (signature) setSecret(signature);
  }
  log.info(
    `Signed ${signPaths.length} URL(s), valid until ${expires.toISOString()} (output signed-urls; masked in the log).`
  );
  return urls;
}
function siteUrlOf(cf, config, distribution) {
  const label = config.prefix.slice(config.basePrefix.length).replace(/^\//, "").split("/").pop();
  if (config.preview.enabled && config.preview.domain && distribution.owned && label)
    return `https://${label}.${config.preview.domain}/`;
  if (!distribution.domain && distribution.aliases.length === 0) return void 0;
  return cf.siteUrl(
    { ...distribution, aliases: distribution.aliases.filter((a) => !a.startsWith("*.")) },
    config.prefix
  );
}
async function remove(config, env, state) {
  const side = await s3Side(config);
  const store = side.store;
  if (config.dryRun) log.info(DRY_RUN_NOTE);
  const objects = await log.group(`List ${store.description}`, () => store.list());
  const keys = objects.map((o) => o.key);
  const site = keys.filter((k) => !isReservedKey(k));
  if (config.maxDeletes >= 0 && site.length > config.maxDeletes)
    throw new PreflightError(
      `Removing ${store.description} would delete ${site.length} objects, more than max-deletes (${config.maxDeletes}). Nothing was deleted. Raise max-deletes to ${site.length}, or set it to -1 or leave it empty (no cap for mode: remove).`
    );
  const plan = {
    ...emptyPlan(),
    deletes: objects.filter((o) => !isReservedKey(o.key)).map((o) => ({ kind: "delete", key: o.key, reason: "removed", size: o.size }))
  };
  const planned = countPlan(plan);
  const result = {
    plan,
    planned,
    done: { ...planned, deleted: 0 },
    failures: [],
    phase: "deletes",
    inspected: 0,
    stateWritten: false,
    dryRun: config.dryRun,
    pendingInvalidation: [],
    changedApplied: [],
    marked: [],
    remembered: void 0,
    saveState: async () => void 0
  };
  state.result = result;
  if (keys.length > 0) {
    const outcome = await log.group(
      `Delete ${keys.length} object(s) under ${store.description}`,
      async () => {
        for (const key of site.slice(0, 200)) log.info(`delete  ${shown(key)}`);
        return store.deleteMany(keys);
      }
    );
    result.done.deleted = config.dryRun ? 0 : outcome.deleted.filter((k) => !isReservedKey(k)).length;
    for (const f of outcome.failed)
      result.failures.push({ key: f.key, action: "delete", message: f.message });
  } else log.info(`Nothing to remove under ${store.description}.`);
  if (result.failures.length > 0) return;
  result.phase = "done";
  state.talking = "cloudfront";
  const loaded = await cloudFront(config);
  if (!loaded) return;
  const { cf, api } = loaded;
  const admin = side.admin;
  state.distribution = await cf.ensureDistribution({
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    findOnly: true
  });
  if (!state.distribution) return;
  state.url = siteUrlOf(cf, config, state.distribution);
  if (plan.deletes.length > 0)
    state.invalidation = await cf.invalidate({
      config,
      api,
      distribution: state.distribution,
      plan,
      log,
      env,
      dryRun: config.dryRun
    });
  if (config.removeDistribution)
    state.teardown = await cf.teardownDistribution({
      config,
      api,
      admin,
      distribution: state.distribution,
      log,
      dryRun: config.dryRun
    });
}
async function comment(config, env, state, failed) {
  const { token, apiUrl, context } = config.github;
  if (!config.preview.enabled || context.number === void 0 || failed || config.dryRun) return;
  if (!token) {
    log.info("No github-token: the pull request gets no comment.");
    return;
  }
  const marker = commentMarker(config.bucket, config.basePrefix);
  const counts = state.result?.done;
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  const body = renderComment({
    marker,
    url: state.url,
    target: `s3://${config.bucket}/${listPrefix(config.prefix)}`,
    sha: context.sha,
    counts,
    time: (/* @__PURE__ */ new Date()).toISOString(),
    removed: config.mode === "remove",
    runUrl: env.GITHUB_RUN_ID && context.repository ? `${server}/${context.repository}/actions/runs/${env.GITHUB_RUN_ID}` : void 0
  });
  const result = await upsertComment(
    { token, apiUrl, repository: context.repository ?? "", number: context.number },
    marker,
    body
  );
  if (result.action === "skipped")
    warning(`Pull request comment: ${result.reason}. The deploy itself succeeded.`);
  else log.info(`Pull request comment ${result.action} (#${context.number}, comment ${result.id}).`);
}
function failureText(result, config) {
  const lost = config && result.failures.some((f) => f.message.includes("stopped answering")) ? ` S3 (${s3Endpoint(config)}) stopped answering within request-timeout (${config.requestTimeoutSeconds} s).` : "";
  const lines = result.failures.slice(0, 20).map((f) => `  ${f.action} ${shown(f.key)}: ${f.message}`);
  return `${result.failures.length} object(s) failed` + (result.phase === "assets" ? "; metadata and deletes did not run, so the site still serves the previous HTML" : "") + (result.phase === "metadata" ? "; deletes did not run" : "") + `. A re-run sends only what is missing.${lost}
${lines.join("\n")}${result.failures.length > 20 ? "\n  ..." : ""}`;
}
function maskKey(pem) {
  if (!pem) return;
  setSecret(pem);
  for (const line of pem.split(/\r?\n/))
    if (line.trim() && !line.startsWith("-----")) setSecret(line.trim());
}
function maskCredentials(env) {
  for (const name of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
    const value = env[name]?.trim();
    if (value) setSecret(value);
  }
  for (const name of ["INPUT_PRIVATE-KEY", "INPUT_PUBLIC-KEY"]) {
    const pems = env[name]?.match(
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g
    );
    for (const pem of pems ?? []) maskKey(pem);
  }
}
function clock(env) {
  return new Date(clockMs(env)());
}
function clockMs(env) {
  const fixed = env.CDN_PUBLISH_NOW ? new Date(env.CDN_PUBLISH_NOW).getTime() : NaN;
  const offset = Number.isNaN(fixed) ? 0 : fixed - Date.now();
  return () => Date.now() + offset;
}
function readPayload(env) {
  if (!env.GITHUB_EVENT_PATH) return void 0;
  try {
    return JSON.parse(fs3.readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch (error2) {
    warning(
      `Could not read the event payload ${env.GITHUB_EVENT_PATH}: ${errorMessage(error2)}`
    );
    return void 0;
  }
}
async function run(env = process.env) {
  const started = Date.now();
  const state = {};
  let failure;
  const cancel = (signal) => void onCancel(state, signal, started);
  process.once("SIGINT", cancel);
  process.once("SIGTERM", cancel);
  try {
    maskCredentials(env);
    state.config = parseConfig(env, readPayload(env));
    if (state.config.github.token) setSecret(state.config.github.token);
    if (state.config.mode === "remove") await remove(state.config, env, state);
    else await publish(state.config, env, state);
    if (state.result && state.result.failures.length > 0)
      failure = failureText(state.result, state.config);
  } catch (error2) {
    failure = errorMessage(error2);
    if (isUnanswered(error2) && state.config) failure += unansweredAdvice(state.config, state);
    if (!isExpected(error2) && error2 instanceof Error && error2.stack) debug(error2.stack);
  }
  if (cancelling) return;
  try {
    if (state.config) await comment(state.config, env, state, failure !== void 0);
  } catch (error2) {
    warning(`Pull request comment: ${errorMessage(error2)}. The deploy itself succeeded.`);
  }
  if (cancelling) return;
  process.off("SIGINT", cancel);
  process.off("SIGTERM", cancel);
  await finish(state, failure, started);
}
function s3Endpoint(config) {
  return config.endpoint ?? `https://${config.bucket}.s3.${config.region}.amazonaws.com`;
}
function unansweredAdvice(config, state) {
  const limit = `within request-timeout (${config.requestTimeoutSeconds} s) on any of its attempts`;
  if (state.talking === "cloudfront") {
    const where2 = config.cdn.endpoint ?? "https://cloudfront.amazonaws.com";
    return `. CloudFront (${where2}) did not answer ${limit}. The files are in the bucket; the distribution was not changed by this run and nothing was invalidated: the changed paths are kept in the deploy state, and the next run invalidates them.`;
  }
  const where = s3Endpoint(config);
  const written = state.result !== void 0 && state.result.phase !== "compare";
  return `. S3 (${where}) did not answer ${limit}, ` + (written ? `in the ${state.result.phase} phase; a re-run sends only what is missing.` : "while the bucket was being read: nothing was changed, and the site still serves the previous deploy.");
}
async function finish(state, failure, started) {
  try {
    setOutputs(state);
  } catch (error2) {
    warning(`Could not set the outputs: ${errorMessage(error2)}`);
  }
  const { config, result } = state;
  await writeSummary({
    target: config ? `s3://${config.bucket}/${listPrefix(config.prefix)}` : "cdn-publish",
    mode: config?.mode ?? "publish",
    preview: config?.preview.enabled ?? false,
    dryRun: config?.dryRun ?? false,
    durationMs: Date.now() - started,
    counts: result ? result.dryRun ? result.planned : result.done : void 0,
    plan: result?.plan,
    failures: result?.failures ?? [],
    phase: result?.phase,
    error: failure && !result?.failures.length ? failure : void 0,
    distribution: state.distribution,
    invalidation: state.invalidation,
    marked: result?.marked ?? [],
    url: state.url
  });
  if (failure !== void 0) setFailed(failure);
}
var cancelling = false;
var CANCEL_SAVE_MS = 5e3;
async function onCancel(state, signal, started) {
  if (cancelling) return;
  cancelling = true;
  const { config, result } = state;
  const phase = result ? result.phase : "compare";
  let failure = `Cancelled (${signal}) while ${phase === "compare" ? "reading the bucket and the build: nothing was written" : `in the ${phase} phase`}.`;
  if (config && result && !result.dryRun) {
    const pending = stillToInvalidate(config, state);
    const saved = await Promise.race([
      result.saveState(pending, state.remember).then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), CANCEL_SAVE_MS).unref())
    ]);
    failure += saved ? ` ${pending.length} changed path(s) are recorded in the deploy state; the next run invalidates them.` : " The deploy state could not be written in time; the next run finds the changes from the listing.";
  }
  await finish(state, failure, started);
  process.exit(signal === "SIGINT" ? 130 : 143);
}
async function writeSummary(input) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await summary.addRaw(renderSummary(input)).write();
  } catch (error2) {
    warning(`Could not write the job summary: ${errorMessage(error2)}`);
  }
}

// src/index.ts
void run();
