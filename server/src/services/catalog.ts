import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseDefinition, type Diagnostic, type PowerItemDefinition } from '@sunlight/definition'

export interface CatalogEntry {
  file: string
  definition?: PowerItemDefinition
  diagnostics: Diagnostic[]
}

/**
 * Reads every definition file of a folder and validates it. Invalid files are kept with their
 * diagnostics (shown, never served as items): 清单之外无权力 — only valid definitions are exercised.
 */
export async function loadDefinitionsFrom(dir: string): Promise<CatalogEntry[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()
  const out: CatalogEntry[] = []
  for (const file of files) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(join(dir, file), 'utf8'))
    } catch (e) {
      out.push({ file, diagnostics: [{ code: 'structure.invalid', severity: 'error', path: '', message: (e as Error).message, messageZh: 'JSON 格式错误' }] })
      continue
    }
    const { definition, diagnostics } = parseDefinition(json)
    out.push({ file, definition, diagnostics })
  }
  return out
}

export interface CatalogSummary {
  key: string
  version: number
  name: string
  category: string
  department: string
  caseType: 'instant' | 'promised'
  statutoryLimit: { value: number; unit: string }
  promisedLimit: { value: number; unit: string }
}

export function summarize(def: PowerItemDefinition): CatalogSummary {
  return {
    key: def.key,
    version: def.version,
    name: def.item.name,
    category: def.item.category,
    department: def.item.department.name,
    caseType: def.item.caseType,
    statutoryLimit: def.item.statutoryLimit,
    promisedLimit: def.item.promisedLimit,
  }
}
