import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  quoted
} from "./chunk-5MZ7EP76.js";

// src/core/errors.ts
function errorMessage(error) {
  if (error instanceof Error) {
    const message = error.message || String(error);
    const name = "$metadata" in error ? errorName(error) : void 0;
    return name && !message.startsWith(name) ? `${name}: ${message}` : message;
  }
  if (typeof error === "string") return error;
  if (error && typeof error === "object") {
    const record = error;
    const name = typeof record.name === "string" ? record.name : void 0;
    const message = typeof record.message === "string" ? record.message : void 0;
    if (name || message) return [name, message].filter(Boolean).join(": ");
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
function errorName(error) {
  if (!error || typeof error !== "object") return void 0;
  const record = error;
  if (typeof record.Code === "string") return record.Code;
  if (typeof record.name === "string") return record.name;
  return void 0;
}
function errorStatus(error) {
  if (!error || typeof error !== "object") return void 0;
  const meta = error.$metadata;
  return typeof meta?.httpStatusCode === "number" ? meta.httpStatusCode : void 0;
}
var InputError = class extends Error {
  constructor(input, value, accepted) {
    super(`Input '${input}' has an invalid value ${quoted(value)}: ${accepted}`);
    this.input = input;
    this.value = value;
    this.accepted = accepted;
  }
  input;
  value;
  accepted;
  name = "InputError";
};
function isExpected(error) {
  return error instanceof InputError || error instanceof PreflightError || error instanceof AwsCallError || error instanceof Error && error.name === "InputErrors";
}
var PreflightError = class extends Error {
  name = "PreflightError";
};
var AwsCallError = class extends Error {
  constructor(message, code, cause) {
    super(message);
    this.code = code;
    this.cause = cause;
  }
  code;
  cause;
  name = "AwsCallError";
};
var ACCESS_DENIED = /* @__PURE__ */ new Set([
  "AccessDenied",
  "AccessDeniedException",
  "Forbidden",
  "AllAccessDisabled"
]);
function isAccessDenied(error) {
  const e = error instanceof AwsCallError ? error.cause : error;
  const code = errorName(e);
  return errorStatus(e) === 403 || code !== void 0 && ACCESS_DENIED.has(code);
}
function wrapAwsError(doing, permission, error) {
  if (error instanceof AwsCallError) return error;
  const code = errorName(error);
  const status = errorStatus(error);
  let message = `Could not ${doing}: ${errorMessage(error)}`;
  if (status && !message.includes(String(status))) message += ` (HTTP ${status})`;
  if (code && ACCESS_DENIED.has(code) || status === 403) {
    if (permission)
      message += `. The credentials need the IAM permission ${permission} on this resource.`;
  }
  return new AwsCallError(message, code, error);
}
function isUnsupported(error) {
  const status = errorStatus(error);
  const name = errorName(error) ?? "";
  if (status === 501 || name === "NotImplemented") return true;
  return status === 404 && !/^NoSuch|NotFound$/.test(name);
}
var UNANSWERED_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN"
]);
function isUnanswered(error) {
  const e = error instanceof AwsCallError ? error.cause : error;
  if (!e || typeof e !== "object") return false;
  if (typeof e.$metadata?.httpStatusCode === "number") return false;
  return e.name === "TimeoutError" || typeof e.code === "string" && UNANSWERED_CODES.has(e.code);
}
var THROTTLING_CODES = /* @__PURE__ */ new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException"
]);
function refusalKind(error) {
  const e = error instanceof AwsCallError ? error.cause : error;
  if (!e || typeof e !== "object") return void 0;
  const status = e.$metadata?.httpStatusCode;
  if (status === 503 || status === 429) return "throttled";
  if (typeof e.name === "string" && THROTTLING_CODES.has(e.name)) return "throttled";
  if (typeof status !== "number" && e.name === "TimeoutError") return "timeouts";
  return void 0;
}

export {
  errorMessage,
  errorName,
  errorStatus,
  InputError,
  isExpected,
  PreflightError,
  AwsCallError,
  isAccessDenied,
  wrapAwsError,
  isUnsupported,
  isUnanswered,
  refusalKind
};
//# sourceMappingURL=chunk-EEFSAEWJ.js.map
