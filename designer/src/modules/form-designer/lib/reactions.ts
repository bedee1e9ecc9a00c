import { parseExpression, type ExprNode } from '@sunlight/expression'
import type { Literal } from '../../conditions/lib/condition'
import { literalText, pathOf, printExpression } from '../../conditions/lib/expression-print'
import type { Schema } from './design-tree'

/**
 * Field linkage (联动) as the property panel edits it: conditions written over field names
 * ("field space", e.g. `entrusted === true`), stored in the schema as one Formily reaction whose
 * expressions read `$deps[i]`:
 *
 *   { dependencies: ['entrusted'], fulfill: { state: { visible: '{{$deps[0] === true}}' } } }
 *
 * Reactions of any other shape (formulas, targets, scripts) are kept untouched in `other`.
 */
export interface Linkage {
  visible: string
  disabled: string
  required: string
  /** Value linkage: when `valueWhen` holds, the field takes `value`. */
  valueWhen: string
  value: Literal
  other: unknown[]
}

const KINDS = ['visible', 'disabled', 'required'] as const
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)
const inner = (s: unknown): string | undefined => (typeof s === 'string' ? /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(s)?.[1] : undefined)

export const emptyLinkage = (): Linkage => ({ visible: '', disabled: '', required: '', valueWhen: '', value: null, other: [] })

function depsToFields(source: string, deps: readonly string[]): string | undefined {
  const r = parseExpression(source)
  if (!r.ok) return undefined
  return printExpression(r.ast, (n) => {
    const m = /^\$(?:deps|dependencies)\[(\d+)\]$/.exec(pathOf(n) ?? '')
    return m ? deps[Number(m[1])] : undefined
  })
}

function isManaged(r: unknown): r is { dependencies: string[]; fulfill: { state: Schema } } {
  if (!isObj(r) || !isObj(r.fulfill) || !isObj(r.fulfill.state)) return false
  if (Object.keys(r).some((k) => k !== 'dependencies' && k !== 'fulfill')) return false
  if (Object.keys(r.fulfill).some((k) => k !== 'state')) return false
  const deps = r.dependencies ?? []
  if (!Array.isArray(deps) || !deps.every((d) => typeof d === 'string' && /^[A-Za-z_][\w.]*$/.test(d))) return false
  return Object.entries(r.fulfill.state).every(([k, v]) => {
    const src = inner(v)
    if (src === undefined) return false
    if ((KINDS as readonly string[]).includes(k)) return true
    return k === 'value' && valueParts(src) !== undefined
  })
}

/** `cond ? literal : $self.value` → its parts. */
function valueParts(source: string): { when: ExprNode; value: Literal } | undefined {
  const r = parseExpression(source)
  if (!r.ok || r.ast.type !== 'Conditional') return undefined
  const { test, consequent, alternate } = r.ast
  if (pathOf(alternate) !== '$self.value' || consequent.type !== 'Literal') return undefined
  return { when: test, value: consequent.value === undefined ? null : consequent.value }
}

export function readLinkage(schema: Schema): Linkage {
  const out = emptyLinkage()
  const raw = schema['x-reactions']
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  let taken = false
  for (const r of list) {
    if (taken || !isManaged(r)) {
      out.other.push(r)
      continue
    }
    taken = true
    const deps = r.dependencies ?? []
    for (const kind of KINDS) {
      const src = inner(r.fulfill.state[kind])
      if (src !== undefined) out[kind] = depsToFields(src, deps) ?? src
    }
    const valueSrc = inner(r.fulfill.state.value)
    const parts = valueSrc !== undefined ? valueParts(valueSrc) : undefined
    if (parts) {
      const r2 = printExpression(parts.when)
      out.valueWhen = depsToFields(r2, deps) ?? r2
      out.value = parts.value
    }
  }
  return out
}

/** Rewrites field references of a field-space expression to `$deps[i]`, collecting the dependencies. */
function fieldsToDeps(source: string, fields: ReadonlySet<string>, deps: string[]): string {
  const r = parseExpression(source)
  if (!r.ok) return source
  return printExpression(r.ast, (n) => {
    const p = pathOf(n)
    if (p === undefined || !fields.has(p)) return undefined
    if (!deps.includes(p)) deps.push(p)
    return `$deps[${deps.indexOf(p)}]`
  })
}

/** Writes the linkage into `schema['x-reactions']` (removing the key when there is none). */
export function writeLinkage(schema: Schema, linkage: Linkage, fieldPaths: Iterable<string>): void {
  const fields = new Set(fieldPaths)
  const deps: string[] = []
  const state: Schema = {}
  for (const kind of KINDS) if (linkage[kind].trim()) state[kind] = `{{${fieldsToDeps(linkage[kind], fields, deps)}}}`
  if (linkage.valueWhen.trim()) state.value = `{{(${fieldsToDeps(linkage.valueWhen, fields, deps)}) ? ${literalText(linkage.value)} : $self.value}}`
  const managed = Object.keys(state).length ? [{ dependencies: deps, fulfill: { state } }] : []
  const all = [...managed, ...linkage.other]
  if (all.length === 0) delete schema['x-reactions']
  else schema['x-reactions'] = all.length === 1 ? all[0] : all
}

/** A readable form of a reaction the designer does not manage (formulas), in field space. */
export function describeReaction(r: unknown): string {
  if (!isObj(r)) return JSON.stringify(r)
  const deps = Array.isArray(r.dependencies) ? (r.dependencies as string[]) : []
  const state = isObj(r.fulfill) && isObj(r.fulfill.state) ? r.fulfill.state : {}
  return Object.entries(state)
    .map(([k, v]) => {
      const src = inner(v)
      return `${k} = ${src !== undefined ? (depsToFields(src, deps) ?? src) : JSON.stringify(v)}`
    })
    .join('；') || JSON.stringify(r)
}
