/**
 * What real CloudFront accepts in the free-text fields the action fills (comments, tag values), and pure
 * helpers that make any text fit by construction. The emulator forgives all of this; CloudFront answers
 * InvalidArgument or InvalidTagging, after the files are already published.
 */
import { createHash } from 'node:crypto'

/** Distribution, function, cache policy, key group and public key comments: "cannot be longer than 128 characters". */
export const COMMENT_MAX = 128
/** Tag values: 0-256 characters of TAG_TEXT (CloudFront API reference, TagValue). */
export const TAG_VALUE_MAX = 256
/** CloudFront Functions: the code is at most 10 KB (Quotas on CloudFront Functions). */
export const FUNCTION_CODE_MAX = 10 * 1024
/** Function names `[a-zA-Z0-9-_]{1,64}`; origin access control names up to 64 characters. */
export const NAME_MAX = 64

/** The pattern of tag keys and values (TagKey, TagValue in the API model). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const TAG_CHAR = /^[\p{L}\p{Z}\p{N}_.:/+\-@]$/u

/**
 * Characters kept as they are in a comment: letters, marks, digits, punctuation, symbols and spaces.
 * Controls, format characters (bidi overrides), line separators, private use, unassigned code points and
 * lone surrogates are what XML or the console may refuse or show misleadingly.
 */
const COMMENT_CHAR = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u
const COMMENT_TEXT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** True when CloudFront takes this text as a tag value as it is. */
export function isTagValue(text: string): boolean {
  return text.length <= TAG_VALUE_MAX && TAG_TEXT.test(text)
}

/** A prefix of `text` at most `max` UTF-16 units long that never splits a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text
  const code = text.charCodeAt(max - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)
}

/**
 * A tag value for any text: valid by construction, deterministic, and never the same for two texts.
 * Three forms that cannot be mistaken for each other:
 * - the text itself, when it is a valid value without `=` (readable; what earlier versions wrote);
 * - `=XX` escapes (UTF-8 bytes, upper-case hex) for `=` and every character outside the pattern, when
 *   that fits in 256: every `=` is followed by two hex digits;
 * - otherwise the readable start of the escaped form, `==`, and the SHA-256 of the text (64 hex).
 */
export function tagValue(text: string): string {
  if (isTagValue(text) && !text.includes('=')) return text
  let escaped = ''
  for (const char of text) {
    if (TAG_CHAR.test(char)) escaped += char
    else
      for (const byte of Buffer.from(char, 'utf8'))
        escaped += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  if (escaped.length <= TAG_VALUE_MAX) return escaped
  const digest = sha256(text)
  let head = cutAt(escaped, TAG_VALUE_MAX - 2 - digest.length)
  // Never end inside an escape: `=4` before `==` would read as a different escape.
  const at = head.lastIndexOf('=')
  if (at >= 0 && at > head.length - 3) head = head.slice(0, at)
  return `${head}==${digest}`
}

/** The text a tagValue() stands for; undefined for the digest form, which cannot be read back. */
export function tagText(value: string): string | undefined {
  if (!value.includes('=')) return value
  if (value.includes('==')) return undefined
  const bytes: number[] = []
  let text = ''
  const flush = () => {
    if (bytes.length > 0) text += Buffer.from(bytes.splice(0)).toString('utf8')
  }
  for (let i = 0; i < value.length;) {
    const escape = /^=([0-9A-F]{2})/.exec(value.slice(i, i + 3))
    if (escape) {
      bytes.push(parseInt(escape[1]!, 16))
      i += 3
      continue
    }
    if (value[i] === '=') return undefined
    flush()
    const code = value.codePointAt(i)!
    text += String.fromCodePoint(code)
    i += code > 0xffff ? 2 : 1
  }
  flush()
  return text
}

/** True when CloudFront takes this text as a comment as it is. */
export function isComment(text: string): boolean {
  return text.length <= COMMENT_MAX && COMMENT_TEXT.test(text)
}

/** Each character a comment cannot carry replaced by `?`. */
function printable(text: string): string {
  let out = ''
  for (const char of text) out += COMMENT_CHAR.test(char) ? char : '?'
  return out
}

/**
 * A comment that CloudFront takes, for free text that only describes (function, cache policy, OAC, key
 * group, public key): unprintable characters become `?`, and a text over the limit is cut and ends in
 * `...`. Not for marks: two texts can give the same comment.
 */
export function fitComment(text: string, max = COMMENT_MAX): string {
  const clean = printable(text)
  return clean.length <= max ? clean : `${cutAt(clean, max - 3)}...`
}

/**
 * A comment that stands for `text` alone: the text itself when CloudFront takes it, otherwise its
 * printable start, `~` and 16 hex of its SHA-256 (the form earlier versions used for long marks, so a
 * long mark they wrote is still recognised).
 */
export function markedComment(text: string, max = COMMENT_MAX): string {
  if (isComment(text) && text.length <= max) return text
  const hash = sha256(text).slice(0, 16)
  // One character short of the limit, as earlier versions cut it.
  return `${cutAt(printable(text), max - hash.length - 2)}~${hash}`
}
