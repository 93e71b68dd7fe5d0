// Parse a GITHUB_OUTPUT file as the runner does: `name<<DELIMITER`, value lines, `DELIMITER`.
export function parseOutputs(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    outputs[m[1]] = value.join('\n')
  }
  return outputs
}
