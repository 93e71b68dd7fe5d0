// Build directories for tests, written into a fresh temporary folder.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export type Tree = Record<string, string | Buffer>

export async function makeSite(tree: Tree): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-site-'))
  await writeTree(dir, tree)
  return dir
}

export async function writeTree(dir: string, tree: Tree): Promise<void> {
  for (const [name, content] of Object.entries(tree)) {
    const file = path.join(dir, ...name.split('/'))
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, content)
  }
}

export async function removeSite(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true })
}
