import { diagnostic, type Diagnostic } from './diagnostics'
import { compilePattern } from './safe-pattern'

type Node = Record<string, unknown>
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Every `pattern` of a form (JSON Schema `pattern` and `x-validator` rules `{ pattern }`), with
 * its JSON pointer. Both the browser (form-renderer) and the server (validateFormData) match
 * them with the linear-time matcher, so one outside its subset is an error at design time.
 */
export function collectFormPatterns(form: unknown, at = '/form'): { pointer: string; source: string }[] {
  const out: { pointer: string; source: string }[] = []
  const visit = (node: unknown, ptr: string) => {
    if (!isObj(node)) return
    if (typeof node.pattern === 'string') out.push({ pointer: `${ptr}/pattern`, source: node.pattern })
    const v = node['x-validator']
    const rules = Array.isArray(v) ? v.map((r, i) => [r, `${ptr}/x-validator/${i}`] as const) : [[v, `${ptr}/x-validator`] as const]
    for (const [r, p] of rules) if (isObj(r) && typeof r.pattern === 'string') out.push({ pointer: `${p}/pattern`, source: r.pattern })
    if (isObj(node.properties)) for (const [k, child] of Object.entries(node.properties)) visit(child, `${ptr}/properties/${esc(k)}`)
    if (isObj(node.items)) visit(node.items, `${ptr}/items`)
  }
  visit(form, at)
  return out
}

export function checkFormPatterns(form: unknown): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const { pointer, source } of collectFormPatterns(form)) {
    const r = compilePattern(source)
    if (!r.ok) out.push(diagnostic('form.pattern_unsafe', pointer, { detail: r.message, detailZh: r.messageZh, offset: r.offset }))
  }
  return out
}
