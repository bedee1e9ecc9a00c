import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { definitionJsonSchema } from '../src/index'

describe('definition/json-schema', () => {
  it('should match the committed schema file (regenerate with `pnpm sunlight schema`)', () => {
    const file = fileURLToPath(new URL('../schema/power-item.schema.json', import.meta.url))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(definitionJsonSchema())
  })

  it('should describe the required top-level parts', () => {
    const schema = definitionJsonSchema() as { required: string[] }
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'key', 'version', 'item', 'form', 'flow', 'timeLimits']))
  })
})
