import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  BUILD_ID,
  FREE_PATHS_PER_MONTH,
  NOT_FOUND_COPY,
  VALUE_MAX,
  checkPublicKeyCount,
  estimatedCostUsd,
  generationKeys,
  generationOf,
  namespaceOf,
  privateKeyProblem,
  publicKeyProblem,
  siteEntries,
  splitPems,
  storeName,
  urlPathOf
} from "./chunks/chunk-7ZRWE6YC.js";
import {
  anyMatcher,
  compileGlob,
  globProblem,
  namesFileLiterally,
  splitList
} from "./chunks/chunk-EQNTI7KR.js";
import {
  FileHashing,
  READ_BUFFER,
  failureError
} from "./chunks/chunk-RV5CG4O4.js";
import {
  require_tunnel,
  require_undici
} from "./chunks/chunk-3PCZLTI6.js";
import {
  AUTO_START,
  Semaphore,
  countDeletes,
  countPlan,
  decodeState,
  describedBy,
  dispatchLimit,
  driftedKeys,
  emptyPlan,
  emptyState,
  entryHeaders,
  inLatestSecond,
  mapLimit,
  nestedDeploys,
  planSync,
  sameEntries,
  sameHeaders,
  settleLimit,
  stateChunks
} from "./chunks/chunk-A4SQUCNB.js";
import {
  InputError,
  PreflightError,
  errorMessage,
  isAccessDenied,
  isExpected,
  isUnanswered
} from "./chunks/chunk-EEFSAEWJ.js";
import {
  BUILDS_DIR,
  MAX_KEY_BYTES,
  STATE_DIR,
  STATE_KEY,
  codePointLabel,
  compareKeys,
  escapeUnsafe,
  firstUnsafe,
  hasControlCharacter,
  hasUnsafeCharacter,
  isReservedKey,
  joinKey,
  listPrefix,
  printable,
  quoted,
  shown,
  toSiteKey
} from "./chunks/chunk-5MZ7EP76.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunks/chunk-CWF7AY5K.js";

// node_modules/fast-glob/out/utils/array.js
var require_array = __commonJS({
  "node_modules/fast-glob/out/utils/array.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.splitWhen = exports.flatten = void 0;
    function flatten(items) {
      return items.reduce((collection, item) => [].concat(collection, item), []);
    }
    exports.flatten = flatten;
    function splitWhen(items, predicate) {
      const result = [[]];
      let groupIndex = 0;
      for (const item of items) {
        if (predicate(item)) {
          groupIndex++;
          result[groupIndex] = [];
        } else {
          result[groupIndex].push(item);
        }
      }
      return result;
    }
    exports.splitWhen = splitWhen;
  }
});

// node_modules/fast-glob/out/utils/errno.js
var require_errno = __commonJS({
  "node_modules/fast-glob/out/utils/errno.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isEnoentCodeError = void 0;
    function isEnoentCodeError(error2) {
      return error2.code === "ENOENT";
    }
    exports.isEnoentCodeError = isEnoentCodeError;
  }
});

// node_modules/fast-glob/out/utils/fs.js
var require_fs = __commonJS({
  "node_modules/fast-glob/out/utils/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDirentFromStats = void 0;
    var DirentFromStats = class {
      constructor(name, stats) {
        this.name = name;
        this.isBlockDevice = stats.isBlockDevice.bind(stats);
        this.isCharacterDevice = stats.isCharacterDevice.bind(stats);
        this.isDirectory = stats.isDirectory.bind(stats);
        this.isFIFO = stats.isFIFO.bind(stats);
        this.isFile = stats.isFile.bind(stats);
        this.isSocket = stats.isSocket.bind(stats);
        this.isSymbolicLink = stats.isSymbolicLink.bind(stats);
      }
    };
    function createDirentFromStats(name, stats) {
      return new DirentFromStats(name, stats);
    }
    exports.createDirentFromStats = createDirentFromStats;
  }
});

// node_modules/fast-glob/out/utils/path.js
var require_path = __commonJS({
  "node_modules/fast-glob/out/utils/path.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.convertPosixPathToPattern = exports.convertWindowsPathToPattern = exports.convertPathToPattern = exports.escapePosixPath = exports.escapeWindowsPath = exports.escape = exports.removeLeadingDotSegment = exports.makeAbsolute = exports.unixify = void 0;
    var os6 = __require("os");
    var path6 = __require("path");
    var IS_WINDOWS_PLATFORM = os6.platform() === "win32";
    var LEADING_DOT_SEGMENT_CHARACTERS_COUNT = 2;
    var POSIX_UNESCAPED_GLOB_SYMBOLS_RE = /(\\?)([()*?[\]{|}]|^!|[!+@](?=\()|\\(?![!()*+?@[\]{|}]))/g;
    var WINDOWS_UNESCAPED_GLOB_SYMBOLS_RE = /(\\?)([()[\]{}]|^!|[!+@](?=\())/g;
    var DOS_DEVICE_PATH_RE = /^\\\\([.?])/;
    var WINDOWS_BACKSLASHES_RE = /\\(?![!()+@[\]{}])/g;
    function unixify(filepath) {
      return filepath.replace(/\\/g, "/");
    }
    exports.unixify = unixify;
    function makeAbsolute(cwd, filepath) {
      return path6.resolve(cwd, filepath);
    }
    exports.makeAbsolute = makeAbsolute;
    function removeLeadingDotSegment(entry) {
      if (entry.charAt(0) === ".") {
        const secondCharactery = entry.charAt(1);
        if (secondCharactery === "/" || secondCharactery === "\\") {
          return entry.slice(LEADING_DOT_SEGMENT_CHARACTERS_COUNT);
        }
      }
      return entry;
    }
    exports.removeLeadingDotSegment = removeLeadingDotSegment;
    exports.escape = IS_WINDOWS_PLATFORM ? escapeWindowsPath : escapePosixPath;
    function escapeWindowsPath(pattern) {
      return pattern.replace(WINDOWS_UNESCAPED_GLOB_SYMBOLS_RE, "\\$2");
    }
    exports.escapeWindowsPath = escapeWindowsPath;
    function escapePosixPath(pattern) {
      return pattern.replace(POSIX_UNESCAPED_GLOB_SYMBOLS_RE, "\\$2");
    }
    exports.escapePosixPath = escapePosixPath;
    exports.convertPathToPattern = IS_WINDOWS_PLATFORM ? convertWindowsPathToPattern : convertPosixPathToPattern;
    function convertWindowsPathToPattern(filepath) {
      return escapeWindowsPath(filepath).replace(DOS_DEVICE_PATH_RE, "//$1").replace(WINDOWS_BACKSLASHES_RE, "/");
    }
    exports.convertWindowsPathToPattern = convertWindowsPathToPattern;
    function convertPosixPathToPattern(filepath) {
      return escapePosixPath(filepath);
    }
    exports.convertPosixPathToPattern = convertPosixPathToPattern;
  }
});

// node_modules/is-extglob/index.js
var require_is_extglob = __commonJS({
  "node_modules/is-extglob/index.js"(exports, module) {
    module.exports = function isExtglob(str2) {
      if (typeof str2 !== "string" || str2 === "") {
        return false;
      }
      var match;
      while (match = /(\\).|([@?!+*]\(.*\))/g.exec(str2)) {
        if (match[2]) return true;
        str2 = str2.slice(match.index + match[0].length);
      }
      return false;
    };
  }
});

// node_modules/is-glob/index.js
var require_is_glob = __commonJS({
  "node_modules/is-glob/index.js"(exports, module) {
    var isExtglob = require_is_extglob();
    var chars = { "{": "}", "(": ")", "[": "]" };
    var strictCheck = function(str2) {
      if (str2[0] === "!") {
        return true;
      }
      var index = 0;
      var pipeIndex = -2;
      var closeSquareIndex = -2;
      var closeCurlyIndex = -2;
      var closeParenIndex = -2;
      var backSlashIndex = -2;
      while (index < str2.length) {
        if (str2[index] === "*") {
          return true;
        }
        if (str2[index + 1] === "?" && /[\].+)]/.test(str2[index])) {
          return true;
        }
        if (closeSquareIndex !== -1 && str2[index] === "[" && str2[index + 1] !== "]") {
          if (closeSquareIndex < index) {
            closeSquareIndex = str2.indexOf("]", index);
          }
          if (closeSquareIndex > index) {
            if (backSlashIndex === -1 || backSlashIndex > closeSquareIndex) {
              return true;
            }
            backSlashIndex = str2.indexOf("\\", index);
            if (backSlashIndex === -1 || backSlashIndex > closeSquareIndex) {
              return true;
            }
          }
        }
        if (closeCurlyIndex !== -1 && str2[index] === "{" && str2[index + 1] !== "}") {
          closeCurlyIndex = str2.indexOf("}", index);
          if (closeCurlyIndex > index) {
            backSlashIndex = str2.indexOf("\\", index);
            if (backSlashIndex === -1 || backSlashIndex > closeCurlyIndex) {
              return true;
            }
          }
        }
        if (closeParenIndex !== -1 && str2[index] === "(" && str2[index + 1] === "?" && /[:!=]/.test(str2[index + 2]) && str2[index + 3] !== ")") {
          closeParenIndex = str2.indexOf(")", index);
          if (closeParenIndex > index) {
            backSlashIndex = str2.indexOf("\\", index);
            if (backSlashIndex === -1 || backSlashIndex > closeParenIndex) {
              return true;
            }
          }
        }
        if (pipeIndex !== -1 && str2[index] === "(" && str2[index + 1] !== "|") {
          if (pipeIndex < index) {
            pipeIndex = str2.indexOf("|", index);
          }
          if (pipeIndex !== -1 && str2[pipeIndex + 1] !== ")") {
            closeParenIndex = str2.indexOf(")", pipeIndex);
            if (closeParenIndex > pipeIndex) {
              backSlashIndex = str2.indexOf("\\", pipeIndex);
              if (backSlashIndex === -1 || backSlashIndex > closeParenIndex) {
                return true;
              }
            }
          }
        }
        if (str2[index] === "\\") {
          var open3 = str2[index + 1];
          index += 2;
          var close = chars[open3];
          if (close) {
            var n = str2.indexOf(close, index);
            if (n !== -1) {
              index = n + 1;
            }
          }
          if (str2[index] === "!") {
            return true;
          }
        } else {
          index++;
        }
      }
      return false;
    };
    var relaxedCheck = function(str2) {
      if (str2[0] === "!") {
        return true;
      }
      var index = 0;
      while (index < str2.length) {
        if (/[*?{}()[\]]/.test(str2[index])) {
          return true;
        }
        if (str2[index] === "\\") {
          var open3 = str2[index + 1];
          index += 2;
          var close = chars[open3];
          if (close) {
            var n = str2.indexOf(close, index);
            if (n !== -1) {
              index = n + 1;
            }
          }
          if (str2[index] === "!") {
            return true;
          }
        } else {
          index++;
        }
      }
      return false;
    };
    module.exports = function isGlob(str2, options) {
      if (typeof str2 !== "string" || str2 === "") {
        return false;
      }
      if (isExtglob(str2)) {
        return true;
      }
      var check = strictCheck;
      if (options && options.strict === false) {
        check = relaxedCheck;
      }
      return check(str2);
    };
  }
});

// node_modules/fast-glob/node_modules/glob-parent/index.js
var require_glob_parent = __commonJS({
  "node_modules/fast-glob/node_modules/glob-parent/index.js"(exports, module) {
    "use strict";
    var isGlob = require_is_glob();
    var pathPosixDirname = __require("path").posix.dirname;
    var isWin32 = __require("os").platform() === "win32";
    var slash = "/";
    var backslash = /\\/g;
    var enclosure = /[\{\[].*[\}\]]$/;
    var globby = /(^|[^\\])([\{\[]|\([^\)]+$)/;
    var escaped = /\\([\!\*\?\|\[\]\(\)\{\}])/g;
    module.exports = function globParent(str2, opts) {
      var options = Object.assign({ flipBackslashes: true }, opts);
      if (options.flipBackslashes && isWin32 && str2.indexOf(slash) < 0) {
        str2 = str2.replace(backslash, slash);
      }
      if (enclosure.test(str2)) {
        str2 += slash;
      }
      str2 += "a";
      do {
        str2 = pathPosixDirname(str2);
      } while (isGlob(str2) || globby.test(str2));
      return str2.replace(escaped, "$1");
    };
  }
});

// node_modules/braces/lib/utils.js
var require_utils = __commonJS({
  "node_modules/braces/lib/utils.js"(exports) {
    "use strict";
    exports.isInteger = (num) => {
      if (typeof num === "number") {
        return Number.isInteger(num);
      }
      if (typeof num === "string" && num.trim() !== "") {
        return Number.isInteger(Number(num));
      }
      return false;
    };
    exports.find = (node, type) => node.nodes.find((node2) => node2.type === type);
    exports.exceedsLimit = (min, max, step = 1, limit) => {
      if (limit === false) return false;
      if (!exports.isInteger(min) || !exports.isInteger(max)) return false;
      return (Number(max) - Number(min)) / Number(step) >= limit;
    };
    exports.escapeNode = (block, n = 0, type) => {
      const node = block.nodes[n];
      if (!node) return;
      if (type && node.type === type || node.type === "open" || node.type === "close") {
        if (node.escaped !== true) {
          node.value = "\\" + node.value;
          node.escaped = true;
        }
      }
    };
    exports.encloseBrace = (node) => {
      if (node.type !== "brace") return false;
      if (node.commas >> 0 + node.ranges >> 0 === 0) {
        node.invalid = true;
        return true;
      }
      return false;
    };
    exports.isInvalidBrace = (block) => {
      if (block.type !== "brace") return false;
      if (block.invalid === true || block.dollar) return true;
      if (block.commas >> 0 + block.ranges >> 0 === 0) {
        block.invalid = true;
        return true;
      }
      if (block.open !== true || block.close !== true) {
        block.invalid = true;
        return true;
      }
      return false;
    };
    exports.isOpenOrClose = (node) => {
      if (node.type === "open" || node.type === "close") {
        return true;
      }
      return node.open === true || node.close === true;
    };
    exports.reduce = (nodes) => nodes.reduce((acc, node) => {
      if (node.type === "text") acc.push(node.value);
      if (node.type === "range") node.type = "text";
      return acc;
    }, []);
    exports.flatten = (...args) => {
      const result = [];
      const flat = (arr) => {
        for (let i = 0; i < arr.length; i++) {
          const ele = arr[i];
          if (Array.isArray(ele)) {
            flat(ele);
            continue;
          }
          if (ele !== void 0) {
            result.push(ele);
          }
        }
        return result;
      };
      flat(args);
      return result;
    };
  }
});

// node_modules/braces/lib/stringify.js
var require_stringify = __commonJS({
  "node_modules/braces/lib/stringify.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    module.exports = (ast, options = {}) => {
      const stringify = (node, parent = {}) => {
        const invalidBlock = options.escapeInvalid && utils.isInvalidBrace(parent);
        const invalidNode = node.invalid === true && options.escapeInvalid === true;
        let output = "";
        if (node.value) {
          if ((invalidBlock || invalidNode) && utils.isOpenOrClose(node)) {
            return "\\" + node.value;
          }
          return node.value;
        }
        if (node.value) {
          return node.value;
        }
        if (node.nodes) {
          for (const child of node.nodes) {
            output += stringify(child);
          }
        }
        return output;
      };
      return stringify(ast);
    };
  }
});

// node_modules/is-number/index.js
var require_is_number = __commonJS({
  "node_modules/is-number/index.js"(exports, module) {
    "use strict";
    module.exports = function(num) {
      if (typeof num === "number") {
        return num - num === 0;
      }
      if (typeof num === "string" && num.trim() !== "") {
        return Number.isFinite ? Number.isFinite(+num) : isFinite(+num);
      }
      return false;
    };
  }
});

// node_modules/to-regex-range/index.js
var require_to_regex_range = __commonJS({
  "node_modules/to-regex-range/index.js"(exports, module) {
    "use strict";
    var isNumber = require_is_number();
    var toRegexRange = (min, max, options) => {
      if (isNumber(min) === false) {
        throw new TypeError("toRegexRange: expected the first argument to be a number");
      }
      if (max === void 0 || min === max) {
        return String(min);
      }
      if (isNumber(max) === false) {
        throw new TypeError("toRegexRange: expected the second argument to be a number.");
      }
      let opts = { relaxZeros: true, ...options };
      if (typeof opts.strictZeros === "boolean") {
        opts.relaxZeros = opts.strictZeros === false;
      }
      let relax = String(opts.relaxZeros);
      let shorthand = String(opts.shorthand);
      let capture = String(opts.capture);
      let wrap = String(opts.wrap);
      let cacheKey = min + ":" + max + "=" + relax + shorthand + capture + wrap;
      if (toRegexRange.cache.hasOwnProperty(cacheKey)) {
        return toRegexRange.cache[cacheKey].result;
      }
      let a = Math.min(min, max);
      let b = Math.max(min, max);
      if (Math.abs(a - b) === 1) {
        let result = min + "|" + max;
        if (opts.capture) {
          return `(${result})`;
        }
        if (opts.wrap === false) {
          return result;
        }
        return `(?:${result})`;
      }
      let isPadded = hasPadding(min) || hasPadding(max);
      let state = { min, max, a, b };
      let positives = [];
      let negatives = [];
      if (isPadded) {
        state.isPadded = isPadded;
        state.maxLen = String(state.max).length;
      }
      if (a < 0) {
        let newMin = b < 0 ? Math.abs(b) : 1;
        negatives = splitToPatterns(newMin, Math.abs(a), state, opts);
        a = state.a = 0;
      }
      if (b >= 0) {
        positives = splitToPatterns(a, b, state, opts);
      }
      state.negatives = negatives;
      state.positives = positives;
      state.result = collatePatterns(negatives, positives, opts);
      if (opts.capture === true) {
        state.result = `(${state.result})`;
      } else if (opts.wrap !== false && positives.length + negatives.length > 1) {
        state.result = `(?:${state.result})`;
      }
      toRegexRange.cache[cacheKey] = state;
      return state.result;
    };
    function collatePatterns(neg, pos, options) {
      let onlyNegative = filterPatterns(neg, pos, "-", false, options) || [];
      let onlyPositive = filterPatterns(pos, neg, "", false, options) || [];
      let intersected = filterPatterns(neg, pos, "-?", true, options) || [];
      let subpatterns = onlyNegative.concat(intersected).concat(onlyPositive);
      return subpatterns.join("|");
    }
    function splitToRanges(min, max) {
      let nines = 1;
      let zeros = 1;
      let stop = countNines(min, nines);
      let stops = /* @__PURE__ */ new Set([max]);
      while (min <= stop && stop <= max) {
        stops.add(stop);
        nines += 1;
        stop = countNines(min, nines);
      }
      stop = countZeros(max + 1, zeros) - 1;
      while (min < stop && stop <= max) {
        stops.add(stop);
        zeros += 1;
        stop = countZeros(max + 1, zeros) - 1;
      }
      stops = [...stops];
      stops.sort(compare);
      return stops;
    }
    function rangeToPattern(start, stop, options) {
      if (start === stop) {
        return { pattern: start, count: [], digits: 0 };
      }
      let zipped = zip(start, stop);
      let digits = zipped.length;
      let pattern = "";
      let count = 0;
      for (let i = 0; i < digits; i++) {
        let [startDigit, stopDigit] = zipped[i];
        if (startDigit === stopDigit) {
          pattern += startDigit;
        } else if (startDigit !== "0" || stopDigit !== "9") {
          pattern += toCharacterClass(startDigit, stopDigit, options);
        } else {
          count++;
        }
      }
      if (count) {
        pattern += options.shorthand === true ? "\\d" : "[0-9]";
      }
      return { pattern, count: [count], digits };
    }
    function splitToPatterns(min, max, tok, options) {
      let ranges = splitToRanges(min, max);
      let tokens = [];
      let start = min;
      let prev;
      for (let i = 0; i < ranges.length; i++) {
        let max2 = ranges[i];
        let obj = rangeToPattern(String(start), String(max2), options);
        let zeros = "";
        if (!tok.isPadded && prev && prev.pattern === obj.pattern) {
          if (prev.count.length > 1) {
            prev.count.pop();
          }
          prev.count.push(obj.count[0]);
          prev.string = prev.pattern + toQuantifier(prev.count);
          start = max2 + 1;
          continue;
        }
        if (tok.isPadded) {
          zeros = padZeros(max2, tok, options);
        }
        obj.string = zeros + obj.pattern + toQuantifier(obj.count);
        tokens.push(obj);
        start = max2 + 1;
        prev = obj;
      }
      return tokens;
    }
    function filterPatterns(arr, comparison, prefix, intersection, options) {
      let result = [];
      for (let ele of arr) {
        let { string } = ele;
        if (!intersection && !contains(comparison, "string", string)) {
          result.push(prefix + string);
        }
        if (intersection && contains(comparison, "string", string)) {
          result.push(prefix + string);
        }
      }
      return result;
    }
    function zip(a, b) {
      let arr = [];
      for (let i = 0; i < a.length; i++) arr.push([a[i], b[i]]);
      return arr;
    }
    function compare(a, b) {
      return a > b ? 1 : b > a ? -1 : 0;
    }
    function contains(arr, key, val) {
      return arr.some((ele) => ele[key] === val);
    }
    function countNines(min, len) {
      return Number(String(min).slice(0, -len) + "9".repeat(len));
    }
    function countZeros(integer, zeros) {
      return integer - integer % Math.pow(10, zeros);
    }
    function toQuantifier(digits) {
      let [start = 0, stop = ""] = digits;
      if (stop || start > 1) {
        return `{${start + (stop ? "," + stop : "")}}`;
      }
      return "";
    }
    function toCharacterClass(a, b, options) {
      return `[${a}${b - a === 1 ? "" : "-"}${b}]`;
    }
    function hasPadding(str2) {
      return /^-?(0+)\d/.test(str2);
    }
    function padZeros(value, tok, options) {
      if (!tok.isPadded) {
        return value;
      }
      let diff = Math.abs(tok.maxLen - String(value).length);
      let relax = options.relaxZeros !== false;
      switch (diff) {
        case 0:
          return "";
        case 1:
          return relax ? "0?" : "0";
        case 2:
          return relax ? "0{0,2}" : "00";
        default: {
          return relax ? `0{0,${diff}}` : `0{${diff}}`;
        }
      }
    }
    toRegexRange.cache = {};
    toRegexRange.clearCache = () => toRegexRange.cache = {};
    module.exports = toRegexRange;
  }
});

// node_modules/fill-range/index.js
var require_fill_range = __commonJS({
  "node_modules/fill-range/index.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var toRegexRange = require_to_regex_range();
    var isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    var transform = (toNumber) => {
      return (value) => toNumber === true ? Number(value) : String(value);
    };
    var isValidValue = (value) => {
      return typeof value === "number" || typeof value === "string" && value !== "";
    };
    var isNumber = (num) => Number.isInteger(+num);
    var zeros = (input) => {
      let value = `${input}`;
      let index = -1;
      if (value[0] === "-") value = value.slice(1);
      if (value === "0") return false;
      while (value[++index] === "0") ;
      return index > 0;
    };
    var stringify = (start, end, options) => {
      if (typeof start === "string" || typeof end === "string") {
        return true;
      }
      return options.stringify === true;
    };
    var pad = (input, maxLength, toNumber) => {
      if (maxLength > 0) {
        let dash = input[0] === "-" ? "-" : "";
        if (dash) input = input.slice(1);
        input = dash + input.padStart(dash ? maxLength - 1 : maxLength, "0");
      }
      if (toNumber === false) {
        return String(input);
      }
      return input;
    };
    var toMaxLen = (input, maxLength) => {
      let negative = input[0] === "-" ? "-" : "";
      if (negative) {
        input = input.slice(1);
        maxLength--;
      }
      while (input.length < maxLength) input = "0" + input;
      return negative ? "-" + input : input;
    };
    var toSequence = (parts, options, maxLen) => {
      parts.negatives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      parts.positives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      let prefix = options.capture ? "" : "?:";
      let positives = "";
      let negatives = "";
      let result;
      if (parts.positives.length) {
        positives = parts.positives.map((v) => toMaxLen(String(v), maxLen)).join("|");
      }
      if (parts.negatives.length) {
        negatives = `-(${prefix}${parts.negatives.map((v) => toMaxLen(String(v), maxLen)).join("|")})`;
      }
      if (positives && negatives) {
        result = `${positives}|${negatives}`;
      } else {
        result = positives || negatives;
      }
      if (options.wrap) {
        return `(${prefix}${result})`;
      }
      return result;
    };
    var toRange = (a, b, isNumbers, options) => {
      if (isNumbers) {
        return toRegexRange(a, b, { wrap: false, ...options });
      }
      let start = String.fromCharCode(a);
      if (a === b) return start;
      let stop = String.fromCharCode(b);
      return `[${start}-${stop}]`;
    };
    var toRegex = (start, end, options) => {
      if (Array.isArray(start)) {
        let wrap = options.wrap === true;
        let prefix = options.capture ? "" : "?:";
        return wrap ? `(${prefix}${start.join("|")})` : start.join("|");
      }
      return toRegexRange(start, end, options);
    };
    var rangeError = (...args) => {
      return new RangeError("Invalid range arguments: " + util.inspect(...args));
    };
    var invalidRange = (start, end, options) => {
      if (options.strictRanges === true) throw rangeError([start, end]);
      return [];
    };
    var invalidStep = (step, options) => {
      if (options.strictRanges === true) {
        throw new TypeError(`Expected step "${step}" to be a number`);
      }
      return [];
    };
    var fillNumbers = (start, end, step = 1, options = {}) => {
      let a = Number(start);
      let b = Number(end);
      if (!Number.isInteger(a) || !Number.isInteger(b)) {
        if (options.strictRanges === true) throw rangeError([start, end]);
        return [];
      }
      if (a === 0) a = 0;
      if (b === 0) b = 0;
      let descending = a > b;
      let startString = String(start);
      let endString = String(end);
      let stepString = String(step);
      step = Math.max(Math.abs(step), 1);
      let padded = zeros(startString) || zeros(endString) || zeros(stepString);
      let maxLen = padded ? Math.max(startString.length, endString.length, stepString.length) : 0;
      let toNumber = padded === false && stringify(start, end, options) === false;
      let format = options.transform || transform(toNumber);
      if (options.toRegex && step === 1) {
        return toRange(toMaxLen(start, maxLen), toMaxLen(end, maxLen), true, options);
      }
      let parts = { negatives: [], positives: [] };
      let push = (num) => parts[num < 0 ? "negatives" : "positives"].push(Math.abs(num));
      let range = [];
      let index = 0;
      while (descending ? a >= b : a <= b) {
        if (options.toRegex === true && step > 1) {
          push(a);
        } else {
          range.push(pad(format(a, index), maxLen, toNumber));
        }
        a = descending ? a - step : a + step;
        index++;
      }
      if (options.toRegex === true) {
        return step > 1 ? toSequence(parts, options, maxLen) : toRegex(range, null, { wrap: false, ...options });
      }
      return range;
    };
    var fillLetters = (start, end, step = 1, options = {}) => {
      if (!isNumber(start) && start.length > 1 || !isNumber(end) && end.length > 1) {
        return invalidRange(start, end, options);
      }
      let format = options.transform || ((val) => String.fromCharCode(val));
      let a = `${start}`.charCodeAt(0);
      let b = `${end}`.charCodeAt(0);
      let descending = a > b;
      let min = Math.min(a, b);
      let max = Math.max(a, b);
      if (options.toRegex && step === 1) {
        return toRange(min, max, false, options);
      }
      let range = [];
      let index = 0;
      while (descending ? a >= b : a <= b) {
        range.push(format(a, index));
        a = descending ? a - step : a + step;
        index++;
      }
      if (options.toRegex === true) {
        return toRegex(range, null, { wrap: false, options });
      }
      return range;
    };
    var fill = (start, end, step, options = {}) => {
      if (end == null && isValidValue(start)) {
        return [start];
      }
      if (!isValidValue(start) || !isValidValue(end)) {
        return invalidRange(start, end, options);
      }
      if (typeof step === "function") {
        return fill(start, end, 1, { transform: step });
      }
      if (isObject(step)) {
        return fill(start, end, 0, step);
      }
      let opts = { ...options };
      if (opts.capture === true) opts.wrap = true;
      step = step || opts.step || 1;
      if (!isNumber(step)) {
        if (step != null && !isObject(step)) return invalidStep(step, opts);
        return fill(start, end, 1, step);
      }
      if (isNumber(start) && isNumber(end)) {
        return fillNumbers(start, end, step, opts);
      }
      return fillLetters(start, end, Math.max(Math.abs(step), 1), opts);
    };
    module.exports = fill;
  }
});

// node_modules/braces/lib/compile.js
var require_compile = __commonJS({
  "node_modules/braces/lib/compile.js"(exports, module) {
    "use strict";
    var fill = require_fill_range();
    var utils = require_utils();
    var compile = (ast, options = {}) => {
      const walk2 = (node, parent = {}) => {
        const invalidBlock = utils.isInvalidBrace(parent);
        const invalidNode = node.invalid === true && options.escapeInvalid === true;
        const invalid = invalidBlock === true || invalidNode === true;
        const prefix = options.escapeInvalid === true ? "\\" : "";
        let output = "";
        if (node.isOpen === true) {
          return prefix + node.value;
        }
        if (node.isClose === true) {
          console.log("node.isClose", prefix, node.value);
          return prefix + node.value;
        }
        if (node.type === "open") {
          return invalid ? prefix + node.value : "(";
        }
        if (node.type === "close") {
          return invalid ? prefix + node.value : ")";
        }
        if (node.type === "comma") {
          return node.prev.type === "comma" ? "" : invalid ? node.value : "|";
        }
        if (node.value) {
          return node.value;
        }
        if (node.nodes && node.ranges > 0) {
          const args = utils.reduce(node.nodes);
          const range = fill(...args, { ...options, wrap: false, toRegex: true, strictZeros: true });
          if (range.length !== 0) {
            return args.length > 1 && range.length > 1 ? `(${range})` : range;
          }
        }
        if (node.nodes) {
          for (const child of node.nodes) {
            output += walk2(child, node);
          }
        }
        return output;
      };
      return walk2(ast);
    };
    module.exports = compile;
  }
});

// node_modules/braces/lib/expand.js
var require_expand = __commonJS({
  "node_modules/braces/lib/expand.js"(exports, module) {
    "use strict";
    var fill = require_fill_range();
    var stringify = require_stringify();
    var utils = require_utils();
    var append = (queue = "", stash = "", enclose = false) => {
      const result = [];
      queue = [].concat(queue);
      stash = [].concat(stash);
      if (!stash.length) return queue;
      if (!queue.length) {
        return enclose ? utils.flatten(stash).map((ele) => `{${ele}}`) : stash;
      }
      for (const item of queue) {
        if (Array.isArray(item)) {
          for (const value of item) {
            result.push(append(value, stash, enclose));
          }
        } else {
          for (let ele of stash) {
            if (enclose === true && typeof ele === "string") ele = `{${ele}}`;
            result.push(Array.isArray(ele) ? append(item, ele, enclose) : item + ele);
          }
        }
      }
      return utils.flatten(result);
    };
    var expand = (ast, options = {}) => {
      const rangeLimit = options.rangeLimit === void 0 ? 1e3 : options.rangeLimit;
      const walk2 = (node, parent = {}) => {
        node.queue = [];
        let p = parent;
        let q = parent.queue;
        while (p.type !== "brace" && p.type !== "root" && p.parent) {
          p = p.parent;
          q = p.queue;
        }
        if (node.invalid || node.dollar) {
          q.push(append(q.pop(), stringify(node, options)));
          return;
        }
        if (node.type === "brace" && node.invalid !== true && node.nodes.length === 2) {
          q.push(append(q.pop(), ["{}"]));
          return;
        }
        if (node.nodes && node.ranges > 0) {
          const args = utils.reduce(node.nodes);
          if (utils.exceedsLimit(...args, options.step, rangeLimit)) {
            throw new RangeError("expanded array length exceeds range limit. Use options.rangeLimit to increase or disable the limit.");
          }
          let range = fill(...args, options);
          if (range.length === 0) {
            range = stringify(node, options);
          }
          q.push(append(q.pop(), range));
          node.nodes = [];
          return;
        }
        const enclose = utils.encloseBrace(node);
        let queue = node.queue;
        let block = node;
        while (block.type !== "brace" && block.type !== "root" && block.parent) {
          block = block.parent;
          queue = block.queue;
        }
        for (let i = 0; i < node.nodes.length; i++) {
          const child = node.nodes[i];
          if (child.type === "comma" && node.type === "brace") {
            if (i === 1) queue.push("");
            queue.push("");
            continue;
          }
          if (child.type === "close") {
            q.push(append(q.pop(), queue, enclose));
            continue;
          }
          if (child.value && child.type !== "open") {
            queue.push(append(queue.pop(), child.value));
            continue;
          }
          if (child.nodes) {
            walk2(child, node);
          }
        }
        return queue;
      };
      return utils.flatten(walk2(ast));
    };
    module.exports = expand;
  }
});

// node_modules/braces/lib/constants.js
var require_constants = __commonJS({
  "node_modules/braces/lib/constants.js"(exports, module) {
    "use strict";
    module.exports = {
      MAX_LENGTH: 1e4,
      // Digits
      CHAR_0: "0",
      /* 0 */
      CHAR_9: "9",
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: "A",
      /* A */
      CHAR_LOWERCASE_A: "a",
      /* a */
      CHAR_UPPERCASE_Z: "Z",
      /* Z */
      CHAR_LOWERCASE_Z: "z",
      /* z */
      CHAR_LEFT_PARENTHESES: "(",
      /* ( */
      CHAR_RIGHT_PARENTHESES: ")",
      /* ) */
      CHAR_ASTERISK: "*",
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: "&",
      /* & */
      CHAR_AT: "@",
      /* @ */
      CHAR_BACKSLASH: "\\",
      /* \ */
      CHAR_BACKTICK: "`",
      /* ` */
      CHAR_CARRIAGE_RETURN: "\r",
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: "^",
      /* ^ */
      CHAR_COLON: ":",
      /* : */
      CHAR_COMMA: ",",
      /* , */
      CHAR_DOLLAR: "$",
      /* . */
      CHAR_DOT: ".",
      /* . */
      CHAR_DOUBLE_QUOTE: '"',
      /* " */
      CHAR_EQUAL: "=",
      /* = */
      CHAR_EXCLAMATION_MARK: "!",
      /* ! */
      CHAR_FORM_FEED: "\f",
      /* \f */
      CHAR_FORWARD_SLASH: "/",
      /* / */
      CHAR_HASH: "#",
      /* # */
      CHAR_HYPHEN_MINUS: "-",
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: "<",
      /* < */
      CHAR_LEFT_CURLY_BRACE: "{",
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: "[",
      /* [ */
      CHAR_LINE_FEED: "\n",
      /* \n */
      CHAR_NO_BREAK_SPACE: " ",
      /* \u00A0 */
      CHAR_PERCENT: "%",
      /* % */
      CHAR_PLUS: "+",
      /* + */
      CHAR_QUESTION_MARK: "?",
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: ">",
      /* > */
      CHAR_RIGHT_CURLY_BRACE: "}",
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: "]",
      /* ] */
      CHAR_SEMICOLON: ";",
      /* ; */
      CHAR_SINGLE_QUOTE: "'",
      /* ' */
      CHAR_SPACE: " ",
      /*   */
      CHAR_TAB: "	",
      /* \t */
      CHAR_UNDERSCORE: "_",
      /* _ */
      CHAR_VERTICAL_LINE: "|",
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: "\uFEFF"
      /* \uFEFF */
    };
  }
});

// node_modules/braces/lib/parse.js
var require_parse = __commonJS({
  "node_modules/braces/lib/parse.js"(exports, module) {
    "use strict";
    var stringify = require_stringify();
    var {
      MAX_LENGTH,
      CHAR_BACKSLASH,
      /* \ */
      CHAR_BACKTICK,
      /* ` */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_RIGHT_SQUARE_BRACKET,
      /* ] */
      CHAR_DOUBLE_QUOTE,
      /* " */
      CHAR_SINGLE_QUOTE,
      /* ' */
      CHAR_NO_BREAK_SPACE,
      CHAR_ZERO_WIDTH_NOBREAK_SPACE
    } = require_constants();
    var parse = (input, options = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      const opts = options || {};
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      if (input.length > max) {
        throw new SyntaxError(`Input length (${input.length}), exceeds max characters (${max})`);
      }
      const ast = { type: "root", input, nodes: [] };
      const stack = [ast];
      let block = ast;
      let prev = ast;
      let brackets = 0;
      const length = input.length;
      let index = 0;
      let depth = 0;
      let value;
      const advance = () => input[index++];
      const push = (node) => {
        if (node.type === "text" && prev.type === "dot") {
          prev.type = "text";
        }
        if (prev && prev.type === "text" && node.type === "text") {
          prev.value += node.value;
          return;
        }
        block.nodes.push(node);
        node.parent = block;
        node.prev = prev;
        prev = node;
        return node;
      };
      push({ type: "bos" });
      while (index < length) {
        block = stack[stack.length - 1];
        value = advance();
        if (value === CHAR_ZERO_WIDTH_NOBREAK_SPACE || value === CHAR_NO_BREAK_SPACE) {
          continue;
        }
        if (value === CHAR_BACKSLASH) {
          push({ type: "text", value: (options.keepEscaping ? value : "") + advance() });
          continue;
        }
        if (value === CHAR_RIGHT_SQUARE_BRACKET) {
          push({ type: "text", value: "\\" + value });
          continue;
        }
        if (value === CHAR_LEFT_SQUARE_BRACKET) {
          brackets++;
          let next;
          while (index < length && (next = advance())) {
            value += next;
            if (next === CHAR_LEFT_SQUARE_BRACKET) {
              brackets++;
              continue;
            }
            if (next === CHAR_BACKSLASH) {
              value += advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              brackets--;
              if (brackets === 0) {
                break;
              }
            }
          }
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_LEFT_PARENTHESES) {
          block = push({ type: "paren", nodes: [] });
          stack.push(block);
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_RIGHT_PARENTHESES) {
          if (block.type !== "paren") {
            push({ type: "text", value });
            continue;
          }
          block = stack.pop();
          push({ type: "text", value });
          block = stack[stack.length - 1];
          continue;
        }
        if (value === CHAR_DOUBLE_QUOTE || value === CHAR_SINGLE_QUOTE || value === CHAR_BACKTICK) {
          const open3 = value;
          let next;
          if (options.keepQuotes !== true) {
            value = "";
          }
          while (index < length && (next = advance())) {
            if (next === CHAR_BACKSLASH) {
              value += next + advance();
              continue;
            }
            if (next === open3) {
              if (options.keepQuotes === true) value += next;
              break;
            }
            value += next;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_LEFT_CURLY_BRACE) {
          depth++;
          const dollar = prev.value && prev.value.slice(-1) === "$" || block.dollar === true;
          const brace = {
            type: "brace",
            open: true,
            close: false,
            dollar,
            depth,
            commas: 0,
            ranges: 0,
            nodes: []
          };
          block = push(brace);
          stack.push(block);
          push({ type: "open", value });
          continue;
        }
        if (value === CHAR_RIGHT_CURLY_BRACE) {
          if (block.type !== "brace") {
            push({ type: "text", value });
            continue;
          }
          const type = "close";
          block = stack.pop();
          block.close = true;
          push({ type, value });
          depth--;
          block = stack[stack.length - 1];
          continue;
        }
        if (value === CHAR_COMMA && depth > 0) {
          if (block.ranges > 0) {
            block.ranges = 0;
            const open3 = block.nodes.shift();
            block.nodes = [open3, { type: "text", value: stringify(block) }];
          }
          push({ type: "comma", value });
          block.commas++;
          continue;
        }
        if (value === CHAR_DOT && depth > 0 && block.commas === 0) {
          const siblings = block.nodes;
          if (depth === 0 || siblings.length === 0) {
            push({ type: "text", value });
            continue;
          }
          if (prev.type === "dot") {
            block.range = [];
            prev.value += value;
            prev.type = "range";
            if (block.nodes.length !== 3 && block.nodes.length !== 5) {
              block.invalid = true;
              block.ranges = 0;
              prev.type = "text";
              continue;
            }
            block.ranges++;
            block.args = [];
            continue;
          }
          if (prev.type === "range") {
            siblings.pop();
            const before = siblings[siblings.length - 1];
            before.value += prev.value + value;
            prev = before;
            block.ranges--;
            continue;
          }
          push({ type: "dot", value });
          continue;
        }
        push({ type: "text", value });
      }
      do {
        block = stack.pop();
        if (block.type !== "root") {
          block.nodes.forEach((node) => {
            if (!node.nodes) {
              if (node.type === "open") node.isOpen = true;
              if (node.type === "close") node.isClose = true;
              if (!node.nodes) node.type = "text";
              node.invalid = true;
            }
          });
          const parent = stack[stack.length - 1];
          const index2 = parent.nodes.indexOf(block);
          parent.nodes.splice(index2, 1, ...block.nodes);
        }
      } while (stack.length > 0);
      push({ type: "eos" });
      return ast;
    };
    module.exports = parse;
  }
});

// node_modules/braces/index.js
var require_braces = __commonJS({
  "node_modules/braces/index.js"(exports, module) {
    "use strict";
    var stringify = require_stringify();
    var compile = require_compile();
    var expand = require_expand();
    var parse = require_parse();
    var braces = (input, options = {}) => {
      let output = [];
      if (Array.isArray(input)) {
        for (const pattern of input) {
          const result = braces.create(pattern, options);
          if (Array.isArray(result)) {
            output.push(...result);
          } else {
            output.push(result);
          }
        }
      } else {
        output = [].concat(braces.create(input, options));
      }
      if (options && options.expand === true && options.nodupes === true) {
        output = [...new Set(output)];
      }
      return output;
    };
    braces.parse = (input, options = {}) => parse(input, options);
    braces.stringify = (input, options = {}) => {
      if (typeof input === "string") {
        return stringify(braces.parse(input, options), options);
      }
      return stringify(input, options);
    };
    braces.compile = (input, options = {}) => {
      if (typeof input === "string") {
        input = braces.parse(input, options);
      }
      return compile(input, options);
    };
    braces.expand = (input, options = {}) => {
      if (typeof input === "string") {
        input = braces.parse(input, options);
      }
      let result = expand(input, options);
      if (options.noempty === true) {
        result = result.filter(Boolean);
      }
      if (options.nodupes === true) {
        result = [...new Set(result)];
      }
      return result;
    };
    braces.create = (input, options = {}) => {
      if (input === "" || input.length < 3) {
        return [input];
      }
      return options.expand !== true ? braces.compile(input, options) : braces.expand(input, options);
    };
    module.exports = braces;
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/constants.js
var require_constants2 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var path6 = __require("path");
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      SEP: path6.sep,
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/utils.js
var require_utils2 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var path6 = __require("path");
    var win32 = process.platform === "win32";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants2();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str2) => REGEX_SPECIAL_CHARS.test(str2);
    exports.isRegexChar = (str2) => str2.length === 1 && exports.hasRegexChars(str2);
    exports.escapeRegex = (str2) => str2.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str2) => str2.replace(REGEX_BACKSLASH, "/");
    exports.removeBackslashes = (str2) => {
      return str2.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.supportsLookbehinds = () => {
      const segs = process.version.slice(1).split(".").map(Number);
      if (segs.length === 3 && segs[0] >= 9 || segs[0] === 8 && segs[1] >= 10) {
        return true;
      }
      return false;
    };
    exports.isWindows = (options) => {
      if (options && typeof options.windows === "boolean") {
        return options.windows;
      }
      return win32 === true || path6.sep === "\\";
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils2();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants2();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str2 = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str2.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str2.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  code2 = advance();
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES) {
                  isGlob = token.isGlob = true;
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_LEFT_PARENTHESES) {
                backslashes = token.backslashes = true;
                code2 = advance();
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str2;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str2.slice(0, start);
        str2 = str2.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str2.slice(0, lastIndex);
        glob = str2.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str2;
      } else {
        base = str2;
      }
      if (base && base !== "" && base !== "/" && base !== str2) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n = prevIndex ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value = input.slice(n, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (idx !== 0 || value !== "") {
            parts.push(value);
          }
          prevIndex = i;
        }
        if (prevIndex && prevIndex + 1 < input.length) {
          const value = input.slice(prevIndex + 1);
          parts.push(value);
          if (opts.tokens) {
            tokens[tokens.length - 1].value = value;
            depth(tokens[tokens.length - 1]);
            state.maxDepth += tokens[tokens.length - 1].depth;
          }
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/parse.js
var require_parse2 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants4 = require_constants2();
    var utils = require_utils2();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants4;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var getStarExtglobSequenceOutput = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants4.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      for (const branch of branches) {
        const safeOutput = getStarExtglobSequenceOutput(branch);
        if (safeOutput) {
          return { risky: true, safeOutput };
        }
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const win32 = utils.isWindows(options);
      const PLATFORM_CHARS = constants4.globChars(win32);
      const EXTGLOB_CHARS = constants4.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.value += tok.value;
          prev.output = (prev.output || "") + tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open3 = tokens[token.tokensIndex];
          open3.type = "text";
          open3.value = literal;
          open3.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open3.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open3 = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open3);
          push(open3);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (next === "<" && !utils.supportsLookbehinds()) {
              throw new Error("Node.js v10 or higher is required for regex lookbehinds");
            }
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && eos()) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const win32 = utils.isWindows(options);
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants4.globChars(win32);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str2) => {
        switch (str2) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str2);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var path6 = __require("path");
    var scan = require_scan();
    var parse = require_parse2();
    var utils = require_utils2();
    var constants4 = require_constants2();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch(input, options, returnState));
        const arrayMatcher = (str2) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str2);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = utils.isWindows(options);
      const regex = isState ? picomatch.compileRe(glob, options) : picomatch.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch.matchBase = (input, glob, options, posix = utils.isWindows(options)) => {
      const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
      return regex.test(path6.basename(input));
    };
    picomatch.isMatch = (str2, patterns, options) => picomatch(patterns, options)(str2);
    picomatch.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch.scan = (input, options) => scan(input, options);
    picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch.constants = constants4;
    module.exports = picomatch;
  }
});

// node_modules/micromatch/node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    module.exports = require_picomatch();
  }
});

// node_modules/micromatch/index.js
var require_micromatch = __commonJS({
  "node_modules/micromatch/index.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var braces = require_braces();
    var picomatch = require_picomatch2();
    var utils = require_utils2();
    var isEmptyString = (v) => v === "" || v === "./";
    var hasBraces = (v) => {
      const index = v.indexOf("{");
      return index > -1 && v.indexOf("}", index) > -1;
    };
    var micromatch = (list, patterns, options) => {
      patterns = [].concat(patterns);
      list = [].concat(list);
      let omit = /* @__PURE__ */ new Set();
      let keep = /* @__PURE__ */ new Set();
      let items = /* @__PURE__ */ new Set();
      let negatives = 0;
      let onResult = (state) => {
        items.add(state.output);
        if (options && options.onResult) {
          options.onResult(state);
        }
      };
      for (let i = 0; i < patterns.length; i++) {
        let isMatch = picomatch(String(patterns[i]), { ...options, onResult }, true);
        let negated = isMatch.state.negated || isMatch.state.negatedExtglob;
        if (negated) negatives++;
        for (let item of list) {
          let matched = isMatch(item, true);
          let match = negated ? !matched.isMatch : matched.isMatch;
          if (!match) continue;
          if (negated) {
            omit.add(matched.output);
          } else {
            omit.delete(matched.output);
            keep.add(matched.output);
          }
        }
      }
      let result = negatives === patterns.length ? [...items] : [...keep];
      let matches = result.filter((item) => !omit.has(item));
      if (options && matches.length === 0) {
        if (options.failglob === true) {
          throw new Error(`No matches found for "${patterns.join(", ")}"`);
        }
        if (options.nonull === true || options.nullglob === true) {
          return options.unescape ? patterns.map((p) => p.replace(/\\/g, "")) : patterns;
        }
      }
      return matches;
    };
    micromatch.match = micromatch;
    micromatch.matcher = (pattern, options) => picomatch(pattern, options);
    micromatch.isMatch = (str2, patterns, options) => picomatch(patterns, options)(str2);
    micromatch.any = micromatch.isMatch;
    micromatch.not = (list, patterns, options = {}) => {
      patterns = [].concat(patterns).map(String);
      let result = /* @__PURE__ */ new Set();
      let items = [];
      let onResult = (state) => {
        if (options.onResult) options.onResult(state);
        items.push(state.output);
      };
      let matches = new Set(micromatch(list, patterns, { ...options, onResult }));
      for (let item of items) {
        if (!matches.has(item)) {
          result.add(item);
        }
      }
      return [...result];
    };
    micromatch.contains = (str2, pattern, options) => {
      if (typeof str2 !== "string") {
        throw new TypeError(`Expected a string: "${util.inspect(str2)}"`);
      }
      if (Array.isArray(pattern)) {
        return pattern.some((p) => micromatch.contains(str2, p, options));
      }
      if (typeof pattern === "string") {
        if (isEmptyString(str2) || isEmptyString(pattern)) {
          return false;
        }
        if (str2.includes(pattern) || str2.startsWith("./") && str2.slice(2).includes(pattern)) {
          return true;
        }
      }
      return micromatch.isMatch(str2, pattern, { ...options, contains: true });
    };
    micromatch.matchKeys = (obj, patterns, options) => {
      if (!utils.isObject(obj)) {
        throw new TypeError("Expected the first argument to be an object");
      }
      let keys = micromatch(Object.keys(obj), patterns, options);
      let res = {};
      for (let key of keys) res[key] = obj[key];
      return res;
    };
    micromatch.some = (list, patterns, options) => {
      let items = [].concat(list);
      for (let pattern of [].concat(patterns)) {
        let isMatch = picomatch(String(pattern), options);
        if (items.some((item) => isMatch(item))) {
          return true;
        }
      }
      return false;
    };
    micromatch.every = (list, patterns, options) => {
      let items = [].concat(list);
      for (let pattern of [].concat(patterns)) {
        let isMatch = picomatch(String(pattern), options);
        if (!items.every((item) => isMatch(item))) {
          return false;
        }
      }
      return true;
    };
    micromatch.all = (str2, patterns, options) => {
      if (typeof str2 !== "string") {
        throw new TypeError(`Expected a string: "${util.inspect(str2)}"`);
      }
      return [].concat(patterns).every((p) => picomatch(p, options)(str2));
    };
    micromatch.capture = (glob, input, options) => {
      let posix = utils.isWindows(options);
      let regex = picomatch.makeRe(String(glob), { ...options, capture: true });
      let match = regex.exec(posix ? utils.toPosixSlashes(input) : input);
      if (match) {
        return match.slice(1).map((v) => v === void 0 ? "" : v);
      }
    };
    micromatch.makeRe = (...args) => picomatch.makeRe(...args);
    micromatch.scan = (...args) => picomatch.scan(...args);
    micromatch.parse = (patterns, options) => {
      let res = [];
      for (let pattern of [].concat(patterns || [])) {
        for (let str2 of braces(String(pattern), options)) {
          res.push(picomatch.parse(str2, options));
        }
      }
      return res;
    };
    micromatch.braces = (pattern, options) => {
      if (typeof pattern !== "string") throw new TypeError("Expected a string");
      if (options && options.nobrace === true || !hasBraces(pattern)) {
        return [pattern];
      }
      return braces(pattern, options);
    };
    micromatch.braceExpand = (pattern, options) => {
      if (typeof pattern !== "string") throw new TypeError("Expected a string");
      return micromatch.braces(pattern, { ...options, expand: true });
    };
    micromatch.hasBraces = hasBraces;
    module.exports = micromatch;
  }
});

// node_modules/fast-glob/out/utils/pattern.js
var require_pattern = __commonJS({
  "node_modules/fast-glob/out/utils/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isAbsolute = exports.partitionAbsoluteAndRelative = exports.removeDuplicateSlashes = exports.matchAny = exports.convertPatternsToRe = exports.makeRe = exports.getPatternParts = exports.expandBraceExpansion = exports.expandPatternsWithBraceExpansion = exports.isAffectDepthOfReadingPattern = exports.endsWithSlashGlobStar = exports.hasGlobStar = exports.getBaseDirectory = exports.isPatternRelatedToParentDirectory = exports.getPatternsOutsideCurrentDirectory = exports.getPatternsInsideCurrentDirectory = exports.getPositivePatterns = exports.getNegativePatterns = exports.isPositivePattern = exports.isNegativePattern = exports.convertToNegativePattern = exports.convertToPositivePattern = exports.isDynamicPattern = exports.isStaticPattern = void 0;
    var path6 = __require("path");
    var globParent = require_glob_parent();
    var micromatch = require_micromatch();
    var GLOBSTAR = "**";
    var ESCAPE_SYMBOL = "\\";
    var COMMON_GLOB_SYMBOLS_RE = /[*?]|^!/;
    var REGEX_CHARACTER_CLASS_SYMBOLS_RE = /\[[^[]*]/;
    var REGEX_GROUP_SYMBOLS_RE = /(?:^|[^!*+?@])\([^(]*\|[^|]*\)/;
    var GLOB_EXTENSION_SYMBOLS_RE = /[!*+?@]\([^(]*\)/;
    var BRACE_EXPANSION_SEPARATORS_RE = /,|\.\./;
    var DOUBLE_SLASH_RE = /(?!^)\/{2,}/g;
    function isStaticPattern(pattern, options = {}) {
      return !isDynamicPattern(pattern, options);
    }
    exports.isStaticPattern = isStaticPattern;
    function isDynamicPattern(pattern, options = {}) {
      if (pattern === "") {
        return false;
      }
      if (options.caseSensitiveMatch === false || pattern.includes(ESCAPE_SYMBOL)) {
        return true;
      }
      if (COMMON_GLOB_SYMBOLS_RE.test(pattern) || REGEX_CHARACTER_CLASS_SYMBOLS_RE.test(pattern) || REGEX_GROUP_SYMBOLS_RE.test(pattern)) {
        return true;
      }
      if (options.extglob !== false && GLOB_EXTENSION_SYMBOLS_RE.test(pattern)) {
        return true;
      }
      if (options.braceExpansion !== false && hasBraceExpansion(pattern)) {
        return true;
      }
      return false;
    }
    exports.isDynamicPattern = isDynamicPattern;
    function hasBraceExpansion(pattern) {
      const openingBraceIndex = pattern.indexOf("{");
      if (openingBraceIndex === -1) {
        return false;
      }
      const closingBraceIndex = pattern.indexOf("}", openingBraceIndex + 1);
      if (closingBraceIndex === -1) {
        return false;
      }
      const braceContent = pattern.slice(openingBraceIndex, closingBraceIndex);
      return BRACE_EXPANSION_SEPARATORS_RE.test(braceContent);
    }
    function convertToPositivePattern(pattern) {
      return isNegativePattern(pattern) ? pattern.slice(1) : pattern;
    }
    exports.convertToPositivePattern = convertToPositivePattern;
    function convertToNegativePattern(pattern) {
      return "!" + pattern;
    }
    exports.convertToNegativePattern = convertToNegativePattern;
    function isNegativePattern(pattern) {
      return pattern.startsWith("!") && pattern[1] !== "(";
    }
    exports.isNegativePattern = isNegativePattern;
    function isPositivePattern(pattern) {
      return !isNegativePattern(pattern);
    }
    exports.isPositivePattern = isPositivePattern;
    function getNegativePatterns(patterns) {
      return patterns.filter(isNegativePattern);
    }
    exports.getNegativePatterns = getNegativePatterns;
    function getPositivePatterns(patterns) {
      return patterns.filter(isPositivePattern);
    }
    exports.getPositivePatterns = getPositivePatterns;
    function getPatternsInsideCurrentDirectory(patterns) {
      return patterns.filter((pattern) => !isPatternRelatedToParentDirectory(pattern));
    }
    exports.getPatternsInsideCurrentDirectory = getPatternsInsideCurrentDirectory;
    function getPatternsOutsideCurrentDirectory(patterns) {
      return patterns.filter(isPatternRelatedToParentDirectory);
    }
    exports.getPatternsOutsideCurrentDirectory = getPatternsOutsideCurrentDirectory;
    function isPatternRelatedToParentDirectory(pattern) {
      return pattern.startsWith("..") || pattern.startsWith("./..");
    }
    exports.isPatternRelatedToParentDirectory = isPatternRelatedToParentDirectory;
    function getBaseDirectory(pattern) {
      return globParent(pattern, { flipBackslashes: false });
    }
    exports.getBaseDirectory = getBaseDirectory;
    function hasGlobStar(pattern) {
      return pattern.includes(GLOBSTAR);
    }
    exports.hasGlobStar = hasGlobStar;
    function endsWithSlashGlobStar(pattern) {
      return pattern.endsWith("/" + GLOBSTAR);
    }
    exports.endsWithSlashGlobStar = endsWithSlashGlobStar;
    function isAffectDepthOfReadingPattern(pattern) {
      const basename = path6.basename(pattern);
      return endsWithSlashGlobStar(pattern) || isStaticPattern(basename);
    }
    exports.isAffectDepthOfReadingPattern = isAffectDepthOfReadingPattern;
    function expandPatternsWithBraceExpansion(patterns) {
      return patterns.reduce((collection, pattern) => {
        return collection.concat(expandBraceExpansion(pattern));
      }, []);
    }
    exports.expandPatternsWithBraceExpansion = expandPatternsWithBraceExpansion;
    function expandBraceExpansion(pattern) {
      const patterns = micromatch.braces(pattern, { expand: true, nodupes: true, keepEscaping: true });
      patterns.sort((a, b) => a.length - b.length);
      return patterns.filter((pattern2) => pattern2 !== "");
    }
    exports.expandBraceExpansion = expandBraceExpansion;
    function getPatternParts(pattern, options) {
      let { parts } = micromatch.scan(pattern, Object.assign(Object.assign({}, options), { parts: true }));
      if (parts.length === 0) {
        parts = [pattern];
      }
      if (parts[0].startsWith("/")) {
        parts[0] = parts[0].slice(1);
        parts.unshift("");
      }
      return parts;
    }
    exports.getPatternParts = getPatternParts;
    function makeRe(pattern, options) {
      return micromatch.makeRe(pattern, options);
    }
    exports.makeRe = makeRe;
    function convertPatternsToRe(patterns, options) {
      return patterns.map((pattern) => makeRe(pattern, options));
    }
    exports.convertPatternsToRe = convertPatternsToRe;
    function matchAny(entry, patternsRe) {
      return patternsRe.some((patternRe) => patternRe.test(entry));
    }
    exports.matchAny = matchAny;
    function removeDuplicateSlashes(pattern) {
      return pattern.replace(DOUBLE_SLASH_RE, "/");
    }
    exports.removeDuplicateSlashes = removeDuplicateSlashes;
    function partitionAbsoluteAndRelative(patterns) {
      const absolute = [];
      const relative = [];
      for (const pattern of patterns) {
        if (isAbsolute(pattern)) {
          absolute.push(pattern);
        } else {
          relative.push(pattern);
        }
      }
      return [absolute, relative];
    }
    exports.partitionAbsoluteAndRelative = partitionAbsoluteAndRelative;
    function isAbsolute(pattern) {
      return path6.isAbsolute(pattern);
    }
    exports.isAbsolute = isAbsolute;
  }
});

// node_modules/merge2/index.js
var require_merge2 = __commonJS({
  "node_modules/merge2/index.js"(exports, module) {
    "use strict";
    var Stream = __require("stream");
    var PassThrough = Stream.PassThrough;
    var slice = Array.prototype.slice;
    module.exports = merge2;
    function merge2() {
      const streamsQueue = [];
      const args = slice.call(arguments);
      let merging = false;
      let options = args[args.length - 1];
      if (options && !Array.isArray(options) && options.pipe == null) {
        args.pop();
      } else {
        options = {};
      }
      const doEnd = options.end !== false;
      const doPipeError = options.pipeError === true;
      if (options.objectMode == null) {
        options.objectMode = true;
      }
      if (options.highWaterMark == null) {
        options.highWaterMark = 64 * 1024;
      }
      const mergedStream = PassThrough(options);
      function addStream() {
        for (let i = 0, len = arguments.length; i < len; i++) {
          streamsQueue.push(pauseStreams(arguments[i], options));
        }
        mergeStream();
        return this;
      }
      function mergeStream() {
        if (merging) {
          return;
        }
        merging = true;
        let streams = streamsQueue.shift();
        if (!streams) {
          process.nextTick(endStream);
          return;
        }
        if (!Array.isArray(streams)) {
          streams = [streams];
        }
        let pipesCount = streams.length + 1;
        function next() {
          if (--pipesCount > 0) {
            return;
          }
          merging = false;
          mergeStream();
        }
        function pipe(stream) {
          function onend() {
            stream.removeListener("merge2UnpipeEnd", onend);
            stream.removeListener("end", onend);
            if (doPipeError) {
              stream.removeListener("error", onerror);
            }
            next();
          }
          function onerror(err) {
            mergedStream.emit("error", err);
          }
          if (stream._readableState.endEmitted) {
            return next();
          }
          stream.on("merge2UnpipeEnd", onend);
          stream.on("end", onend);
          if (doPipeError) {
            stream.on("error", onerror);
          }
          stream.pipe(mergedStream, { end: false });
          stream.resume();
        }
        for (let i = 0; i < streams.length; i++) {
          pipe(streams[i]);
        }
        next();
      }
      function endStream() {
        merging = false;
        mergedStream.emit("queueDrain");
        if (doEnd) {
          mergedStream.end();
        }
      }
      mergedStream.setMaxListeners(0);
      mergedStream.add = addStream;
      mergedStream.on("unpipe", function(stream) {
        stream.emit("merge2UnpipeEnd");
      });
      if (args.length) {
        addStream.apply(null, args);
      }
      return mergedStream;
    }
    function pauseStreams(streams, options) {
      if (!Array.isArray(streams)) {
        if (!streams._readableState && streams.pipe) {
          streams = streams.pipe(PassThrough(options));
        }
        if (!streams._readableState || !streams.pause || !streams.pipe) {
          throw new Error("Only readable stream can be merged.");
        }
        streams.pause();
      } else {
        for (let i = 0, len = streams.length; i < len; i++) {
          streams[i] = pauseStreams(streams[i], options);
        }
      }
      return streams;
    }
  }
});

// node_modules/fast-glob/out/utils/stream.js
var require_stream = __commonJS({
  "node_modules/fast-glob/out/utils/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.merge = void 0;
    var merge2 = require_merge2();
    function merge(streams) {
      const mergedStream = merge2(streams);
      streams.forEach((stream) => {
        stream.once("error", (error2) => mergedStream.emit("error", error2));
      });
      mergedStream.once("close", () => propagateCloseEventToSources(streams));
      mergedStream.once("end", () => propagateCloseEventToSources(streams));
      return mergedStream;
    }
    exports.merge = merge;
    function propagateCloseEventToSources(streams) {
      streams.forEach((stream) => stream.emit("close"));
    }
  }
});

// node_modules/fast-glob/out/utils/string.js
var require_string = __commonJS({
  "node_modules/fast-glob/out/utils/string.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isEmpty = exports.isString = void 0;
    function isString(input) {
      return typeof input === "string";
    }
    exports.isString = isString;
    function isEmpty(input) {
      return input === "";
    }
    exports.isEmpty = isEmpty;
  }
});

// node_modules/fast-glob/out/utils/index.js
var require_utils3 = __commonJS({
  "node_modules/fast-glob/out/utils/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.string = exports.stream = exports.pattern = exports.path = exports.fs = exports.errno = exports.array = void 0;
    var array = require_array();
    exports.array = array;
    var errno = require_errno();
    exports.errno = errno;
    var fs6 = require_fs();
    exports.fs = fs6;
    var path6 = require_path();
    exports.path = path6;
    var pattern = require_pattern();
    exports.pattern = pattern;
    var stream = require_stream();
    exports.stream = stream;
    var string = require_string();
    exports.string = string;
  }
});

// node_modules/fast-glob/out/managers/tasks.js
var require_tasks = __commonJS({
  "node_modules/fast-glob/out/managers/tasks.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.convertPatternGroupToTask = exports.convertPatternGroupsToTasks = exports.groupPatternsByBaseDirectory = exports.getNegativePatternsAsPositive = exports.getPositivePatterns = exports.convertPatternsToTasks = exports.generate = void 0;
    var utils = require_utils3();
    function generate(input, settings) {
      const patterns = processPatterns(input, settings);
      const ignore = processPatterns(settings.ignore, settings);
      const positivePatterns = getPositivePatterns(patterns);
      const negativePatterns = getNegativePatternsAsPositive(patterns, ignore);
      const staticPatterns = positivePatterns.filter((pattern) => utils.pattern.isStaticPattern(pattern, settings));
      const dynamicPatterns = positivePatterns.filter((pattern) => utils.pattern.isDynamicPattern(pattern, settings));
      const staticTasks = convertPatternsToTasks(
        staticPatterns,
        negativePatterns,
        /* dynamic */
        false
      );
      const dynamicTasks = convertPatternsToTasks(
        dynamicPatterns,
        negativePatterns,
        /* dynamic */
        true
      );
      return staticTasks.concat(dynamicTasks);
    }
    exports.generate = generate;
    function processPatterns(input, settings) {
      let patterns = input;
      if (settings.braceExpansion) {
        patterns = utils.pattern.expandPatternsWithBraceExpansion(patterns);
      }
      if (settings.baseNameMatch) {
        patterns = patterns.map((pattern) => pattern.includes("/") ? pattern : `**/${pattern}`);
      }
      return patterns.map((pattern) => utils.pattern.removeDuplicateSlashes(pattern));
    }
    function convertPatternsToTasks(positive, negative, dynamic) {
      const tasks = [];
      const patternsOutsideCurrentDirectory = utils.pattern.getPatternsOutsideCurrentDirectory(positive);
      const patternsInsideCurrentDirectory = utils.pattern.getPatternsInsideCurrentDirectory(positive);
      const outsideCurrentDirectoryGroup = groupPatternsByBaseDirectory(patternsOutsideCurrentDirectory);
      const insideCurrentDirectoryGroup = groupPatternsByBaseDirectory(patternsInsideCurrentDirectory);
      tasks.push(...convertPatternGroupsToTasks(outsideCurrentDirectoryGroup, negative, dynamic));
      if ("." in insideCurrentDirectoryGroup) {
        tasks.push(convertPatternGroupToTask(".", patternsInsideCurrentDirectory, negative, dynamic));
      } else {
        tasks.push(...convertPatternGroupsToTasks(insideCurrentDirectoryGroup, negative, dynamic));
      }
      return tasks;
    }
    exports.convertPatternsToTasks = convertPatternsToTasks;
    function getPositivePatterns(patterns) {
      return utils.pattern.getPositivePatterns(patterns);
    }
    exports.getPositivePatterns = getPositivePatterns;
    function getNegativePatternsAsPositive(patterns, ignore) {
      const negative = utils.pattern.getNegativePatterns(patterns).concat(ignore);
      const positive = negative.map(utils.pattern.convertToPositivePattern);
      return positive;
    }
    exports.getNegativePatternsAsPositive = getNegativePatternsAsPositive;
    function groupPatternsByBaseDirectory(patterns) {
      const group2 = {};
      return patterns.reduce((collection, pattern) => {
        const base = utils.pattern.getBaseDirectory(pattern);
        if (base in collection) {
          collection[base].push(pattern);
        } else {
          collection[base] = [pattern];
        }
        return collection;
      }, group2);
    }
    exports.groupPatternsByBaseDirectory = groupPatternsByBaseDirectory;
    function convertPatternGroupsToTasks(positive, negative, dynamic) {
      return Object.keys(positive).map((base) => {
        return convertPatternGroupToTask(base, positive[base], negative, dynamic);
      });
    }
    exports.convertPatternGroupsToTasks = convertPatternGroupsToTasks;
    function convertPatternGroupToTask(base, positive, negative, dynamic) {
      return {
        dynamic,
        positive,
        negative,
        base,
        patterns: [].concat(positive, negative.map(utils.pattern.convertToNegativePattern))
      };
    }
    exports.convertPatternGroupToTask = convertPatternGroupToTask;
  }
});

// node_modules/@nodelib/fs.stat/out/providers/async.js
var require_async = __commonJS({
  "node_modules/@nodelib/fs.stat/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.read = void 0;
    function read(path6, settings, callback) {
      settings.fs.lstat(path6, (lstatError, lstat2) => {
        if (lstatError !== null) {
          callFailureCallback(callback, lstatError);
          return;
        }
        if (!lstat2.isSymbolicLink() || !settings.followSymbolicLink) {
          callSuccessCallback(callback, lstat2);
          return;
        }
        settings.fs.stat(path6, (statError, stat2) => {
          if (statError !== null) {
            if (settings.throwErrorOnBrokenSymbolicLink) {
              callFailureCallback(callback, statError);
              return;
            }
            callSuccessCallback(callback, lstat2);
            return;
          }
          if (settings.markSymbolicLink) {
            stat2.isSymbolicLink = () => true;
          }
          callSuccessCallback(callback, stat2);
        });
      });
    }
    exports.read = read;
    function callFailureCallback(callback, error2) {
      callback(error2);
    }
    function callSuccessCallback(callback, result) {
      callback(null, result);
    }
  }
});

// node_modules/@nodelib/fs.stat/out/providers/sync.js
var require_sync = __commonJS({
  "node_modules/@nodelib/fs.stat/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.read = void 0;
    function read(path6, settings) {
      const lstat2 = settings.fs.lstatSync(path6);
      if (!lstat2.isSymbolicLink() || !settings.followSymbolicLink) {
        return lstat2;
      }
      try {
        const stat2 = settings.fs.statSync(path6);
        if (settings.markSymbolicLink) {
          stat2.isSymbolicLink = () => true;
        }
        return stat2;
      } catch (error2) {
        if (!settings.throwErrorOnBrokenSymbolicLink) {
          return lstat2;
        }
        throw error2;
      }
    }
    exports.read = read;
  }
});

// node_modules/@nodelib/fs.stat/out/adapters/fs.js
var require_fs2 = __commonJS({
  "node_modules/@nodelib/fs.stat/out/adapters/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createFileSystemAdapter = exports.FILE_SYSTEM_ADAPTER = void 0;
    var fs6 = __require("fs");
    exports.FILE_SYSTEM_ADAPTER = {
      lstat: fs6.lstat,
      stat: fs6.stat,
      lstatSync: fs6.lstatSync,
      statSync: fs6.statSync
    };
    function createFileSystemAdapter(fsMethods) {
      if (fsMethods === void 0) {
        return exports.FILE_SYSTEM_ADAPTER;
      }
      return Object.assign(Object.assign({}, exports.FILE_SYSTEM_ADAPTER), fsMethods);
    }
    exports.createFileSystemAdapter = createFileSystemAdapter;
  }
});

// node_modules/@nodelib/fs.stat/out/settings.js
var require_settings = __commonJS({
  "node_modules/@nodelib/fs.stat/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fs6 = require_fs2();
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.followSymbolicLink = this._getValue(this._options.followSymbolicLink, true);
        this.fs = fs6.createFileSystemAdapter(this._options.fs);
        this.markSymbolicLink = this._getValue(this._options.markSymbolicLink, false);
        this.throwErrorOnBrokenSymbolicLink = this._getValue(this._options.throwErrorOnBrokenSymbolicLink, true);
      }
      _getValue(option, value) {
        return option !== null && option !== void 0 ? option : value;
      }
    };
    exports.default = Settings;
  }
});

// node_modules/@nodelib/fs.stat/out/index.js
var require_out = __commonJS({
  "node_modules/@nodelib/fs.stat/out/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.statSync = exports.stat = exports.Settings = void 0;
    var async = require_async();
    var sync2 = require_sync();
    var settings_1 = require_settings();
    exports.Settings = settings_1.default;
    function stat2(path6, optionsOrSettingsOrCallback, callback) {
      if (typeof optionsOrSettingsOrCallback === "function") {
        async.read(path6, getSettings(), optionsOrSettingsOrCallback);
        return;
      }
      async.read(path6, getSettings(optionsOrSettingsOrCallback), callback);
    }
    exports.stat = stat2;
    function statSync(path6, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      return sync2.read(path6, settings);
    }
    exports.statSync = statSync;
    function getSettings(settingsOrOptions = {}) {
      if (settingsOrOptions instanceof settings_1.default) {
        return settingsOrOptions;
      }
      return new settings_1.default(settingsOrOptions);
    }
  }
});

// node_modules/queue-microtask/index.js
var require_queue_microtask = __commonJS({
  "node_modules/queue-microtask/index.js"(exports, module) {
    var promise;
    module.exports = typeof queueMicrotask === "function" ? queueMicrotask.bind(typeof window !== "undefined" ? window : global) : (cb) => (promise || (promise = Promise.resolve())).then(cb).catch((err) => setTimeout(() => {
      throw err;
    }, 0));
  }
});

// node_modules/run-parallel/index.js
var require_run_parallel = __commonJS({
  "node_modules/run-parallel/index.js"(exports, module) {
    module.exports = runParallel;
    var queueMicrotask2 = require_queue_microtask();
    function runParallel(tasks, cb) {
      let results, pending, keys;
      let isSync = true;
      if (Array.isArray(tasks)) {
        results = [];
        pending = tasks.length;
      } else {
        keys = Object.keys(tasks);
        results = {};
        pending = keys.length;
      }
      function done(err) {
        function end() {
          if (cb) cb(err, results);
          cb = null;
        }
        if (isSync) queueMicrotask2(end);
        else end();
      }
      function each(i, err, result) {
        results[i] = result;
        if (--pending === 0 || err) {
          done(err);
        }
      }
      if (!pending) {
        done(null);
      } else if (keys) {
        keys.forEach(function(key) {
          tasks[key](function(err, result) {
            each(key, err, result);
          });
        });
      } else {
        tasks.forEach(function(task, i) {
          task(function(err, result) {
            each(i, err, result);
          });
        });
      }
      isSync = false;
    }
  }
});

// node_modules/@nodelib/fs.scandir/out/constants.js
var require_constants3 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/constants.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.IS_SUPPORT_READDIR_WITH_FILE_TYPES = void 0;
    var NODE_PROCESS_VERSION_PARTS = process.versions.node.split(".");
    if (NODE_PROCESS_VERSION_PARTS[0] === void 0 || NODE_PROCESS_VERSION_PARTS[1] === void 0) {
      throw new Error(`Unexpected behavior. The 'process.versions.node' variable has invalid value: ${process.versions.node}`);
    }
    var MAJOR_VERSION = Number.parseInt(NODE_PROCESS_VERSION_PARTS[0], 10);
    var MINOR_VERSION = Number.parseInt(NODE_PROCESS_VERSION_PARTS[1], 10);
    var SUPPORTED_MAJOR_VERSION = 10;
    var SUPPORTED_MINOR_VERSION = 10;
    var IS_MATCHED_BY_MAJOR = MAJOR_VERSION > SUPPORTED_MAJOR_VERSION;
    var IS_MATCHED_BY_MAJOR_AND_MINOR = MAJOR_VERSION === SUPPORTED_MAJOR_VERSION && MINOR_VERSION >= SUPPORTED_MINOR_VERSION;
    exports.IS_SUPPORT_READDIR_WITH_FILE_TYPES = IS_MATCHED_BY_MAJOR || IS_MATCHED_BY_MAJOR_AND_MINOR;
  }
});

// node_modules/@nodelib/fs.scandir/out/utils/fs.js
var require_fs3 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/utils/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDirentFromStats = void 0;
    var DirentFromStats = class {
      constructor(name, stats) {
        this.name = name;
        this.isBlockDevice = stats.isBlockDevice.bind(stats);
        this.isCharacterDevice = stats.isCharacterDevice.bind(stats);
        this.isDirectory = stats.isDirectory.bind(stats);
        this.isFIFO = stats.isFIFO.bind(stats);
        this.isFile = stats.isFile.bind(stats);
        this.isSocket = stats.isSocket.bind(stats);
        this.isSymbolicLink = stats.isSymbolicLink.bind(stats);
      }
    };
    function createDirentFromStats(name, stats) {
      return new DirentFromStats(name, stats);
    }
    exports.createDirentFromStats = createDirentFromStats;
  }
});

// node_modules/@nodelib/fs.scandir/out/utils/index.js
var require_utils4 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/utils/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.fs = void 0;
    var fs6 = require_fs3();
    exports.fs = fs6;
  }
});

// node_modules/@nodelib/fs.scandir/out/providers/common.js
var require_common = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/providers/common.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.joinPathSegments = void 0;
    function joinPathSegments(a, b, separator) {
      if (a.endsWith(separator)) {
        return a + b;
      }
      return a + separator + b;
    }
    exports.joinPathSegments = joinPathSegments;
  }
});

// node_modules/@nodelib/fs.scandir/out/providers/async.js
var require_async2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.readdir = exports.readdirWithFileTypes = exports.read = void 0;
    var fsStat = require_out();
    var rpl = require_run_parallel();
    var constants_1 = require_constants3();
    var utils = require_utils4();
    var common = require_common();
    function read(directory, settings, callback) {
      if (!settings.stats && constants_1.IS_SUPPORT_READDIR_WITH_FILE_TYPES) {
        readdirWithFileTypes(directory, settings, callback);
        return;
      }
      readdir2(directory, settings, callback);
    }
    exports.read = read;
    function readdirWithFileTypes(directory, settings, callback) {
      settings.fs.readdir(directory, { withFileTypes: true }, (readdirError, dirents) => {
        if (readdirError !== null) {
          callFailureCallback(callback, readdirError);
          return;
        }
        const entries = dirents.map((dirent) => ({
          dirent,
          name: dirent.name,
          path: common.joinPathSegments(directory, dirent.name, settings.pathSegmentSeparator)
        }));
        if (!settings.followSymbolicLinks) {
          callSuccessCallback(callback, entries);
          return;
        }
        const tasks = entries.map((entry) => makeRplTaskEntry(entry, settings));
        rpl(tasks, (rplError, rplEntries) => {
          if (rplError !== null) {
            callFailureCallback(callback, rplError);
            return;
          }
          callSuccessCallback(callback, rplEntries);
        });
      });
    }
    exports.readdirWithFileTypes = readdirWithFileTypes;
    function makeRplTaskEntry(entry, settings) {
      return (done) => {
        if (!entry.dirent.isSymbolicLink()) {
          done(null, entry);
          return;
        }
        settings.fs.stat(entry.path, (statError, stats) => {
          if (statError !== null) {
            if (settings.throwErrorOnBrokenSymbolicLink) {
              done(statError);
              return;
            }
            done(null, entry);
            return;
          }
          entry.dirent = utils.fs.createDirentFromStats(entry.name, stats);
          done(null, entry);
        });
      };
    }
    function readdir2(directory, settings, callback) {
      settings.fs.readdir(directory, (readdirError, names) => {
        if (readdirError !== null) {
          callFailureCallback(callback, readdirError);
          return;
        }
        const tasks = names.map((name) => {
          const path6 = common.joinPathSegments(directory, name, settings.pathSegmentSeparator);
          return (done) => {
            fsStat.stat(path6, settings.fsStatSettings, (error2, stats) => {
              if (error2 !== null) {
                done(error2);
                return;
              }
              const entry = {
                name,
                path: path6,
                dirent: utils.fs.createDirentFromStats(name, stats)
              };
              if (settings.stats) {
                entry.stats = stats;
              }
              done(null, entry);
            });
          };
        });
        rpl(tasks, (rplError, entries) => {
          if (rplError !== null) {
            callFailureCallback(callback, rplError);
            return;
          }
          callSuccessCallback(callback, entries);
        });
      });
    }
    exports.readdir = readdir2;
    function callFailureCallback(callback, error2) {
      callback(error2);
    }
    function callSuccessCallback(callback, result) {
      callback(null, result);
    }
  }
});

// node_modules/@nodelib/fs.scandir/out/providers/sync.js
var require_sync2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.readdir = exports.readdirWithFileTypes = exports.read = void 0;
    var fsStat = require_out();
    var constants_1 = require_constants3();
    var utils = require_utils4();
    var common = require_common();
    function read(directory, settings) {
      if (!settings.stats && constants_1.IS_SUPPORT_READDIR_WITH_FILE_TYPES) {
        return readdirWithFileTypes(directory, settings);
      }
      return readdir2(directory, settings);
    }
    exports.read = read;
    function readdirWithFileTypes(directory, settings) {
      const dirents = settings.fs.readdirSync(directory, { withFileTypes: true });
      return dirents.map((dirent) => {
        const entry = {
          dirent,
          name: dirent.name,
          path: common.joinPathSegments(directory, dirent.name, settings.pathSegmentSeparator)
        };
        if (entry.dirent.isSymbolicLink() && settings.followSymbolicLinks) {
          try {
            const stats = settings.fs.statSync(entry.path);
            entry.dirent = utils.fs.createDirentFromStats(entry.name, stats);
          } catch (error2) {
            if (settings.throwErrorOnBrokenSymbolicLink) {
              throw error2;
            }
          }
        }
        return entry;
      });
    }
    exports.readdirWithFileTypes = readdirWithFileTypes;
    function readdir2(directory, settings) {
      const names = settings.fs.readdirSync(directory);
      return names.map((name) => {
        const entryPath = common.joinPathSegments(directory, name, settings.pathSegmentSeparator);
        const stats = fsStat.statSync(entryPath, settings.fsStatSettings);
        const entry = {
          name,
          path: entryPath,
          dirent: utils.fs.createDirentFromStats(name, stats)
        };
        if (settings.stats) {
          entry.stats = stats;
        }
        return entry;
      });
    }
    exports.readdir = readdir2;
  }
});

// node_modules/@nodelib/fs.scandir/out/adapters/fs.js
var require_fs4 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/adapters/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createFileSystemAdapter = exports.FILE_SYSTEM_ADAPTER = void 0;
    var fs6 = __require("fs");
    exports.FILE_SYSTEM_ADAPTER = {
      lstat: fs6.lstat,
      stat: fs6.stat,
      lstatSync: fs6.lstatSync,
      statSync: fs6.statSync,
      readdir: fs6.readdir,
      readdirSync: fs6.readdirSync
    };
    function createFileSystemAdapter(fsMethods) {
      if (fsMethods === void 0) {
        return exports.FILE_SYSTEM_ADAPTER;
      }
      return Object.assign(Object.assign({}, exports.FILE_SYSTEM_ADAPTER), fsMethods);
    }
    exports.createFileSystemAdapter = createFileSystemAdapter;
  }
});

// node_modules/@nodelib/fs.scandir/out/settings.js
var require_settings2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path6 = __require("path");
    var fsStat = require_out();
    var fs6 = require_fs4();
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.followSymbolicLinks = this._getValue(this._options.followSymbolicLinks, false);
        this.fs = fs6.createFileSystemAdapter(this._options.fs);
        this.pathSegmentSeparator = this._getValue(this._options.pathSegmentSeparator, path6.sep);
        this.stats = this._getValue(this._options.stats, false);
        this.throwErrorOnBrokenSymbolicLink = this._getValue(this._options.throwErrorOnBrokenSymbolicLink, true);
        this.fsStatSettings = new fsStat.Settings({
          followSymbolicLink: this.followSymbolicLinks,
          fs: this.fs,
          throwErrorOnBrokenSymbolicLink: this.throwErrorOnBrokenSymbolicLink
        });
      }
      _getValue(option, value) {
        return option !== null && option !== void 0 ? option : value;
      }
    };
    exports.default = Settings;
  }
});

// node_modules/@nodelib/fs.scandir/out/index.js
var require_out2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Settings = exports.scandirSync = exports.scandir = void 0;
    var async = require_async2();
    var sync2 = require_sync2();
    var settings_1 = require_settings2();
    exports.Settings = settings_1.default;
    function scandir(path6, optionsOrSettingsOrCallback, callback) {
      if (typeof optionsOrSettingsOrCallback === "function") {
        async.read(path6, getSettings(), optionsOrSettingsOrCallback);
        return;
      }
      async.read(path6, getSettings(optionsOrSettingsOrCallback), callback);
    }
    exports.scandir = scandir;
    function scandirSync(path6, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      return sync2.read(path6, settings);
    }
    exports.scandirSync = scandirSync;
    function getSettings(settingsOrOptions = {}) {
      if (settingsOrOptions instanceof settings_1.default) {
        return settingsOrOptions;
      }
      return new settings_1.default(settingsOrOptions);
    }
  }
});

// node_modules/reusify/reusify.js
var require_reusify = __commonJS({
  "node_modules/reusify/reusify.js"(exports, module) {
    "use strict";
    function reusify(Constructor) {
      var head = new Constructor();
      var tail = head;
      function get2() {
        var current = head;
        if (current.next) {
          head = current.next;
        } else {
          head = new Constructor();
          tail = head;
        }
        current.next = null;
        return current;
      }
      function release(obj) {
        tail.next = obj;
        tail = obj;
      }
      return {
        get: get2,
        release
      };
    }
    module.exports = reusify;
  }
});

// node_modules/fastq/queue.js
var require_queue = __commonJS({
  "node_modules/fastq/queue.js"(exports, module) {
    "use strict";
    var reusify = require_reusify();
    function fastqueue(context, worker, _concurrency) {
      if (typeof context === "function") {
        _concurrency = worker;
        worker = context;
        context = null;
      }
      if (!(_concurrency >= 1)) {
        throw new Error("fastqueue concurrency must be equal to or greater than 1");
      }
      var cache = reusify(Task);
      var queueHead = null;
      var queueTail = null;
      var _running = 0;
      var errorHandler = null;
      var self = {
        push,
        drain: noop,
        saturated: noop,
        pause,
        paused: false,
        get concurrency() {
          return _concurrency;
        },
        set concurrency(value) {
          if (!(value >= 1)) {
            throw new Error("fastqueue concurrency must be equal to or greater than 1");
          }
          _concurrency = value;
          if (self.paused) return;
          for (; queueHead && _running < _concurrency; ) {
            _running++;
            release();
          }
        },
        running,
        resume,
        idle,
        length,
        getQueue,
        unshift,
        empty: noop,
        kill,
        killAndDrain,
        error: error2,
        abort
      };
      return self;
      function running() {
        return _running;
      }
      function pause() {
        self.paused = true;
      }
      function length() {
        var current = queueHead;
        var counter = 0;
        while (current) {
          current = current.next;
          counter++;
        }
        return counter;
      }
      function getQueue() {
        var current = queueHead;
        var tasks = [];
        while (current) {
          tasks.push(current.value);
          current = current.next;
        }
        return tasks;
      }
      function resume() {
        if (!self.paused) return;
        self.paused = false;
        if (queueHead === null) {
          _running++;
          release();
          return;
        }
        for (; queueHead && _running < _concurrency; ) {
          _running++;
          release();
        }
      }
      function idle() {
        return _running === 0 && self.length() === 0;
      }
      function push(value, done) {
        var current = cache.get();
        current.context = context;
        current.release = release;
        current.value = value;
        current.callback = done || noop;
        current.errorHandler = errorHandler;
        if (_running >= _concurrency || self.paused) {
          if (queueTail) {
            queueTail.next = current;
            queueTail = current;
          } else {
            queueHead = current;
            queueTail = current;
            self.saturated();
          }
        } else {
          _running++;
          worker.call(context, current.value, current.worked);
        }
      }
      function unshift(value, done) {
        var current = cache.get();
        current.context = context;
        current.release = release;
        current.value = value;
        current.callback = done || noop;
        current.errorHandler = errorHandler;
        if (_running >= _concurrency || self.paused) {
          if (queueHead) {
            current.next = queueHead;
            queueHead = current;
          } else {
            queueHead = current;
            queueTail = current;
            self.saturated();
          }
        } else {
          _running++;
          worker.call(context, current.value, current.worked);
        }
      }
      function release(holder) {
        if (holder) {
          cache.release(holder);
        }
        var next = queueHead;
        if (next && _running <= _concurrency) {
          if (!self.paused) {
            if (queueTail === queueHead) {
              queueTail = null;
            }
            queueHead = next.next;
            next.next = null;
            worker.call(context, next.value, next.worked);
            if (queueTail === null) {
              self.empty();
            }
          } else {
            _running--;
          }
        } else if (--_running === 0) {
          self.drain();
        }
      }
      function kill() {
        queueHead = null;
        queueTail = null;
        self.drain = noop;
      }
      function killAndDrain() {
        queueHead = null;
        queueTail = null;
        self.drain();
        self.drain = noop;
      }
      function abort() {
        var current = queueHead;
        queueHead = null;
        queueTail = null;
        while (current) {
          var next = current.next;
          var callback = current.callback;
          var errorHandler2 = current.errorHandler;
          var val = current.value;
          var context2 = current.context;
          current.value = null;
          current.callback = noop;
          current.errorHandler = null;
          current.next = null;
          if (errorHandler2) {
            errorHandler2(new Error("abort"), val);
          }
          callback.call(context2, new Error("abort"));
          cache.release(current);
          current = next;
        }
        self.drain = noop;
      }
      function error2(handler) {
        errorHandler = handler;
      }
    }
    function noop() {
    }
    function Task() {
      this.value = null;
      this.callback = noop;
      this.next = null;
      this.release = noop;
      this.context = null;
      this.errorHandler = null;
      var self = this;
      this.worked = function worked(err, result) {
        var callback = self.callback;
        var errorHandler = self.errorHandler;
        var val = self.value;
        self.value = null;
        self.callback = noop;
        if (self.errorHandler) {
          errorHandler(err, val);
        }
        callback.call(self.context, err, result);
        self.release(self);
      };
    }
    function queueAsPromised(context, worker, _concurrency) {
      if (typeof context === "function") {
        _concurrency = worker;
        worker = context;
        context = null;
      }
      function asyncWrapper(arg, cb) {
        worker.call(this, arg).then(function(res) {
          cb(null, res);
        }, cb);
      }
      var queue = fastqueue(context, asyncWrapper, _concurrency);
      var pushCb = queue.push;
      var unshiftCb = queue.unshift;
      queue.push = push;
      queue.unshift = unshift;
      queue.drained = drained;
      return queue;
      function push(value) {
        var p = new Promise(function(resolve, reject) {
          pushCb(value, function(err, result) {
            if (err) {
              reject(err);
              return;
            }
            resolve(result);
          });
        });
        p.catch(noop);
        return p;
      }
      function unshift(value) {
        var p = new Promise(function(resolve, reject) {
          unshiftCb(value, function(err, result) {
            if (err) {
              reject(err);
              return;
            }
            resolve(result);
          });
        });
        p.catch(noop);
        return p;
      }
      function drained() {
        var p = new Promise(function(resolve) {
          process.nextTick(function() {
            if (queue.idle()) {
              resolve();
            } else {
              var previousDrain = queue.drain;
              queue.drain = function() {
                if (typeof previousDrain === "function") previousDrain();
                resolve();
                queue.drain = previousDrain;
              };
            }
          });
        });
        return p;
      }
    }
    module.exports = fastqueue;
    module.exports.promise = queueAsPromised;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/common.js
var require_common2 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/common.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.joinPathSegments = exports.replacePathSegmentSeparator = exports.isAppliedFilter = exports.isFatalError = void 0;
    function isFatalError(settings, error2) {
      if (settings.errorFilter === null) {
        return true;
      }
      return !settings.errorFilter(error2);
    }
    exports.isFatalError = isFatalError;
    function isAppliedFilter(filter, value) {
      return filter === null || filter(value);
    }
    exports.isAppliedFilter = isAppliedFilter;
    function replacePathSegmentSeparator(filepath, separator) {
      return filepath.split(/[/\\]/).join(separator);
    }
    exports.replacePathSegmentSeparator = replacePathSegmentSeparator;
    function joinPathSegments(a, b, separator) {
      if (a === "") {
        return b;
      }
      if (a.endsWith(separator)) {
        return a + b;
      }
      return a + separator + b;
    }
    exports.joinPathSegments = joinPathSegments;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/reader.js
var require_reader = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/reader.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var common = require_common2();
    var Reader = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._root = common.replacePathSegmentSeparator(_root, _settings.pathSegmentSeparator);
      }
    };
    exports.default = Reader;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/async.js
var require_async3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var events_1 = __require("events");
    var fsScandir = require_out2();
    var fastq = require_queue();
    var common = require_common2();
    var reader_1 = require_reader();
    var AsyncReader = class extends reader_1.default {
      constructor(_root, _settings) {
        super(_root, _settings);
        this._settings = _settings;
        this._scandir = fsScandir.scandir;
        this._emitter = new events_1.EventEmitter();
        this._queue = fastq(this._worker.bind(this), this._settings.concurrency);
        this._isFatalError = false;
        this._isDestroyed = false;
        this._queue.drain = () => {
          if (!this._isFatalError) {
            this._emitter.emit("end");
          }
        };
      }
      read() {
        this._isFatalError = false;
        this._isDestroyed = false;
        setImmediate(() => {
          this._pushToQueue(this._root, this._settings.basePath);
        });
        return this._emitter;
      }
      get isDestroyed() {
        return this._isDestroyed;
      }
      destroy() {
        if (this._isDestroyed) {
          throw new Error("The reader is already destroyed");
        }
        this._isDestroyed = true;
        this._queue.killAndDrain();
      }
      onEntry(callback) {
        this._emitter.on("entry", callback);
      }
      onError(callback) {
        this._emitter.once("error", callback);
      }
      onEnd(callback) {
        this._emitter.once("end", callback);
      }
      _pushToQueue(directory, base) {
        const queueItem = { directory, base };
        this._queue.push(queueItem, (error2) => {
          if (error2 !== null) {
            this._handleError(error2);
          }
        });
      }
      _worker(item, done) {
        this._scandir(item.directory, this._settings.fsScandirSettings, (error2, entries) => {
          if (error2 !== null) {
            done(error2, void 0);
            return;
          }
          for (const entry of entries) {
            this._handleEntry(entry, item.base);
          }
          done(null, void 0);
        });
      }
      _handleError(error2) {
        if (this._isDestroyed || !common.isFatalError(this._settings, error2)) {
          return;
        }
        this._isFatalError = true;
        this._isDestroyed = true;
        this._emitter.emit("error", error2);
      }
      _handleEntry(entry, base) {
        if (this._isDestroyed || this._isFatalError) {
          return;
        }
        const fullpath = entry.path;
        if (base !== void 0) {
          entry.path = common.joinPathSegments(base, entry.name, this._settings.pathSegmentSeparator);
        }
        if (common.isAppliedFilter(this._settings.entryFilter, entry)) {
          this._emitEntry(entry);
        }
        if (entry.dirent.isDirectory() && common.isAppliedFilter(this._settings.deepFilter, entry)) {
          this._pushToQueue(fullpath, base === void 0 ? void 0 : entry.path);
        }
      }
      _emitEntry(entry) {
        this._emitter.emit("entry", entry);
      }
    };
    exports.default = AsyncReader;
  }
});

// node_modules/@nodelib/fs.walk/out/providers/async.js
var require_async4 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var async_1 = require_async3();
    var AsyncProvider = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._reader = new async_1.default(this._root, this._settings);
        this._storage = [];
      }
      read(callback) {
        this._reader.onError((error2) => {
          callFailureCallback(callback, error2);
        });
        this._reader.onEntry((entry) => {
          this._storage.push(entry);
        });
        this._reader.onEnd(() => {
          callSuccessCallback(callback, this._storage);
        });
        this._reader.read();
      }
    };
    exports.default = AsyncProvider;
    function callFailureCallback(callback, error2) {
      callback(error2);
    }
    function callSuccessCallback(callback, entries) {
      callback(null, entries);
    }
  }
});

// node_modules/@nodelib/fs.walk/out/providers/stream.js
var require_stream2 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/providers/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var async_1 = require_async3();
    var StreamProvider = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._reader = new async_1.default(this._root, this._settings);
        this._stream = new stream_1.Readable({
          objectMode: true,
          read: () => {
          },
          destroy: () => {
            if (!this._reader.isDestroyed) {
              this._reader.destroy();
            }
          }
        });
      }
      read() {
        this._reader.onError((error2) => {
          this._stream.emit("error", error2);
        });
        this._reader.onEntry((entry) => {
          this._stream.push(entry);
        });
        this._reader.onEnd(() => {
          this._stream.push(null);
        });
        this._reader.read();
        return this._stream;
      }
    };
    exports.default = StreamProvider;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/sync.js
var require_sync3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fsScandir = require_out2();
    var common = require_common2();
    var reader_1 = require_reader();
    var SyncReader = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._scandir = fsScandir.scandirSync;
        this._storage = [];
        this._queue = /* @__PURE__ */ new Set();
      }
      read() {
        this._pushToQueue(this._root, this._settings.basePath);
        this._handleQueue();
        return this._storage;
      }
      _pushToQueue(directory, base) {
        this._queue.add({ directory, base });
      }
      _handleQueue() {
        for (const item of this._queue.values()) {
          this._handleDirectory(item.directory, item.base);
        }
      }
      _handleDirectory(directory, base) {
        try {
          const entries = this._scandir(directory, this._settings.fsScandirSettings);
          for (const entry of entries) {
            this._handleEntry(entry, base);
          }
        } catch (error2) {
          this._handleError(error2);
        }
      }
      _handleError(error2) {
        if (!common.isFatalError(this._settings, error2)) {
          return;
        }
        throw error2;
      }
      _handleEntry(entry, base) {
        const fullpath = entry.path;
        if (base !== void 0) {
          entry.path = common.joinPathSegments(base, entry.name, this._settings.pathSegmentSeparator);
        }
        if (common.isAppliedFilter(this._settings.entryFilter, entry)) {
          this._pushToStorage(entry);
        }
        if (entry.dirent.isDirectory() && common.isAppliedFilter(this._settings.deepFilter, entry)) {
          this._pushToQueue(fullpath, base === void 0 ? void 0 : entry.path);
        }
      }
      _pushToStorage(entry) {
        this._storage.push(entry);
      }
    };
    exports.default = SyncReader;
  }
});

// node_modules/@nodelib/fs.walk/out/providers/sync.js
var require_sync4 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var sync_1 = require_sync3();
    var SyncProvider = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._reader = new sync_1.default(this._root, this._settings);
      }
      read() {
        return this._reader.read();
      }
    };
    exports.default = SyncProvider;
  }
});

// node_modules/@nodelib/fs.walk/out/settings.js
var require_settings3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path6 = __require("path");
    var fsScandir = require_out2();
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.basePath = this._getValue(this._options.basePath, void 0);
        this.concurrency = this._getValue(this._options.concurrency, Number.POSITIVE_INFINITY);
        this.deepFilter = this._getValue(this._options.deepFilter, null);
        this.entryFilter = this._getValue(this._options.entryFilter, null);
        this.errorFilter = this._getValue(this._options.errorFilter, null);
        this.pathSegmentSeparator = this._getValue(this._options.pathSegmentSeparator, path6.sep);
        this.fsScandirSettings = new fsScandir.Settings({
          followSymbolicLinks: this._options.followSymbolicLinks,
          fs: this._options.fs,
          pathSegmentSeparator: this._options.pathSegmentSeparator,
          stats: this._options.stats,
          throwErrorOnBrokenSymbolicLink: this._options.throwErrorOnBrokenSymbolicLink
        });
      }
      _getValue(option, value) {
        return option !== null && option !== void 0 ? option : value;
      }
    };
    exports.default = Settings;
  }
});

// node_modules/@nodelib/fs.walk/out/index.js
var require_out3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Settings = exports.walkStream = exports.walkSync = exports.walk = void 0;
    var async_1 = require_async4();
    var stream_1 = require_stream2();
    var sync_1 = require_sync4();
    var settings_1 = require_settings3();
    exports.Settings = settings_1.default;
    function walk2(directory, optionsOrSettingsOrCallback, callback) {
      if (typeof optionsOrSettingsOrCallback === "function") {
        new async_1.default(directory, getSettings()).read(optionsOrSettingsOrCallback);
        return;
      }
      new async_1.default(directory, getSettings(optionsOrSettingsOrCallback)).read(callback);
    }
    exports.walk = walk2;
    function walkSync(directory, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      const provider = new sync_1.default(directory, settings);
      return provider.read();
    }
    exports.walkSync = walkSync;
    function walkStream(directory, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      const provider = new stream_1.default(directory, settings);
      return provider.read();
    }
    exports.walkStream = walkStream;
    function getSettings(settingsOrOptions = {}) {
      if (settingsOrOptions instanceof settings_1.default) {
        return settingsOrOptions;
      }
      return new settings_1.default(settingsOrOptions);
    }
  }
});

// node_modules/fast-glob/out/readers/reader.js
var require_reader2 = __commonJS({
  "node_modules/fast-glob/out/readers/reader.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path6 = __require("path");
    var fsStat = require_out();
    var utils = require_utils3();
    var Reader = class {
      constructor(_settings) {
        this._settings = _settings;
        this._fsStatSettings = new fsStat.Settings({
          followSymbolicLink: this._settings.followSymbolicLinks,
          fs: this._settings.fs,
          throwErrorOnBrokenSymbolicLink: this._settings.followSymbolicLinks
        });
      }
      _getFullEntryPath(filepath) {
        return path6.resolve(this._settings.cwd, filepath);
      }
      _makeEntry(stats, pattern) {
        const entry = {
          name: pattern,
          path: pattern,
          dirent: utils.fs.createDirentFromStats(pattern, stats)
        };
        if (this._settings.stats) {
          entry.stats = stats;
        }
        return entry;
      }
      _isFatalError(error2) {
        return !utils.errno.isEnoentCodeError(error2) && !this._settings.suppressErrors;
      }
    };
    exports.default = Reader;
  }
});

// node_modules/fast-glob/out/readers/stream.js
var require_stream3 = __commonJS({
  "node_modules/fast-glob/out/readers/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var fsStat = require_out();
    var fsWalk = require_out3();
    var reader_1 = require_reader2();
    var ReaderStream = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._walkStream = fsWalk.walkStream;
        this._stat = fsStat.stat;
      }
      dynamic(root, options) {
        return this._walkStream(root, options);
      }
      static(patterns, options) {
        const filepaths = patterns.map(this._getFullEntryPath, this);
        const stream = new stream_1.PassThrough({ objectMode: true });
        stream._write = (index, _enc, done) => {
          return this._getEntry(filepaths[index], patterns[index], options).then((entry) => {
            if (entry !== null && options.entryFilter(entry)) {
              stream.push(entry);
            }
            if (index === filepaths.length - 1) {
              stream.end();
            }
            done();
          }).catch(done);
        };
        for (let i = 0; i < filepaths.length; i++) {
          stream.write(i);
        }
        return stream;
      }
      _getEntry(filepath, pattern, options) {
        return this._getStat(filepath).then((stats) => this._makeEntry(stats, pattern)).catch((error2) => {
          if (options.errorFilter(error2)) {
            return null;
          }
          throw error2;
        });
      }
      _getStat(filepath) {
        return new Promise((resolve, reject) => {
          this._stat(filepath, this._fsStatSettings, (error2, stats) => {
            return error2 === null ? resolve(stats) : reject(error2);
          });
        });
      }
    };
    exports.default = ReaderStream;
  }
});

// node_modules/fast-glob/out/readers/async.js
var require_async5 = __commonJS({
  "node_modules/fast-glob/out/readers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fsWalk = require_out3();
    var reader_1 = require_reader2();
    var stream_1 = require_stream3();
    var ReaderAsync = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._walkAsync = fsWalk.walk;
        this._readerStream = new stream_1.default(this._settings);
      }
      dynamic(root, options) {
        return new Promise((resolve, reject) => {
          this._walkAsync(root, options, (error2, entries) => {
            if (error2 === null) {
              resolve(entries);
            } else {
              reject(error2);
            }
          });
        });
      }
      async static(patterns, options) {
        const entries = [];
        const stream = this._readerStream.static(patterns, options);
        return new Promise((resolve, reject) => {
          stream.once("error", reject);
          stream.on("data", (entry) => entries.push(entry));
          stream.once("end", () => resolve(entries));
        });
      }
    };
    exports.default = ReaderAsync;
  }
});

// node_modules/fast-glob/out/providers/matchers/matcher.js
var require_matcher = __commonJS({
  "node_modules/fast-glob/out/providers/matchers/matcher.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils3();
    var Matcher = class {
      constructor(_patterns, _settings, _micromatchOptions) {
        this._patterns = _patterns;
        this._settings = _settings;
        this._micromatchOptions = _micromatchOptions;
        this._storage = [];
        this._fillStorage();
      }
      _fillStorage() {
        for (const pattern of this._patterns) {
          const segments = this._getPatternSegments(pattern);
          const sections = this._splitSegmentsIntoSections(segments);
          this._storage.push({
            complete: sections.length <= 1,
            pattern,
            segments,
            sections
          });
        }
      }
      _getPatternSegments(pattern) {
        const parts = utils.pattern.getPatternParts(pattern, this._micromatchOptions);
        return parts.map((part) => {
          const dynamic = utils.pattern.isDynamicPattern(part, this._settings);
          if (!dynamic) {
            return {
              dynamic: false,
              pattern: part
            };
          }
          return {
            dynamic: true,
            pattern: part,
            patternRe: utils.pattern.makeRe(part, this._micromatchOptions)
          };
        });
      }
      _splitSegmentsIntoSections(segments) {
        return utils.array.splitWhen(segments, (segment) => segment.dynamic && utils.pattern.hasGlobStar(segment.pattern));
      }
    };
    exports.default = Matcher;
  }
});

// node_modules/fast-glob/out/providers/matchers/partial.js
var require_partial = __commonJS({
  "node_modules/fast-glob/out/providers/matchers/partial.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var matcher_1 = require_matcher();
    var PartialMatcher = class extends matcher_1.default {
      match(filepath) {
        const parts = filepath.split("/");
        const levels = parts.length;
        const patterns = this._storage.filter((info2) => !info2.complete || info2.segments.length > levels);
        for (const pattern of patterns) {
          const section = pattern.sections[0];
          if (!pattern.complete && levels > section.length) {
            return true;
          }
          const match = parts.every((part, index) => {
            const segment = pattern.segments[index];
            if (segment.dynamic && segment.patternRe.test(part)) {
              return true;
            }
            if (!segment.dynamic && segment.pattern === part) {
              return true;
            }
            return false;
          });
          if (match) {
            return true;
          }
        }
        return false;
      }
    };
    exports.default = PartialMatcher;
  }
});

// node_modules/fast-glob/out/providers/filters/deep.js
var require_deep = __commonJS({
  "node_modules/fast-glob/out/providers/filters/deep.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils3();
    var partial_1 = require_partial();
    var DeepFilter = class {
      constructor(_settings, _micromatchOptions) {
        this._settings = _settings;
        this._micromatchOptions = _micromatchOptions;
      }
      getFilter(basePath, positive, negative) {
        const matcher = this._getMatcher(positive);
        const negativeRe = this._getNegativePatternsRe(negative);
        return (entry) => this._filter(basePath, entry, matcher, negativeRe);
      }
      _getMatcher(patterns) {
        return new partial_1.default(patterns, this._settings, this._micromatchOptions);
      }
      _getNegativePatternsRe(patterns) {
        const affectDepthOfReadingPatterns = patterns.filter(utils.pattern.isAffectDepthOfReadingPattern);
        return utils.pattern.convertPatternsToRe(affectDepthOfReadingPatterns, this._micromatchOptions);
      }
      _filter(basePath, entry, matcher, negativeRe) {
        if (this._isSkippedByDeep(basePath, entry.path)) {
          return false;
        }
        if (this._isSkippedSymbolicLink(entry)) {
          return false;
        }
        const filepath = utils.path.removeLeadingDotSegment(entry.path);
        if (this._isSkippedByPositivePatterns(filepath, matcher)) {
          return false;
        }
        return this._isSkippedByNegativePatterns(filepath, negativeRe);
      }
      _isSkippedByDeep(basePath, entryPath) {
        if (this._settings.deep === Infinity) {
          return false;
        }
        return this._getEntryLevel(basePath, entryPath) >= this._settings.deep;
      }
      _getEntryLevel(basePath, entryPath) {
        const entryPathDepth = entryPath.split("/").length;
        if (basePath === "") {
          return entryPathDepth;
        }
        const basePathDepth = basePath.split("/").length;
        return entryPathDepth - basePathDepth;
      }
      _isSkippedSymbolicLink(entry) {
        return !this._settings.followSymbolicLinks && entry.dirent.isSymbolicLink();
      }
      _isSkippedByPositivePatterns(entryPath, matcher) {
        return !this._settings.baseNameMatch && !matcher.match(entryPath);
      }
      _isSkippedByNegativePatterns(entryPath, patternsRe) {
        return !utils.pattern.matchAny(entryPath, patternsRe);
      }
    };
    exports.default = DeepFilter;
  }
});

// node_modules/fast-glob/out/providers/filters/entry.js
var require_entry = __commonJS({
  "node_modules/fast-glob/out/providers/filters/entry.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils3();
    var EntryFilter = class {
      constructor(_settings, _micromatchOptions) {
        this._settings = _settings;
        this._micromatchOptions = _micromatchOptions;
        this.index = /* @__PURE__ */ new Map();
      }
      getFilter(positive, negative) {
        const [absoluteNegative, relativeNegative] = utils.pattern.partitionAbsoluteAndRelative(negative);
        const patterns = {
          positive: {
            all: utils.pattern.convertPatternsToRe(positive, this._micromatchOptions)
          },
          negative: {
            absolute: utils.pattern.convertPatternsToRe(absoluteNegative, Object.assign(Object.assign({}, this._micromatchOptions), { dot: true })),
            relative: utils.pattern.convertPatternsToRe(relativeNegative, Object.assign(Object.assign({}, this._micromatchOptions), { dot: true }))
          }
        };
        return (entry) => this._filter(entry, patterns);
      }
      _filter(entry, patterns) {
        const filepath = utils.path.removeLeadingDotSegment(entry.path);
        if (this._settings.unique && this._isDuplicateEntry(filepath)) {
          return false;
        }
        if (this._onlyFileFilter(entry) || this._onlyDirectoryFilter(entry)) {
          return false;
        }
        const isMatched = this._isMatchToPatternsSet(filepath, patterns, entry.dirent.isDirectory());
        if (this._settings.unique && isMatched) {
          this._createIndexRecord(filepath);
        }
        return isMatched;
      }
      _isDuplicateEntry(filepath) {
        return this.index.has(filepath);
      }
      _createIndexRecord(filepath) {
        this.index.set(filepath, void 0);
      }
      _onlyFileFilter(entry) {
        return this._settings.onlyFiles && !entry.dirent.isFile();
      }
      _onlyDirectoryFilter(entry) {
        return this._settings.onlyDirectories && !entry.dirent.isDirectory();
      }
      _isMatchToPatternsSet(filepath, patterns, isDirectory2) {
        const isMatched = this._isMatchToPatterns(filepath, patterns.positive.all, isDirectory2);
        if (!isMatched) {
          return false;
        }
        const isMatchedByRelativeNegative = this._isMatchToPatterns(filepath, patterns.negative.relative, isDirectory2);
        if (isMatchedByRelativeNegative) {
          return false;
        }
        const isMatchedByAbsoluteNegative = this._isMatchToAbsoluteNegative(filepath, patterns.negative.absolute, isDirectory2);
        if (isMatchedByAbsoluteNegative) {
          return false;
        }
        return true;
      }
      _isMatchToAbsoluteNegative(filepath, patternsRe, isDirectory2) {
        if (patternsRe.length === 0) {
          return false;
        }
        const fullpath = utils.path.makeAbsolute(this._settings.cwd, filepath);
        return this._isMatchToPatterns(fullpath, patternsRe, isDirectory2);
      }
      _isMatchToPatterns(filepath, patternsRe, isDirectory2) {
        if (patternsRe.length === 0) {
          return false;
        }
        const isMatched = utils.pattern.matchAny(filepath, patternsRe);
        if (!isMatched && isDirectory2) {
          return utils.pattern.matchAny(filepath + "/", patternsRe);
        }
        return isMatched;
      }
    };
    exports.default = EntryFilter;
  }
});

// node_modules/fast-glob/out/providers/filters/error.js
var require_error = __commonJS({
  "node_modules/fast-glob/out/providers/filters/error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils3();
    var ErrorFilter = class {
      constructor(_settings) {
        this._settings = _settings;
      }
      getFilter() {
        return (error2) => this._isNonFatalError(error2);
      }
      _isNonFatalError(error2) {
        return utils.errno.isEnoentCodeError(error2) || this._settings.suppressErrors;
      }
    };
    exports.default = ErrorFilter;
  }
});

// node_modules/fast-glob/out/providers/transformers/entry.js
var require_entry2 = __commonJS({
  "node_modules/fast-glob/out/providers/transformers/entry.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils3();
    var EntryTransformer = class {
      constructor(_settings) {
        this._settings = _settings;
      }
      getTransformer() {
        return (entry) => this._transform(entry);
      }
      _transform(entry) {
        let filepath = entry.path;
        if (this._settings.absolute) {
          filepath = utils.path.makeAbsolute(this._settings.cwd, filepath);
          filepath = utils.path.unixify(filepath);
        }
        if (this._settings.markDirectories && entry.dirent.isDirectory()) {
          filepath += "/";
        }
        if (!this._settings.objectMode) {
          return filepath;
        }
        return Object.assign(Object.assign({}, entry), { path: filepath });
      }
    };
    exports.default = EntryTransformer;
  }
});

// node_modules/fast-glob/out/providers/provider.js
var require_provider = __commonJS({
  "node_modules/fast-glob/out/providers/provider.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path6 = __require("path");
    var deep_1 = require_deep();
    var entry_1 = require_entry();
    var error_1 = require_error();
    var entry_2 = require_entry2();
    var Provider = class {
      constructor(_settings) {
        this._settings = _settings;
        this.errorFilter = new error_1.default(this._settings);
        this.entryFilter = new entry_1.default(this._settings, this._getMicromatchOptions());
        this.deepFilter = new deep_1.default(this._settings, this._getMicromatchOptions());
        this.entryTransformer = new entry_2.default(this._settings);
      }
      _getRootDirectory(task) {
        return path6.resolve(this._settings.cwd, task.base);
      }
      _getReaderOptions(task) {
        const basePath = task.base === "." ? "" : task.base;
        return {
          basePath,
          pathSegmentSeparator: "/",
          concurrency: this._settings.concurrency,
          deepFilter: this.deepFilter.getFilter(basePath, task.positive, task.negative),
          entryFilter: this.entryFilter.getFilter(task.positive, task.negative),
          errorFilter: this.errorFilter.getFilter(),
          followSymbolicLinks: this._settings.followSymbolicLinks,
          fs: this._settings.fs,
          stats: this._settings.stats,
          throwErrorOnBrokenSymbolicLink: this._settings.throwErrorOnBrokenSymbolicLink,
          transform: this.entryTransformer.getTransformer()
        };
      }
      _getMicromatchOptions() {
        return {
          dot: this._settings.dot,
          matchBase: this._settings.baseNameMatch,
          nobrace: !this._settings.braceExpansion,
          nocase: !this._settings.caseSensitiveMatch,
          noext: !this._settings.extglob,
          noglobstar: !this._settings.globstar,
          posix: true,
          strictSlashes: false
        };
      }
    };
    exports.default = Provider;
  }
});

// node_modules/fast-glob/out/providers/async.js
var require_async6 = __commonJS({
  "node_modules/fast-glob/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var async_1 = require_async5();
    var provider_1 = require_provider();
    var ProviderAsync = class extends provider_1.default {
      constructor() {
        super(...arguments);
        this._reader = new async_1.default(this._settings);
      }
      async read(task) {
        const root = this._getRootDirectory(task);
        const options = this._getReaderOptions(task);
        const entries = await this.api(root, task, options);
        return entries.map((entry) => options.transform(entry));
      }
      api(root, task, options) {
        if (task.dynamic) {
          return this._reader.dynamic(root, options);
        }
        return this._reader.static(task.patterns, options);
      }
    };
    exports.default = ProviderAsync;
  }
});

// node_modules/fast-glob/out/providers/stream.js
var require_stream4 = __commonJS({
  "node_modules/fast-glob/out/providers/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var stream_2 = require_stream3();
    var provider_1 = require_provider();
    var ProviderStream = class extends provider_1.default {
      constructor() {
        super(...arguments);
        this._reader = new stream_2.default(this._settings);
      }
      read(task) {
        const root = this._getRootDirectory(task);
        const options = this._getReaderOptions(task);
        const source = this.api(root, task, options);
        const destination = new stream_1.Readable({ objectMode: true, read: () => {
        } });
        source.once("error", (error2) => destination.emit("error", error2)).on("data", (entry) => destination.emit("data", options.transform(entry))).once("end", () => destination.emit("end"));
        destination.once("close", () => source.destroy());
        return destination;
      }
      api(root, task, options) {
        if (task.dynamic) {
          return this._reader.dynamic(root, options);
        }
        return this._reader.static(task.patterns, options);
      }
    };
    exports.default = ProviderStream;
  }
});

// node_modules/fast-glob/out/readers/sync.js
var require_sync5 = __commonJS({
  "node_modules/fast-glob/out/readers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fsStat = require_out();
    var fsWalk = require_out3();
    var reader_1 = require_reader2();
    var ReaderSync = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._walkSync = fsWalk.walkSync;
        this._statSync = fsStat.statSync;
      }
      dynamic(root, options) {
        return this._walkSync(root, options);
      }
      static(patterns, options) {
        const entries = [];
        for (const pattern of patterns) {
          const filepath = this._getFullEntryPath(pattern);
          const entry = this._getEntry(filepath, pattern, options);
          if (entry === null || !options.entryFilter(entry)) {
            continue;
          }
          entries.push(entry);
        }
        return entries;
      }
      _getEntry(filepath, pattern, options) {
        try {
          const stats = this._getStat(filepath);
          return this._makeEntry(stats, pattern);
        } catch (error2) {
          if (options.errorFilter(error2)) {
            return null;
          }
          throw error2;
        }
      }
      _getStat(filepath) {
        return this._statSync(filepath, this._fsStatSettings);
      }
    };
    exports.default = ReaderSync;
  }
});

// node_modules/fast-glob/out/providers/sync.js
var require_sync6 = __commonJS({
  "node_modules/fast-glob/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var sync_1 = require_sync5();
    var provider_1 = require_provider();
    var ProviderSync = class extends provider_1.default {
      constructor() {
        super(...arguments);
        this._reader = new sync_1.default(this._settings);
      }
      read(task) {
        const root = this._getRootDirectory(task);
        const options = this._getReaderOptions(task);
        const entries = this.api(root, task, options);
        return entries.map(options.transform);
      }
      api(root, task, options) {
        if (task.dynamic) {
          return this._reader.dynamic(root, options);
        }
        return this._reader.static(task.patterns, options);
      }
    };
    exports.default = ProviderSync;
  }
});

// node_modules/fast-glob/out/settings.js
var require_settings4 = __commonJS({
  "node_modules/fast-glob/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DEFAULT_FILE_SYSTEM_ADAPTER = void 0;
    var fs6 = __require("fs");
    var os6 = __require("os");
    var CPU_COUNT = Math.max(os6.cpus().length, 1);
    exports.DEFAULT_FILE_SYSTEM_ADAPTER = {
      lstat: fs6.lstat,
      lstatSync: fs6.lstatSync,
      stat: fs6.stat,
      statSync: fs6.statSync,
      readdir: fs6.readdir,
      readdirSync: fs6.readdirSync
    };
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.absolute = this._getValue(this._options.absolute, false);
        this.baseNameMatch = this._getValue(this._options.baseNameMatch, false);
        this.braceExpansion = this._getValue(this._options.braceExpansion, true);
        this.caseSensitiveMatch = this._getValue(this._options.caseSensitiveMatch, true);
        this.concurrency = this._getValue(this._options.concurrency, CPU_COUNT);
        this.cwd = this._getValue(this._options.cwd, process.cwd());
        this.deep = this._getValue(this._options.deep, Infinity);
        this.dot = this._getValue(this._options.dot, false);
        this.extglob = this._getValue(this._options.extglob, true);
        this.followSymbolicLinks = this._getValue(this._options.followSymbolicLinks, true);
        this.fs = this._getFileSystemMethods(this._options.fs);
        this.globstar = this._getValue(this._options.globstar, true);
        this.ignore = this._getValue(this._options.ignore, []);
        this.markDirectories = this._getValue(this._options.markDirectories, false);
        this.objectMode = this._getValue(this._options.objectMode, false);
        this.onlyDirectories = this._getValue(this._options.onlyDirectories, false);
        this.onlyFiles = this._getValue(this._options.onlyFiles, true);
        this.stats = this._getValue(this._options.stats, false);
        this.suppressErrors = this._getValue(this._options.suppressErrors, false);
        this.throwErrorOnBrokenSymbolicLink = this._getValue(this._options.throwErrorOnBrokenSymbolicLink, false);
        this.unique = this._getValue(this._options.unique, true);
        if (this.onlyDirectories) {
          this.onlyFiles = false;
        }
        if (this.stats) {
          this.objectMode = true;
        }
        this.ignore = [].concat(this.ignore);
      }
      _getValue(option, value) {
        return option === void 0 ? value : option;
      }
      _getFileSystemMethods(methods = {}) {
        return Object.assign(Object.assign({}, exports.DEFAULT_FILE_SYSTEM_ADAPTER), methods);
      }
    };
    exports.default = Settings;
  }
});

// node_modules/fast-glob/out/index.js
var require_out4 = __commonJS({
  "node_modules/fast-glob/out/index.js"(exports, module) {
    "use strict";
    var taskManager = require_tasks();
    var async_1 = require_async6();
    var stream_1 = require_stream4();
    var sync_1 = require_sync6();
    var settings_1 = require_settings4();
    var utils = require_utils3();
    async function FastGlob(source, options) {
      assertPatternsInput(source);
      const works = getWorks(source, async_1.default, options);
      const result = await Promise.all(works);
      return utils.array.flatten(result);
    }
    (function(FastGlob2) {
      FastGlob2.glob = FastGlob2;
      FastGlob2.globSync = sync2;
      FastGlob2.globStream = stream;
      FastGlob2.async = FastGlob2;
      function sync2(source, options) {
        assertPatternsInput(source);
        const works = getWorks(source, sync_1.default, options);
        return utils.array.flatten(works);
      }
      FastGlob2.sync = sync2;
      function stream(source, options) {
        assertPatternsInput(source);
        const works = getWorks(source, stream_1.default, options);
        return utils.stream.merge(works);
      }
      FastGlob2.stream = stream;
      function generateTasks(source, options) {
        assertPatternsInput(source);
        const patterns = [].concat(source);
        const settings = new settings_1.default(options);
        return taskManager.generate(patterns, settings);
      }
      FastGlob2.generateTasks = generateTasks;
      function isDynamicPattern(source, options) {
        assertPatternsInput(source);
        const settings = new settings_1.default(options);
        return utils.pattern.isDynamicPattern(source, settings);
      }
      FastGlob2.isDynamicPattern = isDynamicPattern;
      function escapePath(source) {
        assertPatternsInput(source);
        return utils.path.escape(source);
      }
      FastGlob2.escapePath = escapePath;
      function convertPathToPattern(source) {
        assertPatternsInput(source);
        return utils.path.convertPathToPattern(source);
      }
      FastGlob2.convertPathToPattern = convertPathToPattern;
      let posix;
      (function(posix2) {
        function escapePath2(source) {
          assertPatternsInput(source);
          return utils.path.escapePosixPath(source);
        }
        posix2.escapePath = escapePath2;
        function convertPathToPattern2(source) {
          assertPatternsInput(source);
          return utils.path.convertPosixPathToPattern(source);
        }
        posix2.convertPathToPattern = convertPathToPattern2;
      })(posix = FastGlob2.posix || (FastGlob2.posix = {}));
      let win32;
      (function(win322) {
        function escapePath2(source) {
          assertPatternsInput(source);
          return utils.path.escapeWindowsPath(source);
        }
        win322.escapePath = escapePath2;
        function convertPathToPattern2(source) {
          assertPatternsInput(source);
          return utils.path.convertWindowsPathToPattern(source);
        }
        win322.convertPathToPattern = convertPathToPattern2;
      })(win32 = FastGlob2.win32 || (FastGlob2.win32 = {}));
    })(FastGlob || (FastGlob = {}));
    function getWorks(source, _Provider, options) {
      const patterns = [].concat(source);
      const settings = new settings_1.default(options);
      const tasks = taskManager.generate(patterns, settings);
      const provider = new _Provider(settings);
      return tasks.map(provider.read, provider);
    }
    function assertPatternsInput(input) {
      const source = [].concat(input);
      const isValidSource = source.every((item) => utils.string.isString(item) && !utils.string.isEmpty(item));
      if (!isValidSource) {
        throw new TypeError("Patterns must be a string (non empty) or an array of strings");
      }
    }
    module.exports = FastGlob;
  }
});

// src/main.ts
import fs5 from "node:fs";

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
  const done = input.mode === "remove" ? "removed" : input.mode === "prune-previews" ? "pruned" : input.mode === "rollback" ? "rolled back" : input.mode === "promote" ? "promoted" : "published";
  const status2 = failed ? "failed" : input.dryRun ? "dry run, nothing was written" : done;
  lines.push(`## cdn-publish: ${input.target} (${status2})`, "");
  const verb = {
    publish: "Publish",
    remove: "Remove",
    "prune-previews": "Prune previews",
    rollback: "Roll back",
    promote: "Promote"
  };
  const what = `${verb[input.mode ?? "publish"]}${input.preview && input.mode !== "prune-previews" ? " preview" : ""}`;
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
      ...c.copied ? [`| Copied from the live build${would} | ${c.copied} | 0 B sent |`] : [],
      `| Headers updated${would} | ${c.updated} | 0 B |`,
      `| Deleted${would} | ${c.deleted} | |`,
      `| Unchanged | ${c.unchanged} | |`,
      ""
    );
  }
  lines.push(`Duration: ${(input.durationMs / 1e3).toFixed(1)} s`, "");
  if (input.concurrency) lines.push(concurrencyLine(input.concurrency), "");
  if (input.prune) lines.push(...pruneSection(input.prune, cap));
  const b = input.build;
  if (b) {
    const live = input.dryRun ? "would be live" : b.unchanged ? "was live already" : "is live";
    lines.push(`### Build ${code(b.id)} ${live}`, "");
    lines.push(
      b.previous ? `Previous build: ${code(b.previous)}. To go back to it, run the action with \`mode: rollback\` (one KeyValueStore write, nothing re-uploaded), or \`rollback-to: <build-id>\` for an older one.` : "No previous build: this is the first atomic deploy of this site.",
      ""
    );
    if (b.retired.length > 0)
      lines.push(`Retired (keep-builds): ${b.retired.map(code).join(", ")}.`, "");
    if (b.deleted.length > 0) lines.push(`Deleted: ${b.deleted.map(code).join(", ")}.`, "");
  }
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
    if (d.store)
      lines.push(`| Site behaviour | KeyValueStore ${code(d.store.name)} (${code(d.store.arn)}) |`);
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
function concurrencyLine(c) {
  if (c.mode === "fixed")
    return `Requests in flight: ${c.settled} (fixed by the concurrency input).`;
  const peak = c.peak > c.settled ? `, peak ${c.peak}` : "";
  return `Requests in flight: settled on ${c.settled} (concurrency: auto, started at ${AUTO_START}${peak}): ${c.why ?? ""}.`;
}
function pruneSection(prune, cap) {
  const gone = prune.previews.filter((p) => p.remove && p.error === void 0).length;
  const kept = prune.previews.filter((p) => !p.remove).length;
  const failed = prune.previews.filter((p) => p.error !== void 0).length;
  const lines = [
    `### Previews under ${code(`${prune.root}/`)}: ${gone} ${prune.dryRun ? "would be removed" : "removed"}, ${kept} kept${failed ? `, ${failed} failed` : ""}`,
    ""
  ];
  if (prune.previews.length === 0) return [...lines, "No previews found.", ""];
  lines.push("| Preview | Pull request | Action | Why |", "| --- | --- | --- | --- |");
  for (const p of prune.previews.slice(0, cap)) {
    const action = p.error !== void 0 ? `not removed: ${cell(p.error)}` : p.remove ? `${prune.dryRun ? "would be removed" : "removed"}${p.deleted !== void 0 ? ` (${p.deleted} objects)` : ""}` : "kept";
    lines.push(
      `| ${code(p.name)} | ${p.number === void 0 ? "-" : `#${p.number}`} | ${action} | ${cell(p.reason)} |`
    );
  }
  if (prune.previews.length > cap)
    lines.push(`| ... and ${prune.previews.length - cap} more | | | |`);
  lines.push("");
  return lines;
}

// src/action/outputs.ts
function setOutputs(state) {
  const { result, distribution } = state;
  const c = result?.dryRun ? result.planned : result?.done;
  setOutput("uploaded", String(c?.uploaded ?? 0));
  setOutput("updated", String(c?.updated ?? 0));
  const pruned = state.prune?.previews.filter((p) => p.remove && p.error === void 0);
  setOutput(
    "deleted",
    String(pruned ? pruned.reduce((sum, p) => sum + (p.deleted ?? 0), 0) : c?.deleted ?? 0)
  );
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
  setOutput("build-id", state.build?.id ?? "");
  setOutput("previous-build-id", state.build?.previous ?? "");
  setOutput("signed-urls", state.signedUrls ? JSON.stringify(state.signedUrls) : "{}");
  setOutput("pruned", JSON.stringify((pruned ?? []).map((p) => p.prefix)));
}
async function writeSummary(input) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await summary.addRaw(renderSummary(input)).write();
  } catch (error2) {
    warning(`Could not write the job summary: ${errorMessage(error2)}`);
  }
}

// src/action/secrets.ts
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

// src/action/log.ts
var log = {
  // Warnings and debug lines are workflow commands, whose data the runner escapes; info lines go out
  // as they are, so they are made printable (text.ts) here.
  info: (message) => info(printable(message)),
  warning: (message) => warning(message),
  debug: (message) => debug(message),
  debugging: isDebug(),
  group: (name, work) => group(name, work)
};

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
  const { getOctokit } = await import("./chunks/github-MRRQ5PZX.js");
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
  const status2 = error2.status;
  return typeof status2 === "number" ? status2 : void 0;
}
function skipped(target, reason2) {
  let text = target.token.length >= 4 ? reason2.split(target.token).join("***") : reason2;
  text = escapeUnsafe(text);
  if (text.length > MAX_REASON) {
    const cut = /[\ud800-\udbff]/.test(text.charAt(MAX_REASON - 2)) ? MAX_REASON - 2 : MAX_REASON - 1;
    text = `${text.slice(0, cut)}…`;
  }
  return { action: "skipped", reason: `could not comment on #${target.number}: ${text}` };
}

// src/deploy/comment.ts
async function comment(config, env, state, failed) {
  const { token, apiUrl, context } = config.github;
  if (config.mode === "prune-previews") return;
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

// src/core/deployments.ts
var PRODUCTION = "production";
var MAX_ENVIRONMENT = 255;
var MAX_DESCRIPTION = 140;
function previewEnvironment(number, ownPart) {
  return number !== void 0 ? `preview/pr-${number}` : `preview/${ownPart || "preview"}`;
}
function environmentName(input, preview) {
  if (input !== "") return input;
  return preview.enabled ? previewEnvironment(preview.number, preview.ownPart) : PRODUCTION;
}
function environmentProblem(name) {
  if ([...name].length > MAX_ENVIRONMENT)
    return `an environment name is at most ${MAX_ENVIRONMENT} characters`;
  return void 0;
}
function shortDescription(text) {
  if (text.length <= MAX_DESCRIPTION) return text;
  let cut = "";
  for (const ch of text) {
    if (cut.length + ch.length > MAX_DESCRIPTION - 1) break;
    cut += ch;
  }
  return `${cut}…`;
}
function deploymentRequest(input) {
  return {
    ref: input.ref,
    environment: input.environment,
    description: shortDescription(input.description),
    task: "deploy",
    auto_merge: false,
    required_contexts: [],
    transient_environment: input.transient,
    // What GitHub assumes itself when the field is left out, said explicitly: only `production` is.
    production_environment: !input.transient && input.environment === PRODUCTION
  };
}
function statusRequest(input) {
  return {
    state: input.state,
    description: shortDescription(input.description),
    ...input.environmentUrl ? { environment_url: input.environmentUrl } : {},
    ...input.logUrl ? { log_url: input.logUrl } : {}
  };
}
function runLink(run2) {
  if (!run2.runId || !run2.repository || !/^\d+$/.test(run2.runId)) return void 0;
  const server = (run2.server || "https://github.com").replace(/\/+$/, "");
  const base = `${server}/${run2.repository}/actions/runs/${run2.runId}`;
  return run2.attempt && /^\d+$/.test(run2.attempt) && run2.attempt !== "1" ? `${base}/attempts/${run2.attempt}` : base;
}
function toDeactivate(deployments) {
  return deployments.filter((d) => d.latest !== "inactive").map((d) => d.id);
}

// src/github/deployments.ts
var DeploymentApiError = class extends Error {
  constructor(message, status2) {
    super(message);
    this.status = status2;
  }
  status;
  name = "DeploymentApiError";
};
var PER_PAGE2 = 100;
var MAX_PAGES2 = 10;
var MAX_REASON2 = 300;
async function createDeployment(target, body, options = {}) {
  const { owner, repo } = repository(target);
  return guarded(target, "create a deployment", async () => {
    const octokit = await githubClient(target.token, target.apiUrl, options);
    const created = await octokit.rest.repos.createDeployment({ owner, repo, ...body });
    const id = created.data?.id;
    if (!isId2(id)) throw new DeploymentApiError("the API answered without a deployment id");
    return id;
  });
}
async function createStatus(target, deploymentId, body, options = {}) {
  const { owner, repo } = repository(target);
  await guarded(target, `set deployment ${deploymentId} to ${body.state}`, async () => {
    const octokit = await githubClient(target.token, target.apiUrl, options);
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deploymentId,
      ...body
    });
  });
}
async function deactivateEnvironment(target, environment, status2, options = {}) {
  const { owner, repo } = repository(target);
  return guarded(target, `mark the deployments of ${quoted(environment)} inactive`, async () => {
    const octokit = await githubClient(target.token, target.apiUrl, options);
    const seen = [];
    let pages = 0;
    for await (const page of octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
      owner,
      repo,
      environment,
      per_page: PER_PAGE2
    })) {
      if (!Array.isArray(page.data))
        throw new DeploymentApiError("the API answered the deployment list with no list");
      for (const d of page.data) {
        if (!isId2(d.id)) continue;
        const statuses = await octokit.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: d.id,
          per_page: 1
        });
        const latest = Array.isArray(statuses.data) ? statuses.data[0]?.state : void 0;
        seen.push({ id: d.id, latest: typeof latest === "string" ? latest : void 0 });
      }
      if (++pages >= MAX_PAGES2) break;
    }
    const deactivated = [];
    for (const id of toDeactivate(seen)) {
      await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, ...status2 });
      deactivated.push(id);
    }
    return { seen: seen.length, deactivated };
  });
}
function repository(target) {
  const [owner, repo, extra] = target.repository.split("/");
  if (!owner || !repo || extra !== void 0)
    throw new DeploymentApiError(
      `GITHUB_REPOSITORY is not owner/name: ${quoted(target.repository)}`
    );
  return { owner, repo };
}
async function guarded(target, doing, work) {
  try {
    return await work();
  } catch (error2) {
    throw new DeploymentApiError(
      `could not ${doing}: ${safe(target, why2(error2))}`,
      httpStatus2(error2)
    );
  }
}
function isId2(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
function why2(error2) {
  if (error2 instanceof GitHubTimeoutError || error2 instanceof GitHubRefusedError || error2 instanceof DeploymentApiError)
    return error2.message;
  const http = httpStatus2(error2);
  if (http === 401 || http === 403 || http === 404)
    return `the GitHub API answered ${http}: the token may not write deployments here (give the job \`permissions: deployments: write\`)`;
  const message = errorMessage(error2);
  return http === void 0 ? message : `the GitHub API answered ${http}: ${message}`;
}
function httpStatus2(error2) {
  if (error2 instanceof DeploymentApiError) return error2.status;
  if (!error2 || typeof error2 !== "object" || !("response" in error2) || !error2.response) return;
  const status2 = error2.status;
  return typeof status2 === "number" ? status2 : void 0;
}
function safe(target, reason2) {
  let text = target.token.length >= 4 ? reason2.split(target.token).join("***") : reason2;
  text = escapeUnsafe(text);
  const chars = [...text];
  return chars.length > MAX_REASON2 ? `${chars.slice(0, MAX_REASON2 - 1).join("")}…` : text;
}

// src/deploy/deployment.ts
async function deploymentStarted(config, env, state) {
  const { deployment } = config.github;
  if (!deployment.enabled) return;
  const environment = shown(deployment.environment);
  if (config.dryRun) {
    log.info(
      `Dry run: no GitHub deployment of ${environment} is ${config.mode === "remove" ? "marked inactive" : "created"}.`
    );
    return;
  }
  const target = targetOf(config);
  if (!target) {
    log.info(`No github-token: no GitHub deployment of ${environment} is recorded.`);
    return;
  }
  if (config.mode === "remove" || config.mode === "prune-previews") return;
  if (config.mode === "rollback" || config.mode === "promote") return;
  const id = await open2(target, {
    environment: deployment.environment,
    ref: config.github.context.sha ?? env.GITHUB_SHA,
    description: `cdn-publish: s3://${config.bucket}/${listPrefix(config.prefix)}`,
    transient: deployment.transient
  });
  if (id === void 0) return;
  state.deployment = { id, environment: deployment.environment, logUrl: logUrlOf(config, env) };
  await status(
    target,
    state.deployment,
    { state: "in_progress", description: "Publishing" },
    state.deployment.logUrl
  );
}
async function deploymentFinished(config, env, state, failed) {
  const { deployment } = config.github;
  const target = targetOf(config);
  if (!deployment.enabled || config.dryRun || !target || config.mode === "prune-previews") return;
  if (config.mode === "remove") {
    if (failed) return;
    const environment = shown(deployment.environment);
    try {
      const done = await deactivateEnvironment(
        target,
        deployment.environment,
        statusRequest({
          state: "inactive",
          description: "Removed by cdn-publish",
          logUrl: logUrlOf(config, env)
        })
      );
      log.info(
        `GitHub deployments of ${environment}: ${done.deactivated.length} of ${done.seen} marked inactive.`
      );
    } catch (error2) {
      warning(`GitHub deployment: ${errorMessage(error2)}. The removal itself succeeded.`);
    }
    return;
  }
  if (config.mode === "rollback" || config.mode === "promote") {
    const build = state.build;
    if (failed || !build || build.unchanged) return;
    const production = config.mode === "promote";
    await recordDeployment(config, env, {
      environment: production ? PRODUCTION : deployment.environment,
      ref: build.sha ?? config.github.context.sha ?? env.GITHUB_SHA ?? "",
      url: state.url,
      description: `cdn-publish: build ${build.id} made live (${config.mode})`,
      ...production ? { transient: false } : {}
    });
    return;
  }
  if (!state.deployment) return;
  await status(
    target,
    state.deployment,
    failed ? (
      // The site may still serve the previous deploy, or part of this one: no URL to vouch for.
      { state: "failure", description: "The deploy failed; see the run log" }
    ) : { state: "success", description: "Published by cdn-publish", url: state.url },
    state.deployment.logUrl
  );
}
async function deploymentCancelled(config, state, withinMs) {
  const target = targetOf(config);
  if (!state.deployment || !target) return;
  await status(
    target,
    state.deployment,
    { state: "error", description: "The run was cancelled" },
    state.deployment.logUrl,
    { requestTimeoutMs: withinMs, deadlineMs: withinMs }
  );
}
async function recordDeployment(config, env, input) {
  const target = targetOf(config);
  if (!config.github.deployment.enabled || config.dryRun || !target) return void 0;
  const id = await open2(target, {
    environment: input.environment,
    ref: input.ref,
    description: input.description,
    transient: input.transient ?? config.github.deployment.transient
  });
  if (id === void 0) return void 0;
  await status(
    target,
    { id, environment: input.environment },
    { state: "success", description: input.description, url: input.url },
    logUrlOf(config, env)
  );
  return id;
}
function targetOf(config) {
  const { token, apiUrl, context } = config.github;
  return token ? { token, apiUrl, repository: context.repository ?? "" } : void 0;
}
function logUrlOf(config, env) {
  return runLink({
    server: env.GITHUB_SERVER_URL,
    repository: config.github.context.repository,
    runId: env.GITHUB_RUN_ID,
    attempt: env.GITHUB_RUN_ATTEMPT
  });
}
async function open2(target, input) {
  if (!input.ref) {
    warning(
      `GitHub deployment: no commit SHA (GITHUB_SHA) to deploy, so none of ${shown(input.environment)} is recorded. The deploy goes on.`
    );
    return void 0;
  }
  try {
    const id = await createDeployment(target, deploymentRequest({ ...input, ref: input.ref }));
    log.info(`GitHub deployment ${id} of ${shown(input.environment)} created for ${input.ref}.`);
    return id;
  } catch (error2) {
    warning(`GitHub deployment: ${errorMessage(error2)}. The deploy goes on without one.`);
    return void 0;
  }
}
async function status(target, deployment, body, logUrl, options) {
  const { state, description, url } = body;
  try {
    await createStatus(
      target,
      deployment.id,
      statusRequest({ state, description, environmentUrl: url, logUrl }),
      options
    );
    log.info(
      `GitHub deployment ${deployment.id} of ${shown(deployment.environment)}: ${state}${url ? ` (${url})` : ""}.`
    );
  } catch (error2) {
    const after = {
      in_progress: "The deploy goes on.",
      success: "The deploy itself succeeded.",
      failure: "The deploy itself failed.",
      error: "The run was cancelled."
    }[state];
    warning(`GitHub deployment: ${errorMessage(error2)}. ${after}`);
  }
}

// src/core/held-log.ts
var HeldLog = class {
  constructor(debugging) {
    this.debugging = debugging;
  }
  debugging;
  lines = [];
  /** Where lines go now: the innermost open group's list. */
  into = this.lines;
  info = (message) => void this.into.push({ kind: "info", message });
  warning = (message) => void this.into.push({ kind: "warning", message });
  debug = (message) => void this.into.push({ kind: "debug", message });
  group = async (name, work) => {
    const outer = this.into;
    const group2 = { kind: "group", name, lines: [] };
    outer.push(group2);
    this.into = group2.lines;
    try {
      return await work();
    } finally {
      this.into = outer;
    }
  };
  /** Print what was held, in order, to `log` (and forget it). */
  async playTo(log2) {
    const lines = this.lines.splice(0);
    await play(lines, log2);
  }
};
async function play(lines, log2) {
  for (const line of lines) {
    if (line.kind === "group") await log2.group(line.name, () => play(line.lines, log2));
    else log2[line.kind](line.message);
  }
}

// src/deploy/clock.ts
function clock(env) {
  return new Date(clockMs(env)());
}
function clockMs(env) {
  const fixed = env.CDN_PUBLISH_NOW ? new Date(env.CDN_PUBLISH_NOW).getTime() : NaN;
  const offset = Number.isNaN(fixed) ? 0 : fixed - Date.now();
  return () => Date.now() + offset;
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
  writeState() {
    this.writes.push("state");
    return Promise.resolve();
  }
  upload(file, _headers) {
    this.writes.push(`upload ${file.key}`);
    return Promise.resolve({ etag: file.md5 });
  }
  updateHeaders(file) {
    this.writes.push(`update ${file.key}`);
    return Promise.resolve({ etag: file.md5 });
  }
  deleteMany(keys) {
    for (const key of keys) this.writes.push(`delete ${key}`);
    return Promise.resolve({ deleted: [...keys], failed: [] });
  }
  markRemoved(key, since) {
    this.writes.push(`mark ${key}`);
    return Promise.resolve(since);
  }
  unmark(key) {
    this.writes.push(`unmark ${key}`);
    return Promise.resolve();
  }
  copyNotFound(from, to) {
    this.writes.push(`copy ${from} -> ${to}`);
    return Promise.resolve();
  }
  copyFrom(from, file) {
    this.writes.push(`copy ${from} -> ${file.key}`);
    return Promise.resolve({ etag: file.md5 });
  }
  readText(key) {
    return this.inner.readText(key);
  }
  writeText(key) {
    this.writes.push(`write ${key}`);
    return Promise.resolve();
  }
};

// src/deploy/sides.ts
var DRY_RUN_NOTE = "Dry run: the bucket and the distribution are read, nothing is written.";
var s3Module;
var cloudFrontModule;
function preload(which2) {
  const loading = which2 === "s3" ? loadS3() : loadCloudFront();
  loading.catch(() => void 0);
}
function loadS3() {
  return s3Module ??= import("./chunks/s3-HGD7XSRM.js");
}
function loadCloudFront() {
  return cloudFrontModule ??= import("./chunks/cloudfront-JUG3AU2B.js");
}
async function s3Side(config) {
  const s3 = await loadS3();
  const client = s3.createS3Client(config);
  const gate = s3.requestGate(
    client,
    config.concurrency,
    `s3://${config.bucket}/${listPrefix(config.prefix)}`
  );
  const at = (prefix) => {
    const store = new s3.S3Store(client, { ...config, prefix, gate });
    return config.dryRun ? new DryRunStore(store) : store;
  };
  return {
    store: at(config.prefix),
    admin: new s3.BucketAdmin(client, config.bucket, config.region),
    at,
    concurrency: () => gate.report
  };
}
async function cloudFront(config) {
  if (!config.cdn.enabled) {
    log.info(`CloudFront: skipped, because ${config.cdn.skipReason}.`);
    return void 0;
  }
  const cf = await loadCloudFront();
  const client = cf.createCloudFrontClient(config.cdn.endpoint, config.requestTimeoutSeconds);
  return {
    cf,
    api: new cf.CloudFrontApi(client, {
      endpoint: config.cdn.storeEndpoint,
      requestTimeoutSeconds: config.requestTimeoutSeconds
    })
  };
}
async function s3Reader(config) {
  const s3 = await loadS3();
  const client = s3.createS3Client(config);
  return {
    folders: (prefix) => s3.listFolders(client, config.bucket, prefix),
    objects: (prefix) => new s3.S3Store(client, {
      bucket: config.bucket,
      prefix,
      concurrency: config.concurrency
    }).list()
  };
}

// src/deploy/urls.ts
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

// src/deploy/cdn-steps.ts
var EarlyCdn = class {
  held = new HeldLog(log.debugging);
  work;
  /** `next`: what may follow at once on a distribution created now (its routing data). */
  constructor(config, env, admin, remembered, next) {
    this.work = (async () => {
      const loaded = await cloudFront(config);
      if (!loaded) return void 0;
      const early = await loaded.cf.createIfMissing({
        ...ensureArgs(config, env, admin, loaded, remembered),
        log: this.held
      });
      if (early.created && next)
        await next(early.created, loaded.api, this.held).catch(
          (error2) => (
            // Done again after the uploads, where its failure fails the run.
            this.held.debug(`Not written during the uploads: ${errorMessage(error2)}`)
          )
        );
      return early;
    })();
    this.work.catch(() => void 0);
  }
  /** Whether taken() was called: what it did has been recorded or shown. */
  get isTaken() {
    return this.took;
  }
  took = false;
  /** What it did; its lines are shown now, or (a distribution found) by ensureDistribution's group. */
  async taken() {
    this.took = true;
    try {
      const early = await this.work ?? {};
      if (!early.found) await this.held.playTo(log);
      return early;
    } catch (error2) {
      await this.held.playTo(log);
      throw error2;
    }
  }
};
async function ensureCdn(config, env, state, admin, remembered, early) {
  state.talking = "cloudfront";
  const loaded = await cloudFront(config);
  state.cdnChecked = loaded === void 0;
  if (!loaded) return;
  state.cdnApi = loaded;
  const { cf } = loaded;
  const ahead = early ? await early.taken() : {};
  state.distribution = "created" in ahead ? ahead.created : await cf.ensureDistribution({
    ...ensureArgs(config, env, admin, loaded, remembered ?? state.result?.remembered),
    ...ahead.found ? { found: ahead.found } : {}
  });
  record(cf, config, state);
}
function ensureArgs(config, env, admin, { cf, api }, remembered) {
  return {
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    remembered: cf.readRemembered(remembered),
    now: clockMs(env)
  };
}
function record(cf, config, state) {
  state.cdnChecked = true;
  state.remember = cf.rememberOf(config, state.distribution);
  const distribution = state.distribution;
  if (!distribution) return;
  state.distributionCreated = distribution.action === "created";
  state.url = siteUrlOf(cf, config, distribution);
  state.signedUrls = signedUrlsOf(cf, config, distribution, state.url);
}
async function settleEarlyCdn(config, state, early) {
  if (!early || early.isTaken) return;
  try {
    const ahead = await early.taken();
    if (ahead.found?.lines) await ahead.found.lines.playTo(log);
    if (!ahead.created) return;
    const loaded = await cloudFront(config);
    if (!loaded) return;
    state.cdnApi = loaded;
    state.distribution = ahead.created;
    record(loaded.cf, config, state);
  } catch (error2) {
    warning(
      `The CloudFront distribution set up during the uploads: ${errorMessage(error2)}. The next run sets it up again.`
    );
  }
}
async function invalidateCdn(config, env, state, pending) {
  const distribution = state.distribution;
  const loaded = state.cdnApi;
  if (!distribution || !loaded) return;
  const { cf, api } = loaded;
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
      pending,
      also: state.alsoInvalidate,
      log,
      env,
      dryRun: config.dryRun
    });
}
function stillToInvalidate(config, state) {
  const result = state.result;
  if (!result || !config.cdn.enabled || !config.cdn.invalidate || config.atomic.enabled) return [];
  const sent = state.invalidation && (state.invalidation.ids.length > 0 || state.invalidation.plan.paths.length === 0);
  if (sent) return [];
  if (state.cdnChecked && (!state.distribution || state.distribution.action === "created"))
    return [];
  return [.../* @__PURE__ */ new Set([...result.pendingInvalidation, ...result.changedApplied])];
}

// src/core/site/builds.ts
import { createHash } from "node:crypto";
var BUILD_RECORD = `${STATE_DIR}/build.json`;
function buildPrefix(basePrefix, id) {
  return joinKey(basePrefix, `${BUILDS_DIR}/${id}`);
}
function buildNamespace(id) {
  return namespaceOf(`/${BUILDS_DIR}/${id}/`);
}
function buildDigest(files) {
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    hash.update(`${f.key}\0${f.md5}\0${JSON.stringify(f.headers)}
`);
  return hash.digest("hex");
}
function buildCandidates(sha, attempt, digest) {
  if (!sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return [`content-${digest.slice(0, 12)}`];
  const short = sha.toLowerCase().slice(0, 12);
  const run2 = /^[0-9]{1,9}$/.test(attempt) ? attempt : "1";
  return [short, `${short}-${run2}`, ...[2, 3, 4, 5].map((n) => `${short}-${run2}-${n}`)];
}
function encodeRecord(record2) {
  return `${JSON.stringify(record2, null, 2)}
`;
}
function parseRecord(text) {
  try {
    const r = JSON.parse(text);
    const site = r.site;
    if (typeof r.id !== "string" || !BUILD_ID.test(r.id) || typeof r.root !== "string" || typeof r.digest !== "string" || typeof r.at !== "string" || !site || typeof site.g !== "string" || !/^[0-9a-f]{8}$/.test(site.g) || ![site.b, site.r, site.h].every((n) => Number.isInteger(n) && n >= 0 && n <= 64 * 1024) || site.b > 16)
      return void 0;
    return {
      id: r.id,
      root: r.root,
      sha: typeof r.sha === "string" ? r.sha : void 0,
      digest: r.digest,
      files: Number(r.files) || 0,
      bytes: Number(r.bytes) || 0,
      at: r.at,
      site: { g: site.g, b: site.b, r: site.r, h: site.h, n: site.n === 1 ? 1 : 0 }
    };
  } catch {
    return void 0;
  }
}
function holds(meta, id) {
  if (!meta) return false;
  return meta.a === id || meta.v === id || (meta.k ?? []).includes(id) || (meta.x ?? []).some(([b]) => b === id);
}
function liveMeta(current, id, site) {
  const switching = current?.a !== void 0 && current.a !== id;
  const previous = switching ? current.a : current?.v;
  const before = switching ? { g: current.g, b: current.b, r: current.r, h: current.h, n: current.n } : current?.q;
  const x = (current?.x ?? []).filter(([b]) => b !== id);
  return {
    ...site,
    // The in-place generation stays named, so that a return to in-place deploys removes it.
    ...current?.a === void 0 && current ? { p: { g: current.g, b: current.b, r: current.r, h: current.h } } : current?.p ? { p: current.p } : {},
    a: id,
    s: buildNamespace(id),
    ...previous !== void 0 && previous !== id ? { v: previous, ...before ? { q: before } : {} } : {},
    k: [id, ...(current?.k ?? []).filter((b) => b !== id)],
    ...x.length > 0 ? { x } : {}
  };
}
function retire(meta, keep, nowSeconds, graceSeconds) {
  const k = meta.k ?? [];
  const kept = k.filter((b, i) => i < keep || b === meta.a || b === meta.v);
  const retired = k.filter((b) => !kept.includes(b));
  const x = [
    ...(meta.x ?? []).filter(([b]) => !kept.includes(b)),
    ...retired.filter((b) => !(meta.x ?? []).some(([r]) => r === b)).map((b) => [b, nowSeconds])
  ];
  const expired = x.filter(([, t]) => t + graceSeconds <= nowSeconds).map(([b]) => b);
  const next = { ...meta, k: kept };
  if (x.length > 0) next.x = x;
  else delete next.x;
  while (Buffer.byteLength(JSON.stringify(next)) > VALUE_MAX && next.x && next.x.length > 0) {
    const [oldest] = next.x;
    next.x = next.x.slice(1);
    if (!expired.includes(oldest[0])) expired.push(oldest[0]);
  }
  return { meta: next, expired, retired };
}
function withoutRetired(meta, deleted) {
  const x = (meta.x ?? []).filter(([b]) => !deleted.includes(b));
  const next = { ...meta };
  if (x.length > 0) next.x = x;
  else delete next.x;
  return next;
}
function rollbackTarget(meta, want) {
  if (!meta?.a)
    return {
      error: "the site has no live build (it was never deployed with atomic: true, or its routing data is gone)"
    };
  if (want === void 0 || want === "") {
    if (meta.v === void 0)
      return { error: `build ${meta.a} is live and there is no previous build` };
    return { id: meta.v };
  }
  const known = [...meta.k ?? [], ...(meta.x ?? []).map(([b]) => b), ...meta.v ? [meta.v] : []];
  if (known.includes(want)) return { id: want };
  if (/^[0-9a-f]{7,40}$/i.test(want)) {
    const sha = want.toLowerCase();
    const match = known.find((b) => {
      const head = b.split("-")[0];
      return head.length === 12 && (sha.length <= 12 ? head.startsWith(sha) : sha.startsWith(head));
    });
    if (match) return { id: match };
    if (sha.length >= 12) return { id: sha.slice(0, 12) };
  }
  if (BUILD_ID.test(want)) return { id: want };
  return { error: `${JSON.stringify(want)} is neither a build id nor a commit SHA` };
}

// src/deploy/copying-store.ts
function sameHeaders2(a, b) {
  return a.cacheControl === b.cacheControl && a.contentType === b.contentType && (a.contentEncoding ?? "") === (b.contentEncoding ?? "");
}
var CopyingStore = class {
  constructor(inner, source, sourcePrefix) {
    this.inner = inner;
    this.source = source;
    this.sourcePrefix = sourcePrefix;
    this.description = inner.description;
  }
  inner;
  source;
  sourcePrefix;
  copied = 0;
  description;
  list(known) {
    return this.inner.list(known);
  }
  readState() {
    return this.inner.readState();
  }
  writeState(pieces) {
    return this.inner.writeState(pieces);
  }
  inspect(key) {
    return this.inner.inspect(key);
  }
  async upload(file, headers) {
    const held = this.source.get(file.key);
    if (held && held.md5 === file.md5 && sameHeaders2(held.headers, headers)) {
      const result = await this.inner.copyFrom(joinKey(this.sourcePrefix, file.key), file, headers);
      this.copied++;
      return { ...result, copied: true };
    }
    return this.inner.upload(file, headers);
  }
  updateHeaders(...args) {
    return this.inner.updateHeaders(...args);
  }
  deleteMany(keys) {
    return this.inner.deleteMany(keys);
  }
  markRemoved(key, since) {
    return this.inner.markRemoved(key, since);
  }
  unmark(key) {
    return this.inner.unmark(key);
  }
  copyNotFound(from, to, headers) {
    return this.inner.copyNotFound(from, to, headers);
  }
  copyFrom(from, file, headers) {
    return this.inner.copyFrom(from, file, headers);
  }
  readText(key) {
    return this.inner.readText(key);
  }
  writeText(key, body) {
    return this.inner.writeText(key, body);
  }
};

// src/deploy/remote-view.ts
function decodeRead(object, store, log2) {
  if (!object) return emptyState();
  const decoded2 = decodeState(object.body, object.lastModified);
  if ("problem" in decoded2) {
    log2.warning(
      `The deploy state (${STATE_KEY} under ${store.description}) is unreadable (${decoded2.problem}); objects are compared by HEAD instead, and the state is rewritten.`
    );
    return emptyState();
  }
  return decoded2.state;
}
async function readRemote(store, log2, onState) {
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
    onState?.(emptyState());
    return { state: emptyState(), remote };
  }
  const state = decodeRead(object, store, log2);
  onState?.(state);
  return { state, remote: await store.list([...state.entries.keys()]) };
}

// src/deploy/atomic.ts
function metaKey(root) {
  return `${namespaceOf(root)}.m`;
}
async function readRecord(store) {
  let text;
  try {
    text = await store.readText(BUILD_RECORD);
  } catch (error2) {
    if (!isAccessDenied(error2)) throw error2;
    const listed2 = await store.list();
    if (listed2.some((o) => o.key === BUILD_RECORD)) throw error2;
    return void 0;
  }
  return text === void 0 ? void 0 : parseRecord(text);
}
function holdings(view) {
  const listed2 = new Map(view.remote.map((o) => [o.key, o]));
  const out = /* @__PURE__ */ new Map();
  for (const [key, entry] of view.state.entries) {
    const object = listed2.get(key);
    if (!object || object.etag !== entry.etag || object.size !== entry.size) continue;
    if (!describedBy(object, view.state)) continue;
    out.set(key, { md5: entry.md5, headers: entryHeaders(entry) });
  }
  return out;
}
var ATOMIC_HINT = `${STATE_DIR}/atomic.json`;
async function readHint(store) {
  try {
    const text = await store.readText(ATOMIC_HINT);
    return text === void 0 ? void 0 : JSON.parse(text);
  } catch {
    return void 0;
  }
}
async function writeHint(store, before, live, cdn) {
  if (before && before.live === live && JSON.stringify(before.cdn) === JSON.stringify(cdn)) return;
  try {
    await store.writeText(ATOMIC_HINT, `${JSON.stringify({ live, cdn })}
`);
  } catch (error2) {
    log.debug(`Could not write ${ATOMIC_HINT}: ${errorMessage(error2)}`);
  }
}
var AtomicDeploy = class _AtomicDeploy {
  constructor(config, side, cdn, root, current) {
    this.config = config;
    this.side = side;
    this.cdn = cdn;
    this.root = root;
    this.current = current;
    const live = current?.a;
    this.sourcePrefix = live ? buildPrefix(config.basePrefix, live) : config.prefix;
    this.liveView = readRemote(live ? side.at(this.sourcePrefix) : side.store, log).catch(
      (error2) => {
        warning(
          `Could not read ${live ? `the live build ${live}` : "the site in place"}: ${errorMessage(error2)}. Every file is sent.`
        );
        return void 0;
      }
    );
  }
  config;
  side;
  cdn;
  root;
  current;
  /** The live build's state and listing (undefined without a live build): what can be copied. */
  liveView;
  copying;
  sourcePrefix;
  chosen;
  /** Read the site's meta from the distribution's store (ensured by the caller). */
  static async open(config, side, cdn, root) {
    if (!cdn)
      throw new PreflightError(
        "Input 'atomic' is true, but the distribution has no KeyValueStore for site behaviour (site-behaviour: auto gives one only to distributions cdn-publish created; set site-behaviour: true). Nothing was sent."
      );
    const current = await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(root));
    if (current?.a) log.info(`Live build of ${root}: ${current.a}.`);
    return new _AtomicDeploy(config, side, cdn, root, current);
  }
  /**
   * The build this deploy goes to: the first candidate id that is not a complete build, or one that is
   * complete with this very content (a re-deploy).
   */
  async choose(digest) {
    const { config } = this;
    const ids = buildCandidates(config.github.context.sha, config.atomic.attempt, digest);
    for (const id of ids) {
      const store = this.side.at(buildPrefix(config.basePrefix, id));
      const record2 = await readRecord(store);
      if (record2 && record2.digest !== digest) {
        log.info(`Build ${id} exists with other content: trying the next id.`);
        continue;
      }
      const view = await this.liveView;
      const live = this.current?.a;
      this.copying = new CopyingStore(
        store,
        view && live !== id ? holdings(view) : /* @__PURE__ */ new Map(),
        this.sourcePrefix
      );
      this.chosen = { id, store: this.copying, record: record2 };
      log.info(
        record2 ? `Build ${id} is complete with this content: it is reused.` : `This deploy is build ${id}, under ${shown(buildPrefix(config.basePrefix, id))}/.`
      );
      return {
        id,
        store: this.copying,
        reused: record2 !== void 0,
        ...live === id ? { view: this.liveView } : {}
      };
    }
    throw new PreflightError(
      `Builds ${ids.join(", ")} all exist with other content. Nothing was sent. Re-run the workflow (a new attempt names a new build), or remove one of them.`
    );
  }
  /** Before the deletes: the build's routing data, under its own namespace (nothing live changes). */
  async route(data, notFound) {
    const chosen = this.chosen;
    const { generation, entries, info: info2 } = generationOf(data, buildNamespace(chosen.id));
    this.generation = info2;
    if (chosen.record?.site.g === generation) return;
    if (this.config.dryRun) {
      log.info(`Would write build ${chosen.id}'s routing data (${entries.length} keys).`);
      return;
    }
    if (notFound) await chosen.store.copyNotFound(notFound.key, NOT_FOUND_COPY, notFound.headers);
    const requests = await this.cdn.api.siteStore.putKeys(this.cdn.ref.arn, entries, []);
    log.info(
      `Build ${chosen.id}'s routing data: generation ${generation} written (${entries.length} keys; ${requests} request(s)).`
    );
  }
  generation;
  /**
   * After a sync without failures: the record that makes the build complete, then the pointer (one
   * write), then the builds past keep-builds.
   */
  async finish(stats) {
    const { config, root, current } = this;
    const chosen = this.chosen;
    const site = this.generation ?? chosen.record?.site;
    if (!site) throw new Error(`build ${chosen.id} has no routing data`);
    const record2 = chosen.record ?? {
      id: chosen.id,
      root,
      sha: config.github.context.sha,
      digest: stats.digest,
      files: stats.files,
      bytes: stats.bytes,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      site
    };
    const outcome = {
      id: chosen.id,
      sha: record2.sha,
      previous: current?.a !== chosen.id ? current?.a : current?.v,
      unchanged: current?.a === chosen.id,
      copied: this.copying?.copied ?? 0,
      deleted: [],
      retired: [],
      dryRun: config.dryRun
    };
    if (outcome.unchanged) {
      log.info(`Build ${chosen.id} is live already: nothing to switch.`);
      return outcome;
    }
    if (!chosen.record) await chosen.store.writeText(BUILD_RECORD, encodeRecord(record2));
    const nowSeconds = Math.floor(Date.now() / 1e3);
    const plan = retire(
      liveMeta(current, chosen.id, site),
      config.atomic.keep,
      nowSeconds,
      Math.ceil(config.deleteGraceMs / 1e3)
    );
    outcome.retired = plan.retired;
    if (config.dryRun) {
      log.info(
        `Would make build ${chosen.id} live for ${root}${outcome.previous ? ` (now ${outcome.previous})` : ""}.`
      );
      return outcome;
    }
    await this.cdn.api.siteStore.putKeys(
      this.cdn.ref.arn,
      [],
      [],
      [metaKey(root), JSON.stringify(plan.meta)]
    );
    log.info(
      `Build ${chosen.id} is live for ${root}${outcome.previous ? `; the previous build ${outcome.previous} is kept for a rollback` : ""}.`
    );
    if (plan.retired.length > 0)
      log.info(
        `Retired build(s) ${plan.retired.join(", ")} (keep-builds: ${config.atomic.keep})${config.deleteGraceMs > 0 ? "; deleted once delete-grace is over" : ""}.`
      );
    if (plan.expired.length > 0) {
      outcome.deleted = await deleteBuilds(config, this.side, this.cdn, root, plan.expired);
      await this.cdn.api.siteStore.putKeys(
        this.cdn.ref.arn,
        [],
        [],
        [metaKey(root), JSON.stringify(withoutRetired(plan.meta, plan.expired))]
      );
    }
    return outcome;
  }
};
async function deleteBuilds(config, side, cdn, root, ids) {
  const deleted = [];
  const metas = /* @__PURE__ */ new Map();
  const metaOf = async (of) => {
    if (!metas.has(of)) metas.set(of, await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(of)));
    return metas.get(of);
  };
  for (const id of ids) {
    try {
      const store = side.at(buildPrefix(config.basePrefix, id));
      const record2 = await readRecord(store).catch(() => void 0);
      const others = /* @__PURE__ */ new Set([record2?.root ?? root, "/"]);
      others.delete(root);
      let shared;
      for (const other of others) if (holds(await metaOf(other), id)) shared = other;
      if (shared) {
        log.info(`Build ${id} is kept: ${shared} still serves or keeps it.`);
        continue;
      }
      const objects = await store.list();
      const result = await store.deleteMany(objects.map((o) => o.key));
      if (result.failed.length > 0)
        throw new Error(`${result.failed.length} object(s) could not be deleted`);
      if (record2)
        await cdn.api.siteStore.putKeys(
          cdn.ref.arn,
          [],
          generationKeys(buildNamespace(id), record2.site)
        );
      deleted.push(id);
      log.info(`Deleted build ${id} (${objects.length} objects).`);
    } catch (error2) {
      warning(
        `Could not delete build ${id}: ${errorMessage(error2)}. It stays in the bucket; delete ${shown(buildPrefix(config.basePrefix, id))}/ by hand or let the next deploy try again.`
      );
    }
  }
  return deleted;
}
async function findStore(config, api) {
  const ref = await api.siteStore.find(storeName(config.bucket, config.basePrefix));
  return ref ? { api, ref } : void 0;
}
async function switchBuild(args) {
  const { config, side, cdn, root, from } = args;
  const current = await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(root));
  let id;
  if (from !== void 0) {
    const source = await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(from));
    if (!source?.a)
      throw new PreflightError(
        `The preview ${from} has no live build: deploy it with atomic: true first. Nothing was changed.`
      );
    id = source.a;
  } else {
    const target = rollbackTarget(current, config.atomic.rollbackTo);
    if ("error" in target)
      throw new PreflightError(
        `${config.atomic.rollbackTo ? `Input 'rollback-to' is ${JSON.stringify(config.atomic.rollbackTo)}, but ` : "Cannot roll back: "}${target.error}. Nothing was changed.`
      );
    id = target.id;
  }
  const record2 = await readRecord(side.at(buildPrefix(config.basePrefix, id)));
  if (!record2 || record2.id !== id)
    throw new PreflightError(
      `Build ${id} is not complete in s3://${config.bucket}/${buildPrefix(config.basePrefix, id)}/ (no ${BUILD_RECORD}): it is not made live. Nothing was changed.`
    );
  const first = `${buildNamespace(id)}.${record2.site.g}.0`;
  if (await cdn.api.siteStore.readKey(cdn.ref.arn, first) === void 0)
    throw new PreflightError(
      `Build ${id}'s routing data is not in CloudFront KeyValueStore ${cdn.ref.name} (it was deleted): deploy that commit again instead. Nothing was changed.`
    );
  const outcome = {
    id,
    sha: record2.sha,
    previous: current?.a,
    unchanged: current?.a === id,
    copied: 0,
    deleted: [],
    retired: [],
    dryRun: config.dryRun
  };
  if (outcome.unchanged) {
    log.info(`Build ${id} is live for ${root} already: nothing to switch.`);
    return outcome;
  }
  if (config.dryRun) {
    log.info(`Would make build ${id} live for ${root}${current?.a ? ` (now ${current.a})` : ""}.`);
    return outcome;
  }
  await cdn.api.siteStore.putKeys(
    cdn.ref.arn,
    [],
    [],
    [metaKey(root), JSON.stringify(liveMeta(current, id, record2.site))]
  );
  log.info(
    `Build ${id} is live for ${root}${current?.a ? `; ${current.a} is the previous build (roll back with mode: rollback)` : ""}.`
  );
  return outcome;
}

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

// src/local/hasher.ts
import { existsSync as existsSync2 } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var WORKER_MIN_FILES = 128;
var BATCH = 32;
var IN_FLIGHT_WALKING = 8;
var IN_FLIGHT = 4;
var YIELD_MS = 2;
var Hasher = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  paths = [];
  hashes = [];
  /**
   * By index: files read for their SHA-256 alone before the state was known (settled by expect()), and
   * files whose SHA-256 did not settle them, until their second read (planFor: both digests).
   */
  unsettled = /* @__PURE__ */ new Map();
  /** Files to read again for their MD5 (their SHA-256 did not match), before the rest. */
  again = [];
  expectations;
  helping = false;
  reported = false;
  slots = [];
  /** Workers were asked for once (started, or found impossible): never again. */
  started = false;
  /** The first path not yet given to a thread. */
  next = 0;
  here = 0;
  matched = 0;
  answered = 0;
  closed = false;
  failure;
  settle;
  listeners = [];
  /** Add a file; returns its index in done()'s answer. Starts the workers once there are enough files. */
  add(path6) {
    const id = this.paths.push(path6) - 1;
    if (this.paths.length >= WORKER_MIN_FILES) {
      if (!this.started) this.startWorkers();
      this.feed();
    }
    return id;
  }
  /**
   * Start the workers before any file is added, so their start-up overlaps the walk. A build of fewer
   * than WORKER_MIN_FILES files stops them unused. Resolves when they run (none: at once).
   */
  warmUp() {
    if (!this.started && !this.closed) this.startWorkers();
    return Promise.all(this.slots.map((slot) => slot.online)).then(() => void 0);
  }
  /** Every added file's hash, by index; the first unreadable file fails it with that file's error. */
  async done() {
    this.closed = true;
    if (this.paths.length < WORKER_MIN_FILES) this.stopWorkers();
    if (this.slots.length === 0) this.options.report?.("on the main thread");
    this.work();
    if (this.answered < this.paths.length && !this.failure)
      await new Promise((resolve) => this.settle = resolve);
    this.stopWorkers();
    if (this.failure) throw this.failure;
    return this.hashes;
  }
  /**
   * What the deploy state expects of each file (once; with the `expectations` option, done() waits for
   * it: give `() => undefined` when there is no state). Files read before settle now.
   */
  expect(expectations2) {
    if (this.expectations || !this.options.expectations) return;
    this.expectations = expectations2;
    const unsettled = [...this.unsettled];
    this.unsettled.clear();
    for (const [index, hash] of unsettled) this.settleSha(index, hash);
    if (this.again.length > 0) this.work();
  }
  /** The digests to take of a file now. */
  planFor(index) {
    if (!this.options.expectations) return "md5";
    if (this.unsettled.has(index)) return "both";
    if (!this.expectations) return "sha";
    return this.expectations(index) ?? "both";
  }
  /** The next file to read, if any: those to read again first. */
  take() {
    if (this.again.length > 0) return this.again.shift();
    return this.next < this.paths.length ? this.next++ : void 0;
  }
  /** Hand out work: to the workers, and once the walk has ended to the main thread too. */
  work() {
    this.feed();
    if (this.closed && !this.helping && (this.slots.length === 0 || this.options.mainHelps !== false))
      void this.help();
  }
  /** Stop the workers (the scan failed, or the run ends); a pending done() fails. */
  stop() {
    this.stopWorkers();
    if (this.answered < this.paths.length)
      this.fail(new Error("Hashing was stopped before it ended"));
  }
  /** Files the main thread hashed (for the debug log). */
  get hashedHere() {
    return this.here;
  }
  /** Files the deploy state described by size and SHA-256: their MD5 was the state's (debug log). */
  get matchedState() {
    return this.matched;
  }
  startWorkers() {
    this.started = true;
    const script = this.options.workerScript;
    const count = this.options.workers ?? Math.max(1, Math.min(3, availableParallelism() - 1));
    if (!script || count <= 0 || !existsSync2(script)) return;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      const online = new Promise((resolve) => {
        worker.once("online", resolve);
        worker.once("exit", () => resolve());
      });
      const slot = { worker, batches: 0, online };
      worker.on("message", (answer) => this.receive(slot, answer));
      worker.on("error", (error2) => this.fail(error2));
      worker.on("exit", (code2) => {
        if (this.slots.includes(slot))
          this.fail(new Error(`A hash worker stopped (exit code ${code2}) before the scan ended`));
      });
      this.slots.push(slot);
    }
  }
  stopWorkers() {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) void slot.worker.terminate();
  }
  /** Give each worker batches until it holds its share (during the walk, full batches only). */
  feed() {
    for (const slot of this.slots) {
      while (slot.batches < (this.closed ? IN_FLIGHT : IN_FLIGHT_WALKING) && !this.failure) {
        const left = this.paths.length - this.next + this.again.length;
        if (left === 0 || !this.closed && left < BATCH) return;
        if (!this.reported) {
          this.reported = true;
          this.options.report?.(
            `in ${this.slots.length} worker thread${this.slots.length > 1 ? "s" : ""}`
          );
        }
        const batch = { ids: [], paths: [], plans: [] };
        for (let id; batch.ids.length < BATCH && (id = this.take()) !== void 0; ) {
          batch.ids.push(id);
          batch.paths.push(this.paths[id]);
          batch.plans.push(this.planFor(id));
        }
        slot.batches++;
        slot.worker.postMessage(batch);
      }
    }
  }
  receive(slot, answer) {
    if ("failure" in answer) return this.fail(failureError(answer.failure));
    slot.batches--;
    const flat = answer.hashes;
    for (let j = 0; j < flat.length; j += 5) {
      const sha = flat[j + 4];
      const hash = {
        size: flat[j + 1],
        mtimeMs: flat[j + 2],
        md5: flat[j + 3],
        ...sha !== "" ? { sha } : {}
      };
      this.record(flat[j], hash);
    }
    this.feed();
  }
  /**
   * The main thread's share: a file at a time from the queue, until none is left. It yields to the
   * event loop after every ~4 MiB (within a big file too), so workers' answers and the network are
   * taken in between.
   */
  async help() {
    this.helping = true;
    const buffer = Buffer.allocUnsafe(READ_BUFFER);
    let since = performance.now();
    const pause = async () => {
      if (performance.now() - since < YIELD_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    };
    try {
      for (let i; !this.failure && (i = this.take()) !== void 0; ) {
        let hash;
        try {
          const hashing = new FileHashing(this.paths[i], buffer, this.planFor(i));
          while (!(hash = hashing.step(READ_BUFFER))) {
            await pause();
            if (this.failure) return hashing.close();
          }
        } catch (error2) {
          return this.fail(error2);
        }
        this.here++;
        this.record(i, hash);
        await pause();
      }
    } finally {
      this.helping = false;
    }
  }
  /**
   * Be told of each file's hash as it arrives, by the index add() gave (those hashed already, at once):
   * a new file can be uploaded before the rest are hashed.
   */
  onHashed(listener) {
    this.hashes.forEach((hash, index) => listener(index, hash));
    this.listeners.push(listener);
  }
  record(index, hash) {
    if (hash.md5 === "") {
      if (this.expectations) this.settleSha(index, hash);
      else this.unsettled.set(index, hash);
      return;
    }
    this.unsettled.delete(index);
    const expected = this.expectations?.(index);
    if (expected && expected.md5 === hash.md5 && expected.sha === hash.sha) this.matched++;
    this.hashes[index] = hash;
    for (const listener of this.listeners) listener(index, hash);
    if (++this.answered === this.paths.length && this.closed) this.settle?.();
  }
  /** A file read for its SHA-256 alone: the state's MD5 when it expected these bytes, else read it again. */
  settleSha(index, hash) {
    const expected = this.expectations(index);
    if (expected && expected.size === hash.size && expected.sha === hash.sha)
      return this.record(index, { ...hash, md5: expected.md5 });
    this.unsettled.set(index, hash);
    this.again.push(index);
    this.work();
  }
  fail(error2) {
    if (this.failure) return;
    this.failure = error2;
    this.settle?.();
  }
};

// src/core/site/precompress.ts
var SUFFIX = { br: ".br", gzip: ".gz" };
var MIN_BYTES = 1024;
var COMPRESSIBLE = /* @__PURE__ */ new Set([
  "text/html",
  "text/css",
  "text/javascript",
  "application/javascript",
  "application/json",
  "application/manifest+json",
  "application/ld+json",
  "application/xml",
  "text/xml",
  "text/plain",
  "text/csv",
  "text/markdown",
  "image/svg+xml",
  "application/rss+xml",
  "application/atom+xml",
  "application/wasm",
  "font/ttf",
  "font/otf",
  "application/vnd.ms-fontobject",
  "image/x-icon",
  "image/vnd.microsoft.icon"
]);
function compressible(contentType, size) {
  const type = contentType.split(";", 1)[0].trim().toLowerCase();
  return size > MIN_BYTES && COMPRESSIBLE.has(type);
}
function parsePrecompress(value) {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "false" || text === "off" || text === "none") return [];
  const found = /* @__PURE__ */ new Set();
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    if (part === "br" || part === "brotli") found.add("br");
    else if (part === "gzip" || part === "gz") found.add("gzip");
    else
      throw new PreflightError(
        `Input 'precompress' has ${shown(value)}: ${shown(part)} is not an encoding. Use br, gzip, both (br, gzip), or false.`
      );
  }
  return ["br", "gzip"].filter((e) => found.has(e));
}
function planSiblings(files, typeOf, encodings) {
  if (encodings.length === 0) return [];
  const keys = new Set(files.map((f) => f.key));
  const siblings = [];
  for (const f of files) {
    if (isOwnSibling(f.key, keys)) continue;
    if (!compressible(typeOf(f.key), f.size)) continue;
    for (const encoding of encodings) {
      const key = f.key + SUFFIX[encoding];
      siblings.push({ key, source: f.key, encoding, own: keys.has(key) });
    }
  }
  return siblings;
}
function isOwnSibling(key, keys) {
  for (const suffix of Object.values(SUFFIX))
    if (key.endsWith(suffix) && keys.has(key.slice(0, -suffix.length))) return true;
  return false;
}

// src/local/compress.ts
import { createHash as createHash2 } from "node:crypto";
import { mkdtemp, readFile, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import os5 from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as constants3, gzip } from "node:zlib";
var brotli = promisify(brotliCompress);
var gz = promisify(gzip);
var BROTLI_MAX_QUALITY_BYTES = 1024 * 1024;
async function compressSiblings(siblings, files, reuse = () => void 0) {
  const reused = [];
  const made = siblings.filter((s) => {
    if (s.own) return false;
    const kept = reuse(s, files.get(s.source));
    if (kept) reused.push(kept);
    return !kept;
  });
  if (made.length === 0)
    return { files: reused, reused: reused.length, cleanUp: () => Promise.resolve() };
  const dir = await mkdtemp(
    path.join(process.env.RUNNER_TEMP || os5.tmpdir(), "cdn-publish-siblings-")
  );
  const outcomes = await settleLimit(
    made.map((s, i) => ({ s, i })),
    4,
    async ({ s, i }) => {
      const source = files.get(s.source);
      const bytes = await readFile(source.path);
      const out = s.encoding === "br" ? await brotli(bytes, {
        params: {
          [constants3.BROTLI_PARAM_QUALITY]: bytes.length <= BROTLI_MAX_QUALITY_BYTES ? 11 : 9,
          [constants3.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [constants3.BROTLI_PARAM_MODE]: constants3.BROTLI_MODE_TEXT
        }
      }) : await gz(bytes, { level: 9 });
      const file = path.join(dir, `${i}${s.encoding === "br" ? ".br" : ".gz"}`);
      await writeFile2(file, out);
      const sibling = {
        key: s.key,
        path: file,
        size: out.length,
        md5: createHash2("md5").update(out).digest("hex"),
        mtimeMs: source.mtimeMs,
        source: source.md5
      };
      return sibling;
    }
  );
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) {
    await rm2(dir, { recursive: true, force: true });
    throw failed.error;
  }
  return {
    files: [...reused, ...outcomes.flatMap((o) => o.ok ? [o.value] : [])],
    reused: reused.length,
    cleanUp: () => rm2(dir, { recursive: true, force: true })
  };
}

// src/local/scan.ts
import fs4 from "node:fs";

// src/local/walk.ts
var import_fast_glob = __toESM(require_out4(), 1);
import fs3 from "node:fs";
import path2 from "node:path";
function inside(root, target) {
  const rel = path2.relative(root, target);
  return rel === "" || !rel.startsWith("..") && !path2.isAbsolute(rel);
}
async function walk(root, filter, hasher) {
  const walked = { found: [], skipped: [] };
  const pending = [{ dir: root, key: "", ancestors: [root] }];
  for (let tree = pending.pop(); tree; tree = pending.pop())
    await walkTree(root, tree, filter, hasher, walked, pending);
  return walked;
}
async function walkTree(root, tree, filter, hasher, walked, pending) {
  const prefix = tree.key === "" ? "" : `${tree.key}/`;
  const base = tree.dir.endsWith(path2.sep) ? tree.dir : tree.dir + path2.sep;
  const native = path2.sep === "/" ? (rel) => rel : (rel) => rel.replaceAll("/", path2.sep);
  const take = (entry) => {
    const rel = entry.path;
    const dirent = entry.dirent;
    if (dirent.isFile()) {
      const key = toSiteKey(prefix + rel);
      const verdict = filter.verdict(key);
      if (verdict !== "included") walked.skipped.push({ key, verdict });
      else {
        const full = base + native(rel);
        walked.found.push({ key, path: full, hashId: hasher?.add(full) });
      }
    } else if (dirent.isSymbolicLink()) {
      const link = followLink(root, tree, rel, base + native(rel), toSiteKey(prefix + rel), filter);
      if (link?.kind === "file") {
        if (link.verdict !== "included")
          walked.skipped.push({ key: link.key, verdict: link.verdict });
        else walked.found.push({ key: link.key, path: link.real, hashId: hasher?.add(link.real) });
      } else if (link?.kind === "dir") pending.push(link.tree);
    }
  };
  const entries = import_fast_glob.default.stream("**", {
    cwd: tree.dir,
    dot: true,
    // Links and files both come out (a link is neither with followSymbolicLinks off); directories too,
    // and are passed over.
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    // No lstat per entry: the directory's entry types are enough, and the hasher stats what it reads.
    stats: false,
    // Without links followed a path comes out once; the check would only cost a Set of every path.
    unique: false,
    // An unreadable directory fails the scan (fast-glob still passes over ENOENT: a directory removed
    // while it is read).
    suppressErrors: false,
    fs: { readdir: policyReader(tree.dir, prefix, filter) }
  });
  await new Promise((resolve, reject) => {
    let failed = false;
    entries.on("data", (entry) => {
      if (failed) return;
      try {
        take(entry);
      } catch (error2) {
        failed = true;
        entries.destroy();
        reject(error2 instanceof Error ? error2 : new Error(errorMessage(error2)));
      }
    });
    entries.on("error", reject);
    entries.once("end", resolve);
  });
}
function policyReader(dir, prefix, filter) {
  const base = dir.endsWith(path2.sep) ? dir : dir + path2.sep;
  return (directory, options, callback) => {
    fs3.readdir(directory, options, (error2, dirents) => {
      if (error2) return callback(error2, []);
      const kept = [];
      try {
        const sub = `${prefix}${directory.length > base.length ? `${directory.slice(base.length)}/` : ""}`;
        const unsafeDir = hasControlCharacter(sub);
        for (const dirent of dirents) {
          const unsafe = unsafeDir || hasControlCharacter(dirent.name);
          if (!unsafe && !dirent.isDirectory()) {
            kept.push(dirent);
            continue;
          }
          const key = toSiteKey(sub + dirent.name);
          if (unsafe && filter.verdict(key) !== "excluded")
            throw new PreflightError(
              `The name ${quoted(key)} in the source holds ${firstUnsafe(key)}, which keys, logs and browsers do not carry safely; nothing was sent. Rename it, or add it to exclude.`
            );
          if (!dirent.isDirectory() || filter.mayDescend(key)) kept.push(dirent);
        }
      } catch (failure) {
        return callback(failure, []);
      }
      callback(null, kept);
    });
  };
}
function followLink(root, tree, rel, full, key, filter) {
  let real;
  try {
    real = fs3.realpathSync(full);
  } catch {
    if (filter.verdict(key) !== "included") return void 0;
    throw new PreflightError(`The symbolic link ${quoted(key)} in the source points to nothing.`);
  }
  const stat2 = fs3.statSync(real);
  const isDir = stat2.isDirectory();
  const isFile = stat2.isFile();
  if (!inside(root, real)) {
    if (isFile && filter.verdict(key) !== "included") return void 0;
    if (isDir && !filter.mayDescend(key)) return void 0;
    const excluded = filter.verdict(key) === "excluded" || filter.verdict(`${key}/x`) === "excluded";
    if (excluded) return void 0;
    throw new PreflightError(
      `The symbolic link ${quoted(key)} in the source points outside it (to ${real}); it is not followed. Remove it, or add it to exclude.`
    );
  }
  if (isFile) return { kind: "file", key, real, verdict: filter.verdict(key) };
  if (!isDir || !filter.mayDescend(key)) return void 0;
  const ancestors = [...tree.ancestors];
  const segments = rel.split("/").slice(0, -1);
  for (let i = 1; i <= segments.length; i++)
    ancestors.push(path2.join(tree.dir, ...segments.slice(0, i)));
  if (ancestors.includes(real)) return void 0;
  return { kind: "dir", tree: { dir: real, key, ancestors: [...ancestors, real] } };
}

// src/local/scan.ts
async function checkSource(source, shown2) {
  let stat2;
  try {
    stat2 = await fs4.promises.stat(source);
  } catch (error2) {
    const code2 = error2.code;
    if (code2 === "ENOENT")
      throw new PreflightError(
        `Input 'source' names ${JSON.stringify(shown2)}, which does not exist (resolved to ${source}). Did the build step run, and does it write there? Nothing was changed in the bucket.`
      );
    throw new PreflightError(`Input 'source': cannot read ${source}: ${errorMessage(error2)}`);
  }
  if (!stat2.isDirectory())
    throw new PreflightError(
      `Input 'source' names ${JSON.stringify(shown2)}, which is a file, not a directory: name the directory to publish.`
    );
  return fs4.promises.realpath(source);
}
async function selectFiles(root, filter, hasher) {
  const { found, skipped: skipped2 } = await walk(root, filter, hasher);
  found.sort((a, b) => compareKeys(a.key, b.key));
  for (let i = 1; i < found.length; i++) {
    if (found[i].key === found[i - 1].key)
      throw new PreflightError(
        `Two files in the source have the same name once Unicode-normalized (NFC): ${quoted(found[i].key)}. Rename one.`
      );
  }
  skipped2.sort((a, b) => compareKeys(a.key, b.key));
  return { found, skipped: skipped2 };
}
function withHashes(found, hashes) {
  return found.map(({ key, path: file, hashId }, i) => ({
    key,
    path: file,
    ...hashes[hashId ?? i]
  }));
}

// src/deploy/site.ts
import { readFile as readFile2 } from "node:fs/promises";
import path3 from "node:path";

// src/core/site/site-file-error.ts
var MAX_LISTED_PROBLEMS = 20;
var MAX_EXCERPT = 80;
function excerpt(text) {
  return quoted(text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT - 3)}...` : text);
}
var SiteFileError = class extends PreflightError {
  name = "SiteFileError";
  problems;
  constructor(problems) {
    super(describeProblems(problems));
    this.problems = problems;
  }
};
function describeProblems(problems) {
  const files = [...new Set(problems.map((p) => shown(p.file)))];
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${shown(p.file)}:${p.line}: ${p.message}`);
  const more = problems.length - MAX_LISTED_PROBLEMS;
  if (more > 0) lines.push(`and ${more} more`);
  return [`${count} in ${files.join(", ")}:`, ...lines].join("\n");
}

// src/core/site/headers-file.ts
var AWS_DISALLOWED = /* @__PURE__ */ new Set(
  [
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "trailer",
    "upgrade",
    "x-accel-buffering",
    "x-accel-charset",
    "x-accel-limit-rate",
    "x-accel-redirect",
    "x-amzn-auth",
    "x-amzn-cf-billing",
    "x-amzn-cf-id",
    "x-amzn-cf-xff",
    "x-amzn-errortype",
    "x-amzn-fle-profile",
    "x-amzn-header-count",
    "x-amzn-header-order",
    "x-amzn-lambda-integration-tag",
    "x-amzn-requestid",
    "x-cache",
    "x-forwarded-proto",
    "x-real-ip",
    // added to the list with viewer mTLS
    "cloudfront-viewer-cert-pem",
    "client-cert",
    "client-cert-chain"
  ]
);
var AWS_DISALLOWED_PREFIXES = ["x-amz-cf-", "x-edge-"];
var AWS_READ_ONLY = /* @__PURE__ */ new Set(["warning", "via"]);
var NETLIFY_IGNORED = /* @__PURE__ */ new Set(
  [
    "accept-ranges",
    "age",
    "allow",
    "alt-svc",
    "content-encoding",
    "content-length",
    "content-range",
    "date",
    "server",
    "transfer-encoding"
  ]
);
var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
var VALUE_CHARS = /^[\t\x20-\x7e]*$/;
var PATTERN_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
var MAX_PATTERN = 512;
var MAX_HEADER = 1024;
function refusal(name, shownName) {
  if (name === "cache-control")
    return `Cache-Control is set for each file by this action's rules: use the cache-control input ("GLOB: VALUE" lines) instead`;
  if (name === "content-type")
    return `Content-Type is stored with each file by this action: use the content-type input ("GLOB: TYPE" lines) instead`;
  if (AWS_DISALLOWED.has(name) || AWS_DISALLOWED_PREFIXES.some((p) => name.startsWith(p)))
    return `${shownName} is a header CloudFront functions may not add (AWS: disallowed headers, restrictions on all edge functions)`;
  if (AWS_READ_ONLY.has(name))
    return `${shownName} is read-only in a CloudFront viewer-response function (AWS: restrictions on all edge functions)`;
  if (name === "location")
    return "Location is not set from _headers (Netlify ignores it too): use _redirects";
  if (name === "set-cookie")
    return "Set-Cookie is not supported: a CloudFront function sets cookies apart from headers, and Netlify ignores it";
  if (NETLIFY_IGNORED.has(name))
    return `${shownName} is set by the server for each response (Netlify ignores it in _headers too)`;
  return void 0;
}
function parseHeaders(text, file = "_headers") {
  const rules = [];
  const problems = [];
  let current;
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const refuse = (message) => void problems.push({ file, line, message });
    const content = (index === 0 ? raw.replace(/^\ufeff/, "") : raw).replace(/\r$/, "");
    const unsafe = firstUnsafe(content.replace(/\t/g, " "));
    if (unsafe) return refuse(`control or invisible character ${unsafe}`);
    const trimmed = content.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    if (trimmed.startsWith("/")) {
      const problem2 = patternProblem(trimmed);
      current = {
        line,
        pattern: trimmed,
        headers: [],
        regex: problem2 ? /$^/ : patternRegExp(trimmed)
      };
      if (problem2) return refuse(`path ${excerpt(trimmed)} ${problem2}`);
      rules.push(current);
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
      return refuse(
        `${excerpt(trimmed)} is a full URL: host-specific rules are not supported; write a path`
      );
    const colon = trimmed.indexOf(":");
    if (colon === -1)
      return refuse(
        `${excerpt(trimmed)} is neither a path (starting with "/") nor a "Name: value" header`
      );
    const written = trimmed.slice(0, colon).trim();
    const value = trimmed.slice(colon + 1).trim();
    if (!current)
      return refuse(`header ${excerpt(written)} comes before any path; start a block with a path`);
    const problem = headerProblem(written, value);
    if (problem) return refuse(problem);
    const name = written.toLowerCase();
    const same = current.headers.find((h) => h.name === name);
    const combined = same ? `${same.value}, ${value}` : value;
    if (name.length + 2 + combined.length > MAX_HEADER)
      return refuse(
        `${written}: its value is ${combined.length} characters long; "name: value" may be at most ${MAX_HEADER}`
      );
    if (same) same.value = combined;
    else current.headers.push({ name, value });
  });
  if (problems.length > 0) throw new SiteFileError(problems);
  return rules.filter((rule) => rule.headers.length > 0);
}
function patternProblem(pattern) {
  if (pattern.length > MAX_PATTERN)
    return `is ${pattern.length} characters long; at most ${MAX_PATTERN} are supported`;
  if (pattern.includes("?")) return "has a query string: patterns match the path only";
  if (!PATTERN_CHARS.test(pattern) || /%(?![0-9A-Fa-f]{2})/.test(pattern))
    return "has a character that must be percent-encoded (spaces, non-ASCII, ...)";
  for (const part of pattern.split("/")) {
    if (part.startsWith(":") && !/^:[A-Za-z_][A-Za-z0-9_]*$/.test(part))
      return `has ${excerpt(part)}, which is not a placeholder: ":" then letters, digits, "_"`;
  }
  return void 0;
}
function headerProblem(name, value) {
  if (name === "") return 'a header line without a name; write "Name: value"';
  if (!TOKEN.test(name))
    return `${excerpt(name)} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
  const refused = refusal(name.toLowerCase(), name);
  if (refused) return refused;
  if (value === "") return `${name} has an empty value`;
  if (!VALUE_CHARS.test(value)) {
    const code2 = ([...value].find((c) => !VALUE_CHARS.test(c)) ?? "").codePointAt(0) ?? 0;
    const label = `U+${code2.toString(16).toUpperCase().padStart(4, "0")}`;
    return `${name} has a character that is not ASCII (${label}); encode it as the header's syntax allows`;
  }
  return void 0;
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function patternRegExp(pattern) {
  const parts = pattern.split("/").filter(Boolean).map((part) => {
    if (part.startsWith(":")) return "/([^/]+)";
    if (part === "*") return "(?:/(.*))?";
    return `/${part.split("*").map(escapeRegExp).join("(.*)")}`;
  });
  return new RegExp(`^${parts.join("") || "/"}/?$`, "i");
}

// src/core/site/redirects.ts
var STATUSES = [200, 301, 302, 303, 307, 308];
var SUPPORTED = 'supported: 301 (the default), 302, 303, 307, 308, and 200 for a rewrite, each optionally forced with "!"';
var MAX_PATH = 512;
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var TARGET_PLACEHOLDER = /:([A-Za-z_][A-Za-z0-9_]*)/g;
var PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
var TARGET_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/;
var BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
var ABSOLUTE = /^https?:\/\//i;
var CONDITION = /^(Country|Language|Role|Cookie|Sign|Signed)=/i;
var FORM = 'a rule is "from to [status]"';
function parseRedirects(text, file = "_redirects") {
  const rules = [];
  const problems = [];
  text.split("\n").forEach((raw, index) => {
    const refuse = (message) => void problems.push({ file, line: index + 1, message });
    const line = (index === 0 ? raw.replace(/^\ufeff/, "") : raw).replace(/\r$/, "");
    const unsafe = firstUnsafe(line.replace(/\t/g, " "));
    if (unsafe) return refuse(`control or invisible character ${unsafe}; percent-encode it`);
    const fields = line.trim().split(/[ \t]+/);
    const comment2 = fields.findIndex((f) => f.startsWith("#"));
    if (comment2 !== -1) fields.length = comment2;
    if (fields.length === 0 || fields[0] === "") return;
    const rule = parseRule(fields, index + 1, refuse);
    if (rule) rules.push(rule);
  });
  if (problems.length > 0) throw new SiteFileError(problems);
  return rules;
}
function parseRule(fields, line, refuse) {
  const [rawFrom = "", ...rest] = fields;
  const from = checkFrom(rawFrom, refuse);
  if (!from) return;
  const toIndex = rest.findIndex((f) => f.startsWith("/") || ABSOLUTE.test(f));
  const first = rest[0] ?? "";
  if (rest.length === 0) return refuse(`${excerpt(rawFrom)} has no destination; ${FORM}`);
  if (toIndex === -1 && /^\d+!?$/.test(first))
    return refuse(`no destination before status ${excerpt(first)}; ${FORM}`);
  if (toIndex !== 0 && first.includes("=")) return refuse(conditionOrQuery(first, true));
  if (toIndex !== 0)
    return refuse(`destination ${excerpt(first)} must start with "/" or "https://"`);
  const [to, field, next] = [first, rest[1], rest[2]];
  let status2 = 301;
  let force = false;
  if (field !== void 0) {
    const parsed = /^(\d+)(!?)$/.exec(field);
    if (!parsed && field.includes("=")) return refuse(conditionOrQuery(field, false));
    if (!parsed) return refuse(`status ${excerpt(field)} is not a status code; ${SUPPORTED}`);
    status2 = Number(parsed[1]);
    force = parsed[2] === "!";
    if (!STATUSES.includes(status2))
      return refuse(`status ${excerpt(field)} is not supported; ${SUPPORTED}`);
  }
  if (next?.includes("=")) return refuse(conditionOrQuery(next, false));
  if (next !== void 0)
    return refuse(`unexpected field ${excerpt(next)} after the status; ${FORM}`);
  const target = checkTarget(to, status2, from, refuse);
  if (!target) return;
  const { path: path6, segments, splat } = from;
  return { line, from: path6, to, status: status2, force, segments, splat, target };
}
function conditionOrQuery(field, beforeTo) {
  if (!beforeTo || CONDITION.test(field))
    return `condition ${excerpt(field)} is not supported: a rule applies to every request (no Country, Language, Role, Cookie or signed rules)`;
  return `query-parameter matching (${excerpt(field)}) is not supported: rules match the path, and the query string is passed on`;
}
function checkFrom(raw, refuse) {
  const source = `source ${excerpt(raw)}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw))
    return refuse(`${source} is a full URL: domain-level rules are not supported; write a path`);
  if (!raw.startsWith("/")) return refuse(`${source} must be a path starting with "/"`);
  if (raw.includes("?"))
    return refuse(`${source} has a query string: query-parameter matching is not supported`);
  const bad = pathProblem(raw, PATH_CHARS);
  if (bad) return refuse(`${source} ${bad}`);
  const path6 = raw.length > 1 ? raw.replace(/\/$/, "") : raw;
  const parts = path6 === "/" ? [] : path6.slice(1).split("/");
  const from = { path: path6, segments: [], splat: false, names: /* @__PURE__ */ new Set() };
  for (const [i, part] of parts.entries()) {
    const problem = segmentProblem(part, i === parts.length - 1, from.names);
    if (problem) return refuse(`${source}: ${problem}`);
    if (part === "*") from.splat = true;
    else if (part.startsWith(":")) {
      from.names.add(part.slice(1));
      from.segments.push({ placeholder: part.slice(1) });
    } else from.segments.push({ literal: decoded(part) ?? part });
  }
  return from;
}
function segmentProblem(part, last, names) {
  if (part === "") return 'an empty path segment ("//") is not supported';
  if (part === "." || part === "..") return `a "${part}" segment is not supported`;
  if (part === "*")
    return last ? void 0 : '"*" is supported only as the last segment ("/path/*")';
  if (part.includes("*"))
    return `"*" must be the whole last segment ("/path/*"), not in ${excerpt(part)}`;
  if (decoded(part) === void 0) return `${excerpt(part)} is not valid percent-encoded UTF-8`;
  if (!part.startsWith(":")) return void 0;
  const name = part.slice(1);
  if (!NAME.test(name))
    return `${excerpt(part)} is not a placeholder: ":" then letters, digits, "_"`;
  if (name === "splat") return '":splat" names what "*" matches; give the placeholder another name';
  if (names.has(name)) return `placeholder ":${name}" appears twice`;
  return void 0;
}
function pathProblem(path6, chars) {
  if (path6.length > MAX_PATH)
    return `is ${path6.length} characters long; at most ${MAX_PATH} are supported`;
  if (!chars.test(path6) || BAD_PERCENT.test(path6))
    return "has a character that must be percent-encoded (Netlify: special characters in paths must be url-encoded)";
  return void 0;
}
function checkTarget(to, status2, from, refuse) {
  const destination = `destination ${excerpt(to)}`;
  const absolute = ABSOLUTE.test(to);
  const bad = pathProblem(to, TARGET_CHARS);
  if (bad) return refuse(`${destination} ${bad}`);
  if (absolute && (!URL.canParse(to) || new URL(to).hostname === ""))
    return refuse(`${destination} is not a valid URL`);
  if (absolute && status2 === 200)
    return refuse(
      `${destination} with status 200 would proxy another site, which CloudFront Functions cannot do; redirect with 301 or 302, or rewrite to a path of this site`
    );
  if (/^\/[/\\]/.test(to))
    return refuse(
      `${destination} starts with "//", which browsers read as another host; write "https://host/..."`
    );
  if (!absolute && /(^|\/)\.\.?(\/|$|[?#])/.test(to))
    return refuse(`${destination} has a "." or ".." segment, which is not supported`);
  const target = [];
  let at = 0;
  for (const m of to.matchAll(TARGET_PLACEHOLDER)) {
    const name = m[1] ?? "";
    if (name === "splat" ? !from.splat : !from.names.has(name))
      return refuse(
        `${destination} uses ":${name}", which the source path does not define${name === "splat" ? ' (a source ending in "/*" does)' : ""}; write "%3A" for a literal ":"`
      );
    if (m.index > at) target.push({ text: to.slice(at, m.index) });
    target.push({ placeholder: name });
    at = m.index + m[0].length;
  }
  if (at < to.length) target.push({ text: to.slice(at) });
  if (from.names.size === 0 && !from.splat && !absolute && samePath(to, from.path))
    return refuse(
      `${destination} is the source path itself: Netlify matches with or without a trailing slash, so this rule would loop (a rule cannot add or remove a trailing slash)`
    );
  return target;
}
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return void 0;
  }
}
function segmentsOf(path6) {
  return path6.split("/").filter((s) => s !== "");
}
function samePath(target, path6) {
  const key = (p) => segmentsOf(p.split(/[?#]/)[0] ?? "").map((s) => decoded(s) ?? s).join("/");
  return key(target) === key(path6);
}

// src/core/site/site-index.ts
import { createHash as createHash3 } from "node:crypto";
var FILE = 1;
var HAS_BR = 2;
var HAS_GZIP = 4;
var NESTED = 8;
var RECORD = 13;
var MAX_RECORDS = Math.floor(1024 / RECORD);
var TARGET_RECORDS = 40;
var MAX_BITS = 16;
function pathHash(path6) {
  return createHash3("sha256").update(path6, "utf8").digest("hex");
}
function shardOf(hash, bits) {
  return bits === 0 ? 0 : parseInt(hash.slice(0, 4), 16) >>> 16 - bits;
}
function buildIndex(files) {
  const hashed = files.map((f) => ({ hash: pathHash(f.path), flags: f.flags }));
  let bits = 0;
  while (bits < MAX_BITS && hashed.length > TARGET_RECORDS * 2 ** bits) bits++;
  for (; ; ) {
    const shards = Array.from({ length: 2 ** bits }, () => []);
    for (const h of hashed)
      shards[shardOf(h.hash, bits)].push(h.hash.slice(4, 16) + h.flags.toString(16));
    if (bits === MAX_BITS || shards.every((s) => s.length <= MAX_RECORDS))
      return { bits, shards: shards.map((s) => s.sort().join("")) };
    bits++;
  }
}

// src/deploy/site.ts
var SITE_FILES = ["_redirects", "_headers"];
function siteRootOf(config) {
  if (config.prefix === config.basePrefix) return "/";
  const rest = config.prefix.slice(config.basePrefix.length).replace(/^\/+/, "");
  const root = config.preview.root;
  if (config.preview.enabled && root && rest.startsWith(`${root}/`) && !rest.slice(root.length + 1).includes("/"))
    return `/${rest}/`;
  return void 0;
}
var MAX_RULE_BYTES = 32 * 1024;
function withinBudget(file, rules) {
  let bytes = 2;
  for (const rule of rules) {
    bytes += Buffer.byteLength(JSON.stringify(rule.edge)) + 1;
    if (bytes > MAX_RULE_BYTES)
      throw new SiteFileError([
        {
          file,
          line: rule.line,
          message: `the rules up to here take more than ${MAX_RULE_BYTES / 1024} KB at the edge, which reads them all on every request; keep the file shorter (for many fixed redirects, fewer rules with placeholders or a splat)`
        }
      ]);
  }
  return rules.map((r) => r.edge);
}
async function readSiteRules(source, keys) {
  const rules = { redirects: [], headers: [], present: [] };
  for (const name of SITE_FILES) {
    if (!keys.has(name)) continue;
    rules.present.push(name);
    const text = await readFile2(path3.join(source, name), "utf8");
    if (name === "_redirects")
      rules.redirects = withinBudget(
        name,
        parseRedirects(text, name).map((r) => ({
          line: r.line,
          edge: [r.from, r.to, r.status, r.force]
        }))
      );
    else
      rules.headers = withinBudget(
        name,
        parseHeaders(text, name).map((r) => ({
          line: r.line,
          edge: [
            r.regex.source,
            r.headers.map((h) => [h.name, h.value])
          ]
        }))
      );
  }
  return rules;
}
function checkNotFoundPage(config, keys) {
  const page = config.cdn.notFoundPage;
  if (page.given && !keys.has(page.path))
    throw new PreflightError(
      `Input 'not-found-page' names ${shown(page.path)}, which is not a file of the build in ${config.sourceInput} (after include/exclude). Nothing was sent.`
    );
}
function siteDataOf(root, files, rules, notFound, extra = /* @__PURE__ */ new Map(), nested = []) {
  return {
    root,
    index: buildIndex([
      ...files.map((f) => ({ path: f.key, flags: FILE | (extra.get(f.key) ?? 0) })),
      ...nested.map((path6) => ({ path: path6, flags: NESTED }))
    ]),
    notFound: notFound !== void 0,
    // A new page means a new copy: its MD5 is part of what names the generation.
    version: notFound?.md5 ?? "",
    redirects: rules.redirects,
    headers: rules.headers
  };
}
async function publishSite(args) {
  const { api, storeArn, data, log: log2 } = args;
  const current = await api.siteStore.readMeta(storeArn, `${namespaceOf(data.root)}.m`);
  const entries = siteEntries(data, current);
  if (current?.g === entries.generation && current.a === void 0) {
    log2.info(`Site routing data for ${data.root} is up to date (generation ${entries.generation}).`);
    return { copied: false };
  }
  if (args.notFound)
    await args.store.copyNotFound(args.notFound.key, NOT_FOUND_COPY, args.notFound.headers);
  const requests = await api.siteStore.write(storeArn, entries);
  log2.info(
    `Site routing data for ${data.root}: generation ${entries.generation} written (${entries.entries.length + 1} keys, ${data.redirects.length} redirect rule(s), ${data.headers.length} header rule(s); ${requests} request(s)).`
  );
  return { copied: args.notFound !== void 0 };
}

// src/deploy/build-files.ts
function buildFiles(config, deps) {
  const { hasher, selection } = deps;
  const hashed = hasher.done().then(
    (hashes) => withHashes(selection.found, hashes).filter((f) => !SITE_FILES.includes(f.key))
  );
  if (!deps.site && config.cdn.precompress.length > 0)
    warning(
      "precompress is ignored: the edge serves precompressed siblings only with site behaviour, which does not cover this deploy (site-behaviour: false, no CloudFront, or a prefix that is neither the site nor a preview)."
    );
  const siblings = /* @__PURE__ */ new Map();
  let cleanUp = () => Promise.resolve();
  const local = deps.site && config.cdn.precompress.length > 0 ? Promise.all([hashed, deps.rulesLoading, deps.remoteView]).then(
    async ([files, rulesModule, view]) => {
      const rules = rulesModule.compileRules(config);
      const planned = planSiblings(
        files,
        (key) => rules(key).headers.contentType,
        config.cdn.precompress
      );
      for (const s of planned) siblings.set(s.key, s);
      const made = await compressSiblings(
        planned,
        new Map(files.map((f) => [f.key, f])),
        view ? reusable(
          view,
          // An atomic build copies a sibling only with the headers it would be sent with.
          config.atomic.enabled ? (sibling) => ({
            ...rules(sibling.source).headers,
            contentEncoding: sibling.encoding
          }) : void 0
        ) : void 0
      );
      cleanUp = made.cleanUp;
      log.info(
        `Precompressed siblings: ${planned.length} of ${new Set(planned.map((s) => s.source)).size} file(s) (${planned.filter((s) => s.own).length} the build's own, ${made.reused} as the bucket holds them, the rest made now).`
      );
      return [...files, ...made.files];
    }
  ) : hashed;
  local.then(
    (files) => {
      const bytes = files.reduce((sum, f) => sum + f.size, 0);
      log.debug(
        `Hashed ${files.length} files (${bytes} bytes; ${hasher.hashedHere} of them on the main thread; ${hasher.matchedState} as the deploy state has them, by SHA-256, so their MD5 was not computed); the scan and the hashing took ${Date.now() - deps.started} ms.`
      );
    },
    () => hasher.stop()
  );
  return { local, siblings, cleanUp: () => cleanUp() };
}
function earlyFiles(selection, hasher) {
  const byId = /* @__PURE__ */ new Map();
  selection.found.forEach((f, i) => {
    if (!SITE_FILES.includes(f.key)) byId.set(f.hashId ?? i, f);
  });
  return {
    keys: new Set([...byId.values()].map((f) => f.key)),
    each: (listener) => hasher.onHashed((id, hash) => {
      const f = byId.get(id);
      if (f) listener({ key: f.key, path: f.path, ...hash });
    })
  };
}
function reusable(view, headersOf) {
  const listed2 = new Map(view.remote.map((o) => [o.key, o]));
  return (sibling, source) => {
    const entry = view.state.entries.get(sibling.key);
    const object = listed2.get(sibling.key);
    if (!entry || entry.source !== source.md5 || !object) return void 0;
    if (object.etag !== entry.etag || object.size !== entry.size) return void 0;
    if (!describedBy(object, view.state)) return void 0;
    if (headersOf && !sameHeaders(entryHeaders(entry), headersOf(sibling))) return void 0;
    return {
      key: sibling.key,
      path: "",
      size: entry.size,
      md5: entry.md5,
      mtimeMs: source.mtimeMs,
      source: source.md5
    };
  };
}
function siblingRules(rules, siblings) {
  return (key) => {
    const sibling = siblings.get(key);
    if (!sibling) return rules(key);
    const of = rules(sibling.source);
    return {
      ...of,
      unknownType: false,
      headers: { ...of.headers, contentEncoding: sibling.encoding }
    };
  };
}
function expectations(selection, hasher) {
  let given = false;
  return (state) => {
    if (given) return;
    given = true;
    const entries = state?.entries;
    if (!entries || entries.size === 0) return hasher.expect(() => void 0);
    const keys = [];
    selection.found.forEach((f, i) => keys[f.hashId ?? i] = f.key);
    hasher.expect((index) => {
      const key = keys[index];
      const entry = key === void 0 ? void 0 : entries.get(key);
      return entry?.sha === void 0 ? void 0 : { size: entry.size, sha: entry.sha, md5: entry.md5 };
    });
  };
}

// src/deploy/scan-build.ts
var HELD_BACK_LIMIT = 50;
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
        `${previews.length} file(s) of the build lie under ${config.protect.map((p) => `${p}/`).join(" or ")}, which belong${config.protect.length > 1 ? "" : "s"} to ${config.protect.map((p) => p === BUILDS_DIR ? "atomic builds" : "previews").join(" and ")}: not published. ${listed(previews)}`
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
  if (scan.found.every((f) => SITE_FILES.includes(f.key)) && !config.allowEmpty)
    throw new PreflightError(
      `No files to publish in ${JSON.stringify(config.sourceInput)} after include/exclude. Publishing an empty build would delete the site, so nothing was changed. Check that the build wrote its output there, or set allow-empty: true.`
    );
  return scan;
}

// src/deploy/sync.ts
var VERBOSE_LIMIT = 200;
var RECENT_MS = 1500;
function describe(action) {
  if (action.kind === "update")
    return `update  ${shown(action.key)} (headers: ${action.previous.cacheControl} -> ${action.headers.cacheControl}${action.previous.contentType !== action.headers.contentType ? `; ${action.previous.contentType} -> ${action.headers.contentType}` : ""})`;
  return `upload  ${shown(action.key)} (${action.reason}, ${action.file.size} bytes, ${action.headers.cacheControl})`;
}
async function sync(args) {
  const { store, rules, filter, options, log: log2 } = args;
  let local = [];
  const zero = { uploaded: 0, updated: 0, deleted: 0, unchanged: 0, bytesUploaded: 0 };
  const writeEnded = /* @__PURE__ */ new Map();
  const grace = options.graceMs ? { ms: options.graceMs, now: options.now ?? /* @__PURE__ */ new Date() } : void 0;
  const early = /* @__PURE__ */ new Map();
  const earlySlots = new Semaphore(options.concurrency);
  let earlyStopped = false;
  const startEarly = (view, files) => {
    const deletes = countDeletes(
      { remote: view.remote, state: view.state, filter, delete: options.delete, grace },
      files.keys
    );
    if (options.maxDeletes >= 0 && deletes > options.maxDeletes) return;
    const held = new Set(view.remote.map((o) => o.key));
    files.each((file) => {
      if (held.has(file.key) || isReservedKey(file.key) || early.has(file.key)) return;
      const { metadata, headers } = rules(file.key);
      if (metadata) return;
      early.set(
        file.key,
        earlySlots.use(
          1,
          () => earlyStopped ? Promise.reject(new Error("not sent: the comparison failed")) : store.upload(file, headers)
        ).then(
          (value) => ({ ok: true, value }),
          (error2) => ({ ok: false, error: error2 })
        ).finally(() => writeEnded.set(file.key, performance.now()))
      );
    });
  };
  const compare = () => log2.group(`Compare with ${store.description}`, async () => {
    const reading = args.reading ?? readRemote(store, log2);
    if (args.early && !options.dryRun) {
      const files2 = args.early;
      reading.then(
        (view) => startEarly(view, files2),
        () => void 0
      );
    }
    const [{ remote, state: read }, files] = await Promise.all([reading, args.local]);
    const drifted = driftedKeys(read, remote).filter((k) => !read.pending.includes(k));
    if (drifted.length > 0)
      log2.info(
        `${drifted.length} object(s) changed or went away after the deploy state was written (a run that was stopped, or another tool): their cached copies are invalidated too.`
      );
    const state2 = drifted.length > 0 ? { ...read, pending: [...read.pending, ...drifted] } : read;
    local = files;
    const inspected2 = /* @__PURE__ */ new Map();
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
    const carried2 = inLatestSecond(
      remote,
      plan2.unchanged.map((u) => u.file.key)
    );
    return { plan: plan2, state: state2, inspected: inspected2, carried: carried2 };
  });
  let compared;
  try {
    compared = await compare();
  } catch (error2) {
    earlyStopped = true;
    await Promise.all(early.values());
    throw error2;
  }
  const { plan, state, inspected, carried } = compared;
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
  args.accepted?.(state);
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
      const since = performance.now() - RECENT_MS;
      const recent = [...writeEnded].filter(([, at]) => at >= since).map(([key]) => key);
      for (const key of carried) recent.push(key);
      try {
        await store.writeState(stateChunks(entries, { pending, marks, cdn, recent }));
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
  const record2 = (file, etag, headers) => entries.set(file.key, {
    etag,
    md5: file.md5,
    ...file.sha !== void 0 ? { sha: file.sha } : {},
    size: file.size,
    ...headers,
    ...file.source ? { source: file.source } : {}
  });
  for (const u of plan.unchanged) record2(u.file, u.etag, u.headers);
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
        const started = action.kind === "upload" ? early.get(action.key) : void 0;
        if (started) {
          const outcome = await started;
          if (outcome.ok) return outcome.value;
          throw outcome.error;
        }
        try {
          return await (action.kind === "upload" ? store.upload(action.file, action.headers) : store.updateHeaders(action.file, action.headers, action.kept));
        } finally {
          writeEnded.set(action.key, performance.now());
        }
      });
      for (const outcome of outcomes) {
        const action = outcome.item;
        if (outcome.ok) {
          record2(action.file, outcome.value.etag, action.headers);
          if (action.reason !== "new") result.changedApplied.push(action.key);
          const counts = options.dryRun ? result.planned : result.done;
          if ("copied" in outcome.value && outcome.value.copied) {
            counts.copied = (counts.copied ?? 0) + 1;
            if (options.dryRun) {
              counts.uploaded--;
              counts.bytesUploaded -= action.file.size;
            }
            continue;
          }
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
  await args.beforeDeletes?.();
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

// src/deploy/route-site.ts
async function routeSite(config, state, site, deps, writtenEarly) {
  const { store, files } = deps;
  const storeRef = state.distribution?.store;
  const loaded = state.cdnApi;
  if (!storeRef || !loaded) {
    if (state.distribution && !config.dryRun && (site.rules.present.length > 0 || deps.siblings.size > 0))
      warning(
        `${[...site.rules.present, ...deps.siblings.size > 0 ? ["the precompressed siblings"] : []].join(", ")}: not applied, because distribution ${state.distribution.id} has no site behaviour (site-behaviour: auto gives it only to distributions cdn-publish created; set site-behaviour: true to give it this one, whose viewer functions it then replaces).`
      );
    return;
  }
  const [data, notFound] = await buildSiteData(config, site, deps);
  const page = notFound && files.find((f) => f.key === notFound.key);
  if (config.dryRun) {
    log.info(`Would write the site's routing data for ${site.root} to ${storeRef.name}.`);
    return;
  }
  const mark = siteMark(storeRef.arn, site, data);
  const remembered = state.result?.remembered;
  const keep = () => {
    if (state.remember && typeof state.remember === "object")
      state.remember = { ...state.remember, site: mark };
  };
  if (remembered?.site === mark) {
    log.info(`Site routing data for ${site.root} is as the last deploy wrote it.`);
    keep();
    return;
  }
  if (writtenEarly === mark) {
    if (page && notFound) await store.copyNotFound(notFound.key, NOT_FOUND_COPY, notFound.headers);
    keep();
    return;
  }
  const { copied } = await log.group(
    "Site routing data",
    () => publishSite({
      api: loaded.api,
      storeArn: storeRef.arn,
      store,
      data,
      notFound: page ? notFound : void 0,
      log
    })
  );
  if (copied && !state.distributionCreated) {
    state.result?.changedApplied.push(NOT_FOUND_COPY);
    state.alsoInvalidate = [NOT_FOUND_COPY];
  }
  keep();
}
async function routeNewSite(config, site, deps, to) {
  if (!to.store || config.dryRun) return void 0;
  const [data] = await buildSiteData(config, site, deps);
  const storeArn = to.store.arn;
  await to.log.group(
    "Site routing data",
    () => publishSite({
      api: to.api,
      storeArn,
      store: deps.store,
      data,
      notFound: void 0,
      log: to.log
    })
  );
  return siteMark(storeArn, site, data);
}
function siteMark(storeArn, site, data) {
  return `${storeArn} ${site.root} ${siteEntries(data).generation}`;
}
function buildSiteData(config, site, deps) {
  const page = deps.files.find((f) => f.key === config.cdn.notFoundPage.path);
  const flags = /* @__PURE__ */ new Map();
  for (const s of deps.siblings.values())
    flags.set(s.source, (flags.get(s.source) ?? 0) | (s.encoding === "br" ? HAS_BR : HAS_GZIP));
  const data = siteDataOf(site.root, deps.files, site.rules, page, flags, deps.nested);
  return Promise.resolve([
    data,
    page ? { key: page.key, headers: deps.rules(page.key).headers } : void 0
  ]);
}

// src/deploy/publish.ts
async function publish(config, env, state, hashWorker) {
  const filter = compileFilter(config);
  const started = Date.now();
  const hasher = new Hasher({
    workerScript: hashWorker,
    expectations: true,
    report: (where) => log.debug(`Hashing ${where}.`)
  });
  void hasher.warmUp();
  const rulesLoading = import("./chunks/rules-7NXXRLXS.js");
  rulesLoading.catch(() => void 0);
  preload("s3");
  let selection;
  let site;
  try {
    selection = await scanBuild(config, filter, hasher);
    site = await prepareSite(config, selection);
  } catch (error2) {
    hasher.stop();
    throw error2;
  }
  let viewOf = () => void 0;
  const remoteView = new Promise((resolve) => viewOf = resolve);
  const { local, siblings, cleanUp } = buildFiles(config, {
    hasher,
    selection,
    site: site !== void 0,
    rulesLoading,
    remoteView,
    started
  });
  const early = config.atomic.enabled ? void 0 : earlyFiles(selection, hasher);
  const side = await s3Side(config);
  let atomic;
  let earlyCdn;
  let routedEarly;
  let hint;
  let digest = "";
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
    if (config.cdn.enabled) preload("cloudfront");
    if (config.atomic.enabled) {
      if (!site)
        throw new PreflightError(
          `Input 'atomic' is true, but this deploy has no site behaviour (${config.prefix || "(root)"} is neither the site nor a preview). Nothing was sent.`
        );
      hint = await readHint(store);
      await ensureCdn(config, env, state, side.admin, hint?.cdn);
      const ref = state.distribution?.store;
      const api = state.cdnApi?.api;
      const cdn = api && ref ? { api, ref } : api && config.dryRun ? await findStore(config, api) : void 0;
      atomic = await AtomicDeploy.open(config, side, cdn, site.root);
    }
    const expectFrom = expectations(selection, hasher);
    let reading = atomic ? atomic.liveView : readRemote(store, log, expectFrom);
    reading.then(viewOf, () => viewOf(void 0));
    reading.then(
      (view) => expectFrom(view?.state),
      () => expectFrom(void 0)
    );
    const rules = siblingRules((await rulesLoading).compileRules(config), siblings);
    let target = store;
    if (atomic) {
      const files = await local;
      digest = buildDigest(
        files.map((f) => ({ key: f.key, md5: f.md5, headers: rules(f.key).headers }))
      );
      const chosen = await atomic.choose(digest);
      target = chosen.store;
      const read = target;
      reading = chosen.view ? chosen.view.then((view) => view ?? readRemote(read, log)) : readRemote(target, log);
    }
    const siteDeps = async () => {
      const view = await remoteView;
      const nested = view ? nestedDeploys(view.remote) : [];
      return { store, rules, files: await local, siblings, nested };
    };
    state.result = await sync({
      store: target,
      local,
      reading,
      rules,
      filter,
      early,
      // A build is new, so it is exactly the build: leftovers of a failed attempt go, at once.
      options: {
        delete: atomic ? true : config.delete,
        maxDeletes: atomic ? -1 : config.maxDeletes,
        concurrency: dispatchLimit(config.concurrency),
        dryRun: config.dryRun,
        graceMs: atomic ? 0 : config.deleteGraceMs,
        now: clock(env)
      },
      log,
      // A distribution that does not exist yet is created while the files upload.
      accepted: (read) => {
        if (atomic || !config.cdn.enabled) return;
        const prep = site;
        const next = prep && (async (created, api, held) => {
          routedEarly = await routeNewSite(config, prep, await siteDeps(), {
            api,
            store: created.store,
            log: held
          });
        });
        earlyCdn = new EarlyCdn(config, env, side.admin, read.cdn, next);
      },
      // From the first write on, a cancelled run knows what it changed (see onCancel).
      applying: (result2) => state.result = result2,
      beforeDeletes: async () => {
        if (atomic && site) {
          await atomic.route(
            ...await buildSiteData(config, site, {
              rules,
              files: await local,
              siblings,
              nested: []
            })
          );
          return;
        }
        await ensureCdn(config, env, state, side.admin, void 0, earlyCdn);
        if (site) await routeSite(config, state, site, await siteDeps(), routedEarly);
      }
    });
  } catch (error2) {
    await settleEarlyCdn(config, state, earlyCdn);
    await state.result?.saveState(stillToInvalidate(config, state), state.remember).catch(() => void 0);
    throw error2;
  } finally {
    hasher.stop();
    state.concurrency = side.concurrency();
    log.info(concurrencyLine(state.concurrency));
    if (state.concurrency.changes?.length)
      log.debug(
        `Concurrency changes (ms after the first): ${state.concurrency.changes.map((c) => `${c.at} ${c.from}->${c.to} ${c.reason}`).join(", ")}`
      );
    await cleanUp();
  }
  await settleEarlyCdn(config, state, earlyCdn);
  const result = state.result;
  if (atomic) {
    await result.saveState([], state.remember);
    if (result.failures.length === 0) {
      const files = await local;
      state.build = await log.group(
        "Go live",
        () => atomic.finish({
          files: files.length,
          bytes: files.reduce((sum, f) => sum + f.size, 0),
          digest
        })
      );
      if (!config.dryRun) await writeHint(side.store, hint, state.build.id, state.remember);
    }
    return;
  }
  try {
    if (result.failures.length > 0) return;
    await invalidateCdn(config, env, state, result.pendingInvalidation);
  } finally {
    await result.saveState(stillToInvalidate(config, state), state.remember);
  }
}
async function prepareSite(config, selection) {
  const keys = new Set(selection.found.map((f) => f.key));
  const present = SITE_FILES.filter((name) => keys.has(name));
  if (!config.cdn.enabled || config.cdn.site === "off") {
    if (present.length > 0)
      warning(
        `${present.join(" and ")} at the build root ${present.length > 1 ? "are" : "is"} not published, and not applied: ${config.cdn.enabled ? "site-behaviour is false" : "no CloudFront distribution serves these files"}.`
      );
    return void 0;
  }
  const root = siteRootOf(config);
  if (root === void 0) {
    if (present.length > 0)
      warning(
        `${present.join(" and ")} at the build root ${present.length > 1 ? "are" : "is"} not applied: site behaviour covers the site at ${config.basePrefix || "(the bucket root)"} and its previews, not ${config.prefix}.`
      );
    return void 0;
  }
  checkNotFoundPage(config, keys);
  return { root, rules: await readSiteRules(config.source, keys) };
}

// src/core/duration.ts
var UNITS = {
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
var MAX_DURATION_MS = 366 * UNITS.d;
var DURATION_ACCEPTED = "expected a duration such as 7d, 12h or 30m (s, m, h, d, w), at most a year, or 0 for none";
function parseDurationText(raw) {
  const text = raw.trim();
  if (text === "" || text === "0") return 0;
  const m = /^(\d+)\s*([smhdw])$/.exec(text);
  const ms = m ? Number(m[1]) * UNITS[m[2]] : NaN;
  return Number.isSafeInteger(ms) && ms <= MAX_DURATION_MS ? ms : void 0;
}
function formatDuration(ms) {
  for (const unit of ["w", "d", "h", "m"])
    if (ms >= UNITS[unit] && ms % UNITS[unit] === 0) return `${ms / UNITS[unit]}${unit}`;
  return `${Math.round(ms / 1e3)}s`;
}

// src/core/prune-previews.ts
var PLACEHOLDER_PATTERNS = {
  // Pull request numbers start at 1; ten digits at most keeps the number a safe integer.
  number: "([1-9][0-9]{0,9})",
  branch: "[a-z0-9-]+",
  sha: "[0-9a-f]{1,40}",
  tag: "[A-Za-z0-9._-]+"
};
function previewPattern(template, root) {
  const segment = root === "" ? template : template.slice(root.length + 1);
  if (!template.startsWith(root) || segment === "" || segment.includes("/"))
    return {
      problem: "prune-previews needs one folder per preview right below the preview root (e.g. previews/pr-{number}), to map each folder back to its pull request"
    };
  const numbers = segment.match(/\{number\}/g)?.length ?? 0;
  if (numbers !== 1)
    return {
      problem: `prune-previews maps each preview folder back to its pull request through {number}, which the template must hold ${numbers === 0 ? "once" : "only once"} (e.g. previews/pr-{number})`
    };
  const source = segment.split(/(\{[a-z]+\})/).map((part) => {
    const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
    const known = name === void 0 ? void 0 : PLACEHOLDER_PATTERNS[name];
    return known ?? part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("");
  const regex = new RegExp(`^${source}$`);
  return {
    pattern: {
      segment,
      numberOf: (name) => {
        const m = regex.exec(name);
        return m ? Number(m[1]) : void 0;
      }
    }
  };
}
function decidePreview(folder, pr, rules) {
  const { name, number } = folder;
  const decision = (remove2, why3, reason2) => ({
    name,
    number,
    remove: remove2,
    why: why3,
    reason: reason2
  });
  if (number === void 0)
    return decision(false, "foreign", `not a preview of this template (${rules.template})`);
  if (pr && "state" in pr && pr.state === "closed")
    return decision(
      true,
      "closed",
      `pull request #${number} ${pr.merged ? "was merged" : "is closed"}`
    );
  const last = folder.lastDeployed;
  const age = rules.maxAgeMs > 0 && last ? `last deployed ${last.toISOString()}` : void 0;
  if (age && rules.now - last.getTime() > rules.maxAgeMs)
    return decision(
      true,
      "expired",
      `${age}, more than preview-max-age (${formatDuration(rules.maxAgeMs)}) ago`
    );
  const young = age ? `; ${age}, within preview-max-age (${formatDuration(rules.maxAgeMs)})` : "";
  if (!pr || !("state" in pr))
    return decision(
      false,
      "unknown",
      `the state of pull request #${number} is not known (${pr ? pr.unknown : "not asked"})${young}`
    );
  return decision(false, "open", `pull request #${number} is open${young}`);
}
function sortDecisions(decisions) {
  return [...decisions].sort(
    (a, b) => a.number !== void 0 && b.number !== void 0 ? a.number - b.number : a.number !== void 0 ? -1 : b.number !== void 0 ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
}

// src/github/pulls.ts
var IN_FLIGHT2 = 4;
var MAX_REASON3 = 200;
async function pullRequestStates(target, numbers, options = {}) {
  const states = /* @__PURE__ */ new Map();
  const [owner, repo] = target.repository.split("/");
  if (!owner || !repo) {
    for (const n of numbers) states.set(n, { unknown: "GITHUB_REPOSITORY is not owner/name" });
    return states;
  }
  let octokit;
  try {
    octokit = await githubClient(target.token, target.apiUrl, options);
  } catch (error2) {
    for (const n of numbers) states.set(n, { unknown: reason(target, error2) });
    return states;
  }
  const results = await settleLimit(numbers, IN_FLIGHT2, async (pull_number) => {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number });
    const answer = data;
    if (answer.state !== "open" && answer.state !== "closed")
      throw new Error("the API answered without an open or closed state");
    if (answer.number !== void 0 && answer.number !== pull_number)
      throw new Error("the API answered about another pull request");
    return { state: answer.state, merged: answer.merged === true };
  });
  for (const r of results) states.set(r.item, r.ok ? r.value : { unknown: reason(target, r.error) });
  return states;
}
async function findPullRequestByHead(target, head, options = {}) {
  const [owner, repo] = target.repository.split("/");
  const label = `${head.owner}:${head.branch}`;
  if (!owner || !repo) return { missing: "GITHUB_REPOSITORY is not owner/name" };
  try {
    const octokit = await githubClient(target.token, target.apiUrl, options);
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      head: label,
      state: "open",
      per_page: 100
    });
    if (!Array.isArray(data)) throw new Error("the API answered the pull request list with no list");
    const match = data.find(
      (pr) => pr.head?.sha === head.sha
    );
    const number = match?.number;
    if (typeof number === "number" && Number.isSafeInteger(number) && number > 0) return { number };
    return {
      missing: `no open pull request of ${escapeUnsafe(label)} has the head commit ${escapeUnsafe(head.sha)} (${data.length} open with that head branch)`
    };
  } catch (error2) {
    return {
      missing: `the lookup of the open pull request of ${escapeUnsafe(label)} failed: ${reason(target, error2)}`
    };
  }
}
function reason(target, error2) {
  let text;
  if (error2 instanceof GitHubTimeoutError || error2 instanceof GitHubRefusedError)
    text = error2.message;
  else {
    const http = httpStatus3(error2);
    if (http === 401 || http === 403)
      text = `the token may not read pull requests (HTTP ${http}; the job needs pull-requests: read)`;
    else if (http === 404) text = "not found with this token (HTTP 404)";
    else
      text = http === void 0 ? errorMessage(error2) : `the GitHub API answered ${http}: ${errorMessage(error2)}`;
  }
  if (target.token.length >= 4) text = text.split(target.token).join("***");
  text = escapeUnsafe(text.replace(/[\r\n]+/g, " "));
  const points = [...text];
  return points.length > MAX_REASON3 ? `${points.slice(0, MAX_REASON3 - 1).join("")}…` : text;
}
function httpStatus3(error2) {
  if (!error2 || typeof error2 !== "object" || !("response" in error2) || !error2.response) return;
  const status2 = error2.status;
  return typeof status2 === "number" ? status2 : void 0;
}

// src/deploy/remove.ts
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
    saveState: () => Promise.resolve()
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
  try {
    await removeSiteData(config, api, side);
  } catch (error2) {
    warning(`${errorMessage(error2)}. The site's routing data stays in the KeyValueStore.`);
  }
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
async function removeSiteData(config, api, side) {
  const root = siteRootOf(config);
  if (config.cdn.site === "off" || root === void 0) return;
  const store = await api.siteStore.find(storeName(config.bucket, config.basePrefix));
  if (!store) return;
  const meta = await api.siteStore.readMeta(store.arn, `${namespaceOf(root)}.m`);
  const builds = meta?.a ? [
    ...new Set(
      [meta.a, meta.v, ...meta.k ?? [], ...(meta.x ?? []).map(([b]) => b)].filter(
        (b) => b !== void 0
      )
    )
  ] : [];
  if (config.dryRun) {
    log.info(
      `Would remove the routing data of ${root} from CloudFront KeyValueStore ${store.name}${root !== "/" && builds.length > 0 ? `, and its builds ${builds.join(", ")} that production does not hold` : ""}.`
    );
    return;
  }
  if (root !== "/" && builds.length > 0)
    await deleteBuilds(config, side, { api, ref: store }, root, builds);
  const removed = await api.siteStore.removeSite(store.arn, root);
  if (removed > 0)
    log.info(`Removed the routing data of ${root} from ${store.name} (${removed} keys).`);
}

// src/deploy/prune-previews.ts
var LISTINGS_IN_FLIGHT = 8;
async function prunePreviews(config, env, state) {
  const { template, root, maxAgeMs } = config.preview;
  const mapped = previewPattern(template, root);
  if ("problem" in mapped) throw new PreflightError(`preview-prefix ${template}: ${mapped.problem}`);
  const rootPrefix = joinKey(config.prefix, root);
  const where = `s3://${config.bucket}/${listPrefix(rootPrefix)}`;
  if (config.dryRun) log.info(DRY_RUN_NOTE);
  const reader = await s3Reader(config);
  const names = await log.group(
    `List the previews under ${where}`,
    () => reader.folders(rootPrefix)
  );
  const folders = names.map((name) => ({
    name,
    number: mapped.pattern.numberOf(name)
  }));
  const outcome = { root: rootPrefix, dryRun: config.dryRun, previews: [] };
  state.prune = outcome;
  if (folders.length === 0) {
    log.info(`No previews under ${where}.`);
    return;
  }
  const states = await readStates(config, folders);
  if (maxAgeMs > 0) {
    const aged = folders.filter((f) => f.number !== void 0 && !closed(states.get(f.number)));
    await log.group(
      `Read the last deploy of ${aged.length} preview(s)`,
      () => mapLimit(aged, LISTINGS_IN_FLIGHT, async (folder) => {
        const objects = await reader.objects(joinKey(rootPrefix, folder.name));
        folder.lastDeployed = newest(objects.map((o) => o.lastModified));
      })
    );
  }
  const rules = { template, maxAgeMs, now: clock(env).getTime() };
  const decisions = sortDecisions(
    folders.map(
      (f) => decidePreview(f, f.number === void 0 ? void 0 : states.get(f.number), rules)
    )
  );
  outcome.previews = decisions.map((d) => ({ ...d, prefix: joinKey(rootPrefix, d.name) }));
  for (const p of outcome.previews)
    log.info(
      `${p.remove ? config.dryRun ? "would remove" : "remove" : "keep"}  ${shown(p.name)}: ${p.reason}`
    );
  for (const preview of outcome.previews.filter((p) => p.remove))
    await removeOne(config, env, state, preview);
  const failed = outcome.previews.filter((p) => p.error !== void 0);
  if (failed.length > 0)
    throw new PreflightError(
      `${failed.length} preview(s) could not be removed: ` + failed.map((p) => `${shown(p.name)} (${p.error})`).join("; ") + ". The others were pruned; a re-run tries again."
    );
}
function closed(pr) {
  return pr !== void 0 && "state" in pr && pr.state === "closed";
}
function newest(times) {
  let found;
  for (const t of times) if (!found || t > found) found = t;
  return found;
}
async function readStates(config, folders) {
  const numbers = [
    ...new Set(folders.flatMap((f) => f.number === void 0 ? [] : [f.number]))
  ].sort((a, b) => a - b);
  const { token, apiUrl, context } = config.github;
  if (numbers.length === 0) return /* @__PURE__ */ new Map();
  if (!token) {
    log.info("No github-token: the pull requests cannot be asked about, so only age prunes.");
    return new Map(numbers.map((n) => [n, { unknown: "no github-token to ask GitHub with" }]));
  }
  return log.group(
    `Ask GitHub about ${numbers.length} pull request(s)`,
    () => pullRequestStates({ token, apiUrl, repository: context.repository ?? "" }, numbers)
  );
}
function previewConfig(config, preview) {
  return {
    ...config,
    mode: "remove",
    prefix: preview.prefix,
    preview: { ...config.preview, enabled: true },
    github: {
      ...config.github,
      context: { ...config.github.context, number: preview.number, sha: void 0, closed: true },
      // The preview's own environment, as its publish named it.
      deployment: {
        ...config.github.deployment,
        environment: previewEnvironment(preview.number, preview.name),
        transient: true
      }
    }
  };
}
async function removeOne(config, env, state, preview) {
  const own = previewConfig(config, preview);
  const run2 = { config: own };
  try {
    await log.group(
      `Remove the preview ${shown(preview.name)} (${preview.reason})`,
      () => remove(own, env, run2)
    );
  } catch (error2) {
    preview.error = errorMessage(error2);
  }
  const result = run2.result;
  if (result) {
    preview.deleted = result.dryRun ? result.planned.deleted : result.done.deleted;
    if (result.failures.length > 0)
      preview.error ??= `${result.failures.length} object(s) could not be deleted, such as ${shown(result.failures[0].key)}: ${result.failures[0].message}`;
  }
  state.distribution ??= run2.distribution;
  if (preview.error !== void 0 || config.dryRun) return;
  await previewRemoved(own, env, run2);
}
async function previewRemoved(own, env, run2) {
  try {
    await comment(own, env, run2, false);
  } catch (error2) {
    warning(`Pull request comment: ${errorMessage(error2)}. The preview itself was removed.`);
  }
  await markDeploymentsInactive(own, env, run2);
}
async function markDeploymentsInactive(own, env, run2) {
  try {
    await deploymentFinished(own, env, run2, false);
  } catch (error2) {
    warning(`GitHub deployment: ${errorMessage(error2)}. The preview itself was removed.`);
  }
}

// src/deploy/move-live.ts
async function moveLive(config, env, state) {
  if (config.dryRun) log.info(DRY_RUN_NOTE);
  const root = siteRootOf(config);
  if (root === void 0)
    throw new PreflightError(
      `mode: ${config.mode} moves the live build of the site or a preview; ${config.prefix || "(root)"} is neither. Nothing was changed.`
    );
  const side = await s3Side(config);
  state.talking = "cloudfront";
  const loaded = await cloudFront(config);
  if (!loaded) throw new PreflightError(`mode: ${config.mode} needs the CloudFront distribution.`);
  const { cf, api } = loaded;
  const target = config.mode === "promote" ? { ...config, prefix: config.basePrefix, preview: { ...config.preview, enabled: false } } : config;
  state.distribution = await cf.ensureDistribution({
    config: target,
    api,
    admin: side.admin,
    log,
    env,
    dryRun: config.dryRun,
    findOnly: true
  });
  if (!state.distribution)
    throw new PreflightError(
      `mode: ${config.mode}: no distribution serves s3://${config.bucket}/${config.basePrefix}. Nothing was changed.`
    );
  state.url = siteUrlOf(cf, target, state.distribution);
  const cdn = await findStore(config, api);
  if (!cdn)
    throw new PreflightError(
      `mode: ${config.mode}: distribution ${state.distribution.id} has no KeyValueStore for site behaviour, so it has no builds to switch between (deploy with atomic: true first). Nothing was changed.`
    );
  state.build = await log.group(
    config.mode === "promote" ? "Promote" : "Roll back",
    () => switchBuild({
      config,
      side,
      cdn,
      root: config.mode === "promote" ? "/" : root,
      ...config.mode === "promote" ? { from: root } : {}
    })
  );
}

// src/action/inputs.ts
import path5 from "node:path";

// src/action/readers.ts
var DEFAULTS = {
  include: "**",
  maxDeletes: 256,
  concurrency: "auto"
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
function parseGlobs(c, env, name, fallback) {
  const raw = getInput(env, name) || fallback;
  const globs = splitList(raw);
  for (const glob of globs) {
    const problem = globProblem(glob);
    if (problem) c.fail(name, glob, problem);
  }
  return globs;
}
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
function parseDuration(c, env, name) {
  const raw = getInput(env, name);
  const ms = parseDurationText(raw);
  if (ms === void 0) {
    c.fail(name, raw, DURATION_ACCEPTED);
    return 0;
  }
  return ms;
}

// src/action/validators.ts
import path4 from "node:path";
var HEADER_VALUE = /^[\x20-\x7e]+$/;
var MAX_HEADER_VALUE = 1024;
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
function containsPath(outer, inner) {
  const relative = path4.relative(outer, path4.resolve(inner));
  return relative === "" || !relative.startsWith("..") && !path4.isAbsolute(relative);
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

// src/action/cdn-inputs.ts
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
  const site = parseSiteBehaviour(c, env);
  const notFoundPage = parseNotFoundPage(c, env);
  let precompress = [];
  try {
    precompress = parsePrecompress(getInput(env, "precompress"));
  } catch {
    c.fail(
      "precompress",
      getInput(env, "precompress"),
      "expected br, gzip, both (br, gzip), or false"
    );
  }
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
  const storeEndpoint = (env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE || env.AWS_ENDPOINT_URL || "").trim().replace(/\/+$/, "") || void 0;
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
    site,
    notFoundPage,
    precompress,
    invalidate,
    invalidationMaxPaths,
    failOnWaitTimeout,
    ...signed,
    endpoint,
    storeEndpoint
  };
}
function parseSiteBehaviour(c, env) {
  const raw = getInput(env, "site-behaviour").toLowerCase();
  if (raw === "" || raw === "auto") return "auto";
  if (raw === "true") return "on";
  if (raw === "false") return "off";
  c.fail("site-behaviour", getInput(env, "site-behaviour"), "expected auto, true or false");
  return "auto";
}
var NOT_FOUND_DEFAULT = "404.html";
function parseNotFoundPage(c, env) {
  const raw = getInput(env, "not-found-page");
  const path6 = raw.replace(/^\/+/, "");
  if (raw === "" || path6 === NOT_FOUND_DEFAULT) return { path: NOT_FOUND_DEFAULT, given: false };
  const segments = path6.split("/");
  if (path6.includes("\\") || segments.some((s) => s === "" || s === "." || s === ".." || s === STATE_DIR) || !/\.html?$/i.test(path6)) {
    c.fail(
      "not-found-page",
      raw,
      "expected the path of an HTML page in the build, relative to source (e.g. 404.html or errors/missing.html)"
    );
    return { path: NOT_FOUND_DEFAULT, given: false };
  }
  return { path: path6, given: true };
}

// src/action/context.ts
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
function get(payload, ...path6) {
  let value = payload;
  for (const key of path6) {
    if (!value || typeof value !== "object") return void 0;
    value = value[key];
  }
  return value;
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function prNumber(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : void 0;
}
function workflowRun(payload) {
  const headSha = str(get(payload, "workflow_run", "head_sha"));
  const listed2 = get(payload, "workflow_run", "pull_requests");
  const prs = Array.isArray(listed2) ? listed2 : [];
  const pick = prs.find((pr) => get(pr, "head", "sha") === headSha) ?? prs[0];
  const number = prNumber(get(pick, "number"));
  if (number !== void 0) return { number, lookup: void 0, why: void 0 };
  const event = str(get(payload, "workflow_run", "event"));
  if (!event || !PULL_REQUEST_EVENTS.has(event))
    return {
      number,
      lookup: void 0,
      why: `the workflow run it follows was triggered by ${event ? `a ${event} event` : "an unknown event"}, not by a pull request`
    };
  const owner = str(get(payload, "workflow_run", "head_repository", "owner", "login"));
  const branch = str(get(payload, "workflow_run", "head_branch"));
  if (owner && branch && headSha)
    return {
      number,
      lookup: { owner, branch, sha: headSha },
      why: "its payload lists no pull request (GitHub lists none for a fork) and it was not looked up"
    };
  return {
    number,
    lookup: void 0,
    why: "its payload lists no pull request, nor the head repository, branch and commit to look it up by"
  };
}
function readContext(env, payload, found) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";
  const run2 = eventName === "workflow_run" ? workflowRun(payload) : void 0;
  const number = prNumber(get(payload, "pull_request", "number")) ?? (get(payload, "issue", "pull_request") ? prNumber(get(payload, "issue", "number")) : void 0) ?? run2?.number ?? (run2 && found && "number" in found ? prNumber(found.number) : void 0);
  const isPr = PULL_REQUEST_EVENTS.has(eventName);
  const tag = str(get(payload, "release", "tag_name")) ?? (ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : void 0);
  const branch = str(get(payload, "pull_request", "head", "ref")) ?? str(env.GITHUB_HEAD_REF) ?? (run2 ? str(get(payload, "workflow_run", "head_branch")) : void 0) ?? (ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : void 0);
  const sha = str(get(payload, "pull_request", "head", "sha")) ?? (run2 ? str(get(payload, "workflow_run", "head_sha")) : void 0) ?? str(env.GITHUB_SHA);
  return {
    eventName,
    number,
    branch,
    tag,
    sha,
    repository: str(env.GITHUB_REPOSITORY) ?? str(get(payload, "repository", "full_name")),
    closed: isPr && get(payload, "action") === "closed",
    ...run2 && number === void 0 ? {
      ...run2.lookup && !found ? { lookup: run2.lookup } : {},
      numberMissing: found && "missing" in found ? found.missing : run2.why
    } : {}
  };
}
function slug(text) {
  const s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return s === "" ? "x" : s;
}
var PLACEHOLDERS = ["number", "branch", "sha", "tag"];
var SOURCES = {
  number: "a pull_request or pull_request_target event, or a workflow_run of one",
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
var MODES = [
  "publish",
  "remove",
  "prune-previews",
  "rollback",
  "promote"
];
function parseAtomic(c, env, with_) {
  const enabled = parseBoolean(c, env, "atomic", false);
  const keep = parseInteger(
    c,
    env,
    "keep-builds",
    5,
    1,
    MAX_KEEP_BUILDS,
    `expected a whole number of builds from 1 to ${MAX_KEEP_BUILDS} (the live and the previous build are always kept)`
  );
  const rollbackTo = getInput(env, "rollback-to");
  const { mode, cdn } = with_;
  const switching = mode === "rollback" || mode === "promote";
  if (rollbackTo !== "" && mode !== "rollback")
    c.fail("rollback-to", rollbackTo, "only with mode: rollback");
  else if (rollbackTo !== "" && !BUILD_ID.test(rollbackTo))
    c.fail("rollback-to", rollbackTo, "expected a build id (the build-id output) or a commit SHA");
  const needs = enabled ? "atomic" : switching ? "mode" : void 0;
  const value = enabled ? "true" : mode;
  if (needs && !cdn.enabled)
    c.fail(
      needs,
      value,
      `atomic deploys need the CloudFront distribution (${cdn.skipReason ?? "cloudfront is off"})`
    );
  else if (needs && cdn.site === "off")
    c.fail(
      needs,
      value,
      "atomic deploys are served by site behaviour's viewer function and KeyValueStore: leave site-behaviour at auto or true"
    );
  if (needs && with_.template)
    c.fail(
      needs,
      value,
      "a prefix with placeholders (a release) is served in place; atomic deploys cover the site at a fixed prefix and its previews"
    );
  if (mode === "promote" && !with_.preview)
    c.fail(
      "mode",
      mode,
      "promote makes a preview's live build the production build: set preview: true"
    );
  return {
    enabled,
    keep,
    rollbackTo: rollbackTo || void 0,
    attempt: env.GITHUB_RUN_ATTEMPT?.trim() || "1"
  };
}
var MAX_KEEP_BUILDS = 20;
function parseConfig(env, payload, found) {
  const c = new Collector();
  checkCharacters(c, env);
  if (c.errors.length > 0) throw new InputErrors(c.errors);
  const context = readContext(env, payload, found);
  const sourceInput = getInput(env, "source");
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  let source = "";
  const modeInput = getInput(env, "mode");
  const pruning = modeInput === "prune-previews";
  const removing = modeInput === "remove" || pruning;
  const noBuild = removing || modeInput === "rollback" || modeInput === "promote";
  if (sourceInput === "" && noBuild) source = "";
  else if (sourceInput === "") c.fail("source", sourceInput, "the directory to publish is required");
  else if (hasControlCharacter(sourceInput))
    c.fail("source", sourceInput, "a path must not contain control characters");
  else {
    source = path5.resolve(workspace, sourceInput);
    if (source === path5.parse(source).root)
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
  const preview = parsePreview(c, env, context, pruning);
  let prefix = resolved;
  let own = "";
  if (preview.enabled && !pruning && !outsidePullRequest(preview.template, context)) {
    own = resolveTemplate(c, "preview-prefix", preview.template, context);
    prefix = [resolved, own].filter((p) => p !== "").join("/");
  }
  const mode = modeInput || "publish";
  if (!MODES.includes(mode))
    c.fail("mode", mode, `expected one of ${MODES.join(", ")}`);
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
  const deployment = parseDeployment(c, env, context, preview, own);
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
  const concurrency = ["", "auto"].includes(getInput(env, "concurrency").toLowerCase()) ? DEFAULTS.concurrency : parseInteger(
    c,
    env,
    "concurrency",
    AUTO_START,
    1,
    MAX_CONCURRENCY,
    `expected auto (adaptive, the default) or a whole number of parallel requests from 1 to ${MAX_CONCURRENCY}`
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
  const atomic = parseAtomic(c, env, {
    mode,
    cdn,
    template: prefixRaw.includes("{"),
    preview: preview.enabled
  });
  if (preview.domain !== void 0 && cdn.certificateArn === void 0 && cdn.distributionId === void 0)
    c.fail(
      "preview-domain",
      preview.domain,
      `the alias *.${preview.domain} needs certificate-arn (a certificate that covers it)`
    );
  if (source && source !== path5.parse(source).root && del && containsPath(source, workspace) && getInput(env, "include") === "")
    c.fail(
      "source",
      sourceInput,
      `${source === path5.resolve(workspace) ? "this is the workspace itself" : "this directory holds the workspace"}: publishing it with delete: true and no include would mirror (and prune to) the repository; point source at the build directory (e.g. dist), or set include to the files to publish`
    );
  if (c.errors.length > 0) throw new InputErrors(c.errors);
  return {
    source,
    sourceInput,
    bucket,
    prefix,
    basePrefix,
    // Production never publishes nor deletes the previews' root, nor the builds of atomic deploys.
    protect: preview.enabled ? [] : [
      ...preview.root === "" ? [] : [preview.root],
      ...prefix === basePrefix ? [BUILDS_DIR] : []
    ],
    mode: MODES.includes(mode) ? mode : "publish",
    atomic,
    allowRootRemoval,
    removeDistribution,
    preview,
    github: {
      token,
      apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
      context,
      deployment
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
function resolveTemplate(c, input, raw, context) {
  const filled = fillPlaceholders(raw, context);
  if ("missing" in filled) {
    const why3 = filled.missing === "number" && context.numberMissing ? ` (${context.numberMissing})` : "";
    c.fail(
      input,
      raw,
      `{${filled.missing}} has no value on a ${context.eventName || "local"} run${why3}: it needs ${filled.needs}`
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
function parseDeployment(c, env, context, preview, own) {
  const enabled = parseBoolean(c, env, "github-deployment", false);
  const raw = getInput(env, "environment");
  let input = "";
  if (raw !== "" && !enabled)
    c.fail("environment", raw, "it names the GitHub deployment: only with github-deployment: true");
  else if (raw !== "") {
    const filled = fillPlaceholders(raw, context);
    if ("missing" in filled)
      c.fail(
        "environment",
        raw,
        `{${filled.missing}} has no value on a ${context.eventName || "local"} run: it needs ${filled.needs}`
      );
    else if (filled.value.trim() === "")
      c.fail("environment", raw, "the placeholders left an empty name");
    else {
      const problem = environmentProblem(filled.value);
      if (problem) c.fail("environment", raw, problem);
      else input = filled.value.trim();
    }
  }
  const ownPart = own.startsWith(`${preview.root}/`) ? own.slice(preview.root.length + 1) : own;
  const environment = environmentName(input, {
    enabled: preview.enabled,
    number: context.number,
    ownPart
  });
  return { enabled, environment, transient: preview.enabled };
}
var DEFAULT_PREVIEW_PREFIX = "previews/pr-{number}";
function outsidePullRequest(template, context) {
  if (!template.includes("{number}")) return false;
  if (context.eventName === "workflow_run") return context.number === void 0;
  return !PULL_REQUEST_EVENTS.has(context.eventName);
}
function parsePreview(c, env, context, pruning) {
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
  if (enabled && !pruning && outsidePullRequest(template, context))
    c.fail(
      "preview",
      "true",
      context.eventName === "workflow_run" ? `preview-prefix ${template} needs the pull request's number, and this workflow_run has none: ${context.numberMissing ?? "its payload lists no pull request"}` : `previews are for pull_request events (this is ${context.eventName || "not a workflow run"}); on other events set a preview-prefix without {number}, e.g. previews/{branch}`
    );
  if (pruning && !templateProblem && root !== "") {
    const mapped = previewPattern(template, root);
    if ("problem" in mapped) c.fail("preview-prefix", template, mapped.problem);
  }
  const maxAgeMs = parseDuration(c, env, "preview-max-age");
  if (maxAgeMs > 0 && !pruning)
    c.fail("preview-max-age", getInput(env, "preview-max-age"), "only with mode: prune-previews");
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
  return { enabled, template, root, domain, maxAgeMs };
}

// src/deploy/workflow-run.ts
var STAND_IN = { number: 1 };
async function configOf(env, payload) {
  const lookup = readContext(env, payload).lookup;
  if (!lookup) return parseConfig(env, payload);
  const checked = parseConfig(env, payload, STAND_IN);
  const needed = checked.preview.enabled && checked.mode !== "prune-previews" || getInput(env, "prefix").includes("{number}");
  if (!needed) return parseConfig(env, payload);
  const { token, apiUrl, context } = checked.github;
  if (!token)
    return parseConfig(env, payload, {
      missing: "its payload lists no pull request (GitHub lists none for a fork), and without github-token it cannot be looked up"
    });
  setSecret(token);
  const label = `${lookup.owner}:${lookup.branch}`;
  const found = await log.group(`Find the pull request of ${shown(label)}`, async () => {
    const answer = await findPullRequestByHead(
      { token, apiUrl, repository: context.repository ?? "" },
      lookup
    );
    log.info(
      "number" in answer ? `Pull request #${answer.number} has the head ${shown(label)} at ${shown(lookup.sha)}.` : `No pull request: ${answer.missing}.`
    );
    return answer;
  });
  return parseConfig(env, payload, found);
}

// src/main.ts
var HASH_WORKER = new URL("./hash-worker.js", import.meta.url);
function failureText(result, config) {
  const lost = config && result.failures.some((f) => f.message.includes("stopped answering")) ? ` S3 (${s3Endpoint(config)}) stopped answering within request-timeout (${config.requestTimeoutSeconds} s).` : "";
  const lines = result.failures.slice(0, 20).map((f) => `  ${f.action} ${shown(f.key)}: ${f.message}`);
  return `${result.failures.length} object(s) failed` + (result.phase === "assets" ? "; metadata and deletes did not run, so the site still serves the previous HTML" : "") + (result.phase === "metadata" ? "; deletes did not run" : "") + `. A re-run sends only what is missing.${lost}
${lines.join("\n")}${result.failures.length > 20 ? "\n  ..." : ""}`;
}
function readPayload(env) {
  if (!env.GITHUB_EVENT_PATH) return void 0;
  try {
    return JSON.parse(fs5.readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
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
    state.config = await configOf(env, readPayload(env));
    if (state.config.github.token) setSecret(state.config.github.token);
    await deploymentStarted(state.config, env, state).catch(
      (error2) => warning(`GitHub deployment: ${errorMessage(error2)}. The deploy goes on.`)
    );
    if (state.config.mode === "remove") await remove(state.config, env, state);
    else if (state.config.mode === "rollback" || state.config.mode === "promote")
      await moveLive(state.config, env, state);
    else if (state.config.mode === "prune-previews") await prunePreviews(state.config, env, state);
    else await publish(state.config, env, state, HASH_WORKER);
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
  try {
    if (state.config) await deploymentFinished(state.config, env, state, failure !== void 0);
  } catch (error2) {
    warning(
      `GitHub deployment: ${errorMessage(error2)}. The deploy itself ${failure === void 0 ? "succeeded" : "failed"}.`
    );
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
    url: state.url,
    build: state.build,
    prune: state.prune,
    concurrency: state.concurrency
  });
  if (failure !== void 0) setFailed(failure);
}
var cancelling = false;
var CANCEL_SAVE_MS = 5e3;
async function onCancel(state, signal, started) {
  if (cancelling) return;
  cancelling = true;
  const { config, result } = state;
  const deployment = config ? deploymentCancelled(config, state, CANCEL_SAVE_MS) : void 0;
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
  await deployment;
  await finish(state, failure, started);
  process.exit(signal === "SIGINT" ? 130 : 143);
}
export {
  run
};
//# sourceMappingURL=main.js.map
