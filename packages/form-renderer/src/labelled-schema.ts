/**
 * Gives every input of a form schema an accessible name. Formily's FormItem draws the field's title
 * as text beside the input, not as a `<label for>`, so screen readers announce the input without a
 * name (axe: "Form elements must have labels", WCAG 1.3.1 / 4.1.2). This copies each field's title
 * into its component's `aria-label` (Element Plus passes it to the native input), unless the schema
 * already names the input. Pure: returns a new schema, the published one is not changed.
 */
export function labelledSchema<T>(schema: T): T {
  return label(schema) as T
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function label(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(label)
  if (!isObject(node)) return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' || k === 'items' || k === 'additionalProperties' ? labelChildren(v) : v
  const title = typeof node.title === 'string' ? node.title.trim() : ''
  if (title && typeof node['x-component'] === 'string' && typeof node['x-decorator'] === 'string') {
    const props = isObject(node['x-component-props']) ? node['x-component-props'] : {}
    if (props['aria-label'] === undefined && props['aria-labelledby'] === undefined) out['x-component-props'] = { ...props, 'aria-label': title }
  }
  return out
}

function labelChildren(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(label)
  if (!isObject(v)) return v
  // `properties`: a map of field name → schema (an `items` object is itself a schema)
  if (typeof v.type === 'string' || 'x-component' in v || 'properties' in v) return label(v)
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, label(x)]))
}
