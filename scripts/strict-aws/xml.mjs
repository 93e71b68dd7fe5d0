// Small XML helpers for the strict layer: enough for the element-only documents S3 and CloudFront
// exchange (no mixed content, no DTDs). A document parses into a tree of
//   { name, attrs, children: Element[], text }
// where an element holds either child elements or text. The tree is edited in place and written
// back with toXml(); el() builds new elements.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name] ?? whole
  })
}

/** Escape text for element content or an attribute value. */
export function escapeXml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * Parse a document into its root element. Throws on anything it does not understand (unbalanced
 * tags, text outside the root), so a caller can fall back to forwarding the bytes unchanged.
 */
export function parseXml(source) {
  const text = String(source)
  const stack = []
  let root
  let i = 0
  while (i < text.length) {
    const lt = text.indexOf('<', i)
    const chunk = lt === -1 ? text.slice(i) : text.slice(i, lt)
    if (chunk.trim() !== '') {
      const top = stack[stack.length - 1]
      if (!top) throw new Error('text outside the root element')
      top.text += decodeEntities(chunk)
    } else if (stack.length > 0) {
      stack[stack.length - 1].raw += chunk
    }
    if (lt === -1) break
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt)
      if (end === -1) throw new Error('unterminated declaration')
      i = end + 2
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt)
      if (end === -1) throw new Error('unterminated comment')
      i = end + 3
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt)
      if (end === -1 || stack.length === 0) throw new Error('bad CDATA section')
      stack[stack.length - 1].text += text.slice(lt + 9, end)
      i = end + 3
    } else if (text.startsWith('<!', lt)) {
      throw new Error('DTDs are not supported')
    } else if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt)
      if (end === -1) throw new Error('unterminated end tag')
      const name = text.slice(lt + 2, end).trim()
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`mismatched end tag </${name}>`)
      if (open.children.length > 0 && open.text.trim() === '') open.text = ''
      // Whitespace-only text of a leaf is kept (a value of spaces is a value).
      if (open.children.length === 0 && open.text === '') open.text = open.raw
      delete open.raw
      i = end + 1
    } else {
      const end = text.indexOf('>', lt)
      if (end === -1) throw new Error('unterminated start tag')
      let inner = text.slice(lt + 1, end)
      const selfClosing = inner.endsWith('/')
      if (selfClosing) inner = inner.slice(0, -1)
      const match = /^([^\s/>]+)([\s\S]*)$/.exec(inner.trim())
      if (!match) throw new Error('bad start tag')
      const attrs = {}
      for (const a of match[2].matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        attrs[a[1]] = decodeEntities(a[3] ?? a[4] ?? '')
      }
      const element = { name: match[1], attrs, children: [], text: '', raw: '' }
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(element)
      else if (root) throw new Error('more than one root element')
      else root = element
      if (selfClosing) delete element.raw
      else stack.push(element)
      i = end + 1
    }
  }
  if (stack.length > 0 || !root) throw new Error('unterminated document')
  return root
}

/** The first child element called `name`, or undefined. */
export function child(element, name) {
  return element?.children.find((c) => c.name === name)
}

/** All child elements called `name` (all children when no name is given). */
export function children(element, name) {
  if (!element) return []
  return name === undefined ? element.children : element.children.filter((c) => c.name === name)
}

/** Follow a path of child names; undefined when any step is missing. */
export function at(element, ...names) {
  let current = element
  for (const name of names) current = child(current, name)
  return current
}

/** The text of the element at the path, or undefined when it is missing. */
export function textAt(element, ...names) {
  return at(element, ...names)?.text
}

/** Every element in the tree (the root first), with its parent. */
export function* walk(element, parent = undefined) {
  yield { element, parent }
  for (const c of element.children) yield* walk(c, element)
}

/**
 * Build an element: el('Name', 'text'), el('Parent', [el(...), ...]), el('Parent', { A: 'x', B: [..] })
 * (an object's keys become child elements in order; undefined values are left out).
 */
export function el(name, content, attrs = {}) {
  if (Array.isArray(content)) return { name, attrs, children: content.filter(Boolean), text: '' }
  if (content !== null && typeof content === 'object') {
    const kids = []
    for (const [key, value] of Object.entries(content)) {
      if (value === undefined) continue
      if (value && typeof value === 'object' && 'name' in value && 'children' in value) {
        kids.push(value.name === key ? value : { ...value, name: key })
      } else kids.push(el(key, value))
    }
    return { name, attrs, children: kids, text: '' }
  }
  return { name, attrs, children: [], text: content === undefined ? '' : String(content) }
}

/** Replace (or add) the child called `name`. */
export function setChild(parent, element) {
  const index = parent.children.findIndex((c) => c.name === element.name)
  if (index === -1) parent.children.push(element)
  else parent.children[index] = element
  parent.text = ''
}

/** A deep copy of an element. */
export function clone(element) {
  return {
    name: element.name,
    attrs: { ...element.attrs },
    children: element.children.map(clone),
    text: element.text,
  }
}

/** Serialize an element (no declaration). */
export function toXml(element) {
  const attrs = Object.entries(element.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('')
  if (element.children.length > 0) {
    return `<${element.name}${attrs}>${element.children.map(toXml).join('')}</${element.name}>`
  }
  return `<${element.name}${attrs}>${escapeXml(element.text)}</${element.name}>`
}

export const CLOUDFRONT_NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/'

/** A whole CloudFront answer document: declaration and the namespace on the root. */
export function cloudfrontDocument(element) {
  const root = { ...element, attrs: { xmlns: CLOUDFRONT_NS, ...element.attrs } }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(root)}`
}
