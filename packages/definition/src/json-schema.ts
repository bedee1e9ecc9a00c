import { z } from 'zod'
import { powerItemDefinitionSchema } from './schema'

/** The JSON Schema editors use (templates point at it with "$schema"). Generated from the zod schema. */
export function definitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(powerItemDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return {
    ...schema,
    $id: 'https://sunlight.example/schema/power-item.schema.json',
    title: 'Sunlight power-item definition (行政权力事项定义)',
  }
}
