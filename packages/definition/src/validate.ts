import { checkCodes } from './check-codes'
import { checkFlow } from './check-flow'
import { checkFormPatterns } from './check-form-patterns'
import { checkLimits } from './check-limits'
import { checkReferences } from './check-refs'
import { structureDiagnostics } from './check-structure'
import { defaultCodePatterns, type CodePatterns } from './codes'
import { diagnostic, hasErrors, type Diagnostic } from './diagnostics'
import { defaultDictionaries, type Dictionaries } from './dictionaries'
import { SCHEMA_VERSION, powerItemDefinitionSchema } from './schema'
import type { PowerItemDefinition } from './types'

export interface ValidateOptions {
  /** The region's dictionaries; national defaults otherwise. */
  dictionaries?: Partial<Dictionaries>
  /** The region's code patterns; defaults in codes.ts. */
  codePatterns?: Partial<CodePatterns>
}

export interface ParseResult {
  /** The definition with defaults filled in; undefined when any error was found. */
  definition: PowerItemDefinition | undefined
  diagnostics: Diagnostic[]
}

/**
 * Parses and checks a definition. Never throws on bad input: every authoring mistake comes back
 * as a diagnostic with a JSON pointer. Structure is checked first; meaning (graph, limits,
 * references, codes) only once the structure holds, so every semantic message is about a
 * well-formed document.
 */
export function parseDefinition(input: unknown, options: ValidateOptions = {}): ParseResult {
  if (typeof input === 'object' && input !== null && 'schemaVersion' in input) {
    const found = (input as { schemaVersion: unknown }).schemaVersion
    if (found !== SCHEMA_VERSION)
      return {
        definition: undefined,
        diagnostics: [diagnostic('structure.schema_version', '/schemaVersion', { found: String(found), expected: SCHEMA_VERSION })],
      }
  }
  const parsed = powerItemDefinitionSchema.safeParse(input)
  if (!parsed.success) return { definition: undefined, diagnostics: structureDiagnostics(parsed.error.issues, input) }
  const def = parsed.data
  const dicts: Dictionaries = { ...defaultDictionaries, ...options.dictionaries }
  const patterns: CodePatterns = { ...defaultCodePatterns, ...options.codePatterns }
  const diagnostics = [
    ...checkFlow(def, dicts),
    ...checkLimits(def),
    ...checkReferences(def, dicts),
    ...checkCodes(def, patterns),
    ...checkFormPatterns(def.form),
  ]
  return { definition: hasErrors(diagnostics) ? undefined : def, diagnostics }
}

/** All diagnostics of a definition (errors and warnings); empty means valid and clean. */
export function validateDefinition(input: unknown, options: ValidateOptions = {}): Diagnostic[] {
  return parseDefinition(input, options).diagnostics
}
