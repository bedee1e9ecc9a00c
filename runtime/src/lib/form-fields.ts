import type { FieldPermission, Flow } from '@sunlight/definition'
import type { CaseAction, FormSchema } from '../api/types'

type SchemaNode = Record<string, unknown>
const isObj = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Form fields some step of the flow writes: staff fill these in, so the applicant's form leaves them out. */
export function staffFieldsOf(flow: Pick<Flow, 'nodes'>): string[] {
  const out = new Set<string>()
  for (const n of flow.nodes) if (n.type === 'step' && n.kind !== 'acceptance') for (const [k, p] of Object.entries(n.fieldPermissions)) if (p === 'write') out.add(k)
  return [...out]
}

/** The schema without the given fields, looking inside void containers (grids, collapses). Never mutates. */
export function withoutFields(schema: FormSchema, fields: readonly string[]): FormSchema {
  if (fields.length === 0) return schema
  const drop = new Set(fields)
  const strip = (props: SchemaNode): SchemaNode =>
    Object.fromEntries(
      Object.entries(props)
        .filter(([k]) => !drop.has(k))
        .map(([k, v]) => [k, isObj(v) && v.type === 'void' && isObj(v.properties) ? { ...v, properties: strip(v.properties) } : v]),
    )
  return { ...schema, properties: strip(schema.properties) as FormSchema['properties'] }
}

/** The value fields of a schema, in order, with titles (void containers are walked, not listed). */
export function valueFields(schema: FormSchema): { key: string; title: string }[] {
  const out: { key: string; title: string }[] = []
  const walk = (props: SchemaNode) => {
    for (const [k, v] of Object.entries(props)) {
      if (!isObj(v)) continue
      if (v.type === 'void') {
        if (isObj(v.properties)) walk(v.properties)
      } else out.push({ key: k, title: typeof v.title === 'string' ? v.title : k })
    }
  }
  walk(schema.properties)
  return out
}

/**
 * The field permissions of the steps the user acts on, merged (write wins over read, read over
 * hidden). With no action every field is read-only.
 */
export function mergedPermissions(actions: readonly Pick<CaseAction, 'fieldPermissions'>[]): Record<string, FieldPermission> {
  const rank: Record<FieldPermission, number> = { hidden: 0, read: 1, write: 2 }
  const out: Record<string, FieldPermission> = {}
  for (const a of actions)
    for (const [k, p] of Object.entries(a.fieldPermissions)) {
      const prev = out[k]
      if (prev === undefined || rank[p] > rank[prev]) out[k] = p
    }
  return out
}

/** The values of the fields a step may write: the form patch sent with `complete`. */
export function writablePatch(values: Record<string, unknown>, permissions: Record<string, FieldPermission>): Record<string, unknown> | undefined {
  const keys = Object.entries(permissions).filter(([, p]) => p === 'write').map(([k]) => k)
  if (keys.length === 0) return undefined
  const patch: Record<string, unknown> = {}
  for (const k of keys) if (values[k] !== undefined) patch[k] = values[k]
  return Object.keys(patch).length ? patch : undefined
}
