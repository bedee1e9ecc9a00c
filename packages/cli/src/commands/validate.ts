import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { validateDefinition, type Diagnostic } from '@sunlight/definition'
import type { CommandResult } from '../command'

/** Collects the .json files of a file or directory argument (directories are walked recursively). */
async function jsonFiles(target: string): Promise<string[]> {
  const s = await stat(target)
  if (s.isFile()) return [target]
  const out: string[] = []
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const p = join(target, entry.name)
    if (entry.isDirectory()) out.push(...(await jsonFiles(p)))
    else if (entry.name.endsWith('.json')) out.push(p)
  }
  return out.sort()
}

export async function validateCommand(args: string[], locale: 'zh' | 'en'): Promise<CommandResult> {
  if (args.length === 0) return { code: 2, stderr: 'usage: sunlight validate <file|dir> [more…]\n' }
  const lines: string[] = []
  let valid = 0
  let invalid = 0
  for (const target of args) {
    let files: string[]
    try {
      files = await jsonFiles(target)
    } catch {
      lines.push(`${target}: cannot read (no such file or directory)`)
      invalid += 1
      continue
    }
    for (const file of files) {
      const name = relative(process.cwd(), file) || file
      let diagnostics: Diagnostic[]
      try {
        diagnostics = validateDefinition(JSON.parse(await readFile(file, 'utf8')))
      } catch (e) {
        lines.push(`✗ ${name}`, `    /  json.syntax  ${(e as Error).message}`)
        invalid += 1
        continue
      }
      const errors = diagnostics.filter((d) => d.severity === 'error')
      lines.push(`${errors.length ? '✗' : '✓'} ${name}`)
      for (const d of diagnostics)
        lines.push(`    ${d.severity === 'error' ? 'error' : 'warn '}  ${d.path || '/'}  ${d.code}  ${locale === 'zh' ? d.messageZh : d.message}`)
      if (errors.length) invalid += 1
      else valid += 1
    }
  }
  lines.push(`${valid} valid, ${invalid} invalid`)
  return { code: invalid > 0 ? 1 : 0, stdout: lines.join('\n') + '\n' }
}
