import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const templatesDir = fileURLToPath(new URL('../../../templates/', import.meta.url))

export function templateFiles(): string[] {
  return readdirSync(templatesDir).filter((f) => f.endsWith('.json')).sort()
}

export function loadTemplate(file: string): Record<string, any> {
  return JSON.parse(readFileSync(`${templatesDir}${file}`, 'utf8'))
}

/** A deep copy of the model template to break on purpose. */
export function religious(): Record<string, any> {
  return structuredClone(loadTemplate('religious-venue-preparation.json'))
}
