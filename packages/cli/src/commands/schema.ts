import { writeFile } from 'node:fs/promises'
import { definitionJsonSchema } from '@sunlight/definition'
import type { CommandResult } from '../command'

/** Writes the editors' JSON Schema (default: packages/definition/schema/power-item.schema.json). */
export async function schemaCommand(args: string[]): Promise<CommandResult> {
  const target = args[0] ?? 'packages/definition/schema/power-item.schema.json'
  await writeFile(target, JSON.stringify(definitionJsonSchema(), null, 2) + '\n')
  return { code: 0, stdout: `wrote ${target}\n` }
}
