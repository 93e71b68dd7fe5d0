// Documented limits every CloudFront request body is checked against (moto checks none of them).
// Each check returns undefined when the body is fine, or { status, code, message } for the error
// CloudFront answers.
import { at, child, children, textAt, walk } from './xml.mjs'

export const COMMENT_MAX = 128
export const OAC_NAME_MAX = 64
export const FUNCTION_NAME = /^[a-zA-Z0-9-_]{1,64}$/
export const FUNCTION_CODE_MAX = 10 * 1024
const TAG_TEXT = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u

export const invalid = (message) => ({ status: 400, code: 'InvalidArgument', message })

/** Containers whose <Comment> is documented as at most 128 characters. */
const COMMENTED = new Set([
  'DistributionConfig',
  'CachePolicyConfig',
  'ResponseHeadersPolicyConfig',
  'OriginRequestPolicyConfig',
  'KeyGroupConfig',
  'PublicKeyConfig',
  'StreamingDistributionConfig',
  'CloudFrontOriginAccessIdentityConfig',
])

/** Every <Quantity> equals the number of items in its sibling <Items>. */
export function checkQuantities(root) {
  for (const { element } of walk(root)) {
    const quantity = child(element, 'Quantity')
    if (!quantity) continue
    const value = quantity.text.trim()
    const items = child(element, 'Items')
    const count = items ? items.children.length : 0
    if (!/^\d+$/.test(value))
      return invalid(`${element.name}/Quantity is not a whole number: "${value}"`)
    if (Number(value) !== count) {
      return {
        status: 400,
        code: 'InconsistentQuantities',
        message: `The value of Quantity and the size of Items don't match (${element.name}: Quantity ${value}, ${count} item(s)).`,
      }
    }
  }
  return undefined
}

export function checkComments(root) {
  for (const { element } of walk(root)) {
    if (!COMMENTED.has(element.name)) continue
    const comment = textAt(element, 'Comment')
    if (comment !== undefined && [...comment].length > COMMENT_MAX) {
      return invalid(
        `The parameter Comment is too long (${[...comment].length} characters; at most ${COMMENT_MAX}).`,
      )
    }
  }
  return undefined
}

/** Tag keys 1-128 characters, values 0-256, both from letters, spaces, digits and _.:/=+-@. */
export function checkTags(root) {
  for (const { element } of walk(root)) {
    if (element.name !== 'Tag') continue
    const key = textAt(element, 'Key') ?? ''
    const value = textAt(element, 'Value') ?? ''
    const keyLength = [...key].length
    if (keyLength < 1 || keyLength > 128) {
      return {
        status: 400,
        code: 'InvalidTagging',
        message: `Tag key must be 1 to 128 characters long (got ${keyLength}).`,
      }
    }
    if ([...value].length > 256) {
      return {
        status: 400,
        code: 'InvalidTagging',
        message: `Tag value must be at most 256 characters long.`,
      }
    }
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value)) {
      return {
        status: 400,
        code: 'InvalidTagging',
        message: `Tag keys and values may contain only letters, spaces, digits and _ . : / = + - @ (key "${key}").`,
      }
    }
  }
  return undefined
}

export function checkOriginAccessControl(root) {
  const config = root.name === 'OriginAccessControlConfig' ? root : undefined
  if (!config) return undefined
  const name = textAt(config, 'Name') ?? ''
  if ([...name].length < 1 || [...name].length > OAC_NAME_MAX) {
    return invalid(
      `The origin access control name must be 1 to ${OAC_NAME_MAX} characters long (got ${[...name].length}).`,
    )
  }
  return undefined
}

/** The generic checks, in the order CloudFront reports them. */
export function checkBody(root) {
  return (
    checkQuantities(root) ??
    checkComments(root) ??
    checkTags(root) ??
    checkOriginAccessControl(root)
  )
}

export function checkFunctionName(name) {
  if (!FUNCTION_NAME.test(name ?? '')) {
    return invalid(`Function name must match [a-zA-Z0-9-_]{1,64} (got "${name ?? ''}").`)
  }
  return undefined
}

/** FunctionCode is base64 in the XML; the limit is on the decoded code. */
export function checkFunctionCode(base64) {
  const code = Buffer.from(base64 ?? '', 'base64')
  if (code.length === 0) return { error: invalid('FunctionCode must not be empty.') }
  if (code.length > FUNCTION_CODE_MAX) {
    return {
      error: {
        status: 413,
        code: 'FunctionSizeLimitExceeded',
        message: `The function is too large: ${code.length} bytes (at most ${FUNCTION_CODE_MAX}).`,
      },
    }
  }
  return { code }
}

export function checkFunctionConfig(config) {
  if (!config) return invalid('FunctionConfig is required.')
  const runtime = textAt(config, 'Runtime')
  if (runtime !== 'cloudfront-js-1.0' && runtime !== 'cloudfront-js-2.0') {
    return invalid(
      `Runtime must be cloudfront-js-1.0 or cloudfront-js-2.0 (got "${runtime ?? ''}").`,
    )
  }
  if (textAt(config, 'Comment') === undefined) return invalid('FunctionConfig/Comment is required.')
  const associations = children(at(config, 'KeyValueStoreAssociations', 'Items'))
  if (associations.length > 0 && runtime !== 'cloudfront-js-2.0') {
    return invalid('Key value store associations need the cloudfront-js-2.0 runtime.')
  }
  return undefined
}
