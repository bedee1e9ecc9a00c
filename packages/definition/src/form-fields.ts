/**
 * Data fields of a Formily JSON Schema. Layout containers (type "void": grids, cards, tabs)
 * add no path segment, objects add "key.", array items add "key.*." — the same paths Formily
 * uses for values, so field permissions and expressions refer to fields the way the form does.
 */
export interface FormField {
  path: string
  type: string
  title?: string
  required: boolean
  /** JSON pointer of the field's schema inside the form. */
  pointer: string
}

type SchemaNode = Record<string, unknown>

const isObject = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v)

export function collectFormFields(form: unknown): FormField[] {
  const out: FormField[] = []
  walk(form, '', '/form', out)
  return out
}

function walk(node: unknown, prefix: string, ptr: string, out: FormField[]): void {
  if (!isObject(node)) return
  const props = node.properties
  if (isObject(props)) {
    for (const [key, child] of Object.entries(props)) {
      if (!isObject(child)) continue
      const childPtr = `${ptr}/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`
      const type = typeof child.type === 'string' ? child.type : 'string'
      if (type === 'void') {
        walk(child, prefix, childPtr, out)
        continue
      }
      const path = prefix + key
      out.push({
        path,
        type,
        title: typeof child.title === 'string' ? child.title : undefined,
        required: child.required === true,
        pointer: childPtr,
      })
      if (type === 'object') walk(child, `${path}.`, childPtr, out)
      if (type === 'array' && isObject(child.items)) walk(child.items, `${path}.*.`, `${childPtr}/items`, out)
    }
  }
}

/** Every string in the schema that holds a `{{ … }}` expression, with its pointer. */
export function collectFormExpressions(form: unknown): { pointer: string; source: string }[] {
  const out: { pointer: string; source: string }[] = []
  const visit = (v: unknown, ptr: string): void => {
    if (typeof v === 'string') {
      const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(v)
      if (m) out.push({ pointer: ptr, source: m[1] as string })
      return
    }
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${ptr}/${i}`))
    else if (isObject(v))
      for (const [k, x] of Object.entries(v)) visit(x, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
  }
  visit(form, '/form')
  return out
}
