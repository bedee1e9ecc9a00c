import { evaluateExpression } from '@sunlight/expression'
import { isValidCreditCode } from './codes'
import { isRegionPath } from './regions'
import { compilePattern } from './safe-pattern'

/**
 * Server-side (and browser-side) check of an application's data against the published form
 * schema, with the rules the rendered form applies: types, required, enum, lengths, ranges, the
 * `x-validator` formats, `pattern` rules (matched in linear time by safe-pattern.ts, as the
 * browser does through form-renderer), and visibility linkage (`x-reactions` / `x-visible` evaluated with the safe
 * evaluator — a hidden field is neither required nor kept). The client is never trusted: a field
 * the form does not have is an error.
 */
export interface FieldError {
  /** JSON pointer into the submitted data, e.g. "/form/applicantName". */
  path: string
  field: string
  code: 'required' | 'type' | 'enum' | 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'format' | 'pattern' | 'unknown'
  message: string
  messageZh: string
}

type Node = Record<string, unknown>
const isObj = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)
const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** GB 11643 citizen ID: 17 digits + check character. */
export function isValidIdCard(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(s[i]), 0)
  return '10X98765432'[sum % 11] === s[17]
}

/**
 * The `x-validator` / `format` names a form may use, checked the same way in the browser
 * (form-renderer registers them with Formily) and here. Every regular expression below is fixed
 * and linear (no nested quantifier); the ID number and credit code also check their check
 * characters, which no pattern can.
 */
export const FORM_FORMATS: Readonly<Record<string, { test: (s: string) => boolean; zh: string }>> = {
  email: { test: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), zh: '电子邮箱' },
  phone: { test: (s) => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(s), zh: '电话号码' },
  mobile: { test: (s) => /^1[3-9]\d{9}$/.test(s), zh: '手机号码' },
  idCard: { test: isValidIdCard, zh: '居民身份证号码' },
  idcard: { test: isValidIdCard, zh: '居民身份证号码' },
  creditCode: { test: isValidCreditCode, zh: '统一社会信用代码' },
  zip: { test: (s) => /^\d{6}$/.test(s), zh: '邮政编码' },
  url: { test: (s) => /^https?:\/\/[^\s]+$/.test(s), zh: '网址' },
  date: { test: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s), zh: '日期' },
  number: { test: (s) => /^[+-]?\d+(\.\d+)?$/.test(s), zh: '数字' },
  integer: { test: (s) => /^[+-]?\d+$/.test(s), zh: '整数' },
  money: { test: (s) => /^[+-]?\d+(\.\d{1,2})?$/.test(s), zh: '金额' },
  zh: { test: (s) => /^[\u4e00-\u9fa5]+$/.test(s), zh: '中文' },
}

/** True when `value` passes the named format (an unknown format name passes, as in Formily). */
export function passesFormat(name: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  const f = Object.prototype.hasOwnProperty.call(FORM_FORMATS, name) ? FORM_FORMATS[name] : undefined
  return !f || f.test(String(value))
}

function formatsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.flatMap(formatsOf)
  if (isObj(v) && typeof v.format === 'string') return [v.format]
  return []
}

/** The `pattern` rules of a field: JSON Schema `pattern` and `x-validator` entries `{ pattern, message }`. */
export function patternsOf(s: Node): { pattern: string; message?: string }[] {
  const out: { pattern: string; message?: string }[] = []
  if (typeof s.pattern === 'string') out.push({ pattern: s.pattern })
  const v = s['x-validator']
  for (const r of Array.isArray(v) ? v : [v])
    if (isObj(r) && typeof r.pattern === 'string') out.push({ pattern: r.pattern, ...(typeof r.message === 'string' && r.message ? { message: r.message } : {}) })
  return out
}

function stateFrom(node: Node, values: Node, value: unknown): { visible: boolean; required: boolean } {
  let visible = true
  let required = node.required === true
  const evalBool = (src: unknown, scope: Record<string, unknown>): unknown => {
    if (typeof src !== 'string') return src
    const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(src)
    if (!m) return src
    const r = evaluateExpression(m[1] as string, scope)
    return r.ok ? r.value : undefined
  }
  const base = { $values: values, $self: { value }, $form: { values } }
  if (node['x-visible'] !== undefined && evalBool(node['x-visible'], base) === false) visible = false
  if (node['x-hidden'] !== undefined && evalBool(node['x-hidden'], base) === true) visible = false
  if (node['x-display'] !== undefined && evalBool(node['x-display'], base) !== 'visible' && node['x-display'] !== undefined) {
    const d = evalBool(node['x-display'], base)
    if (d === 'none' || d === 'hidden') visible = false
  }
  const reactions = Array.isArray(node['x-reactions']) ? node['x-reactions'] : [node['x-reactions']]
  for (const r of reactions) {
    if (!isObj(r) || !isObj(r.fulfill) || !isObj(r.fulfill.state)) continue
    const deps = Array.isArray(r.dependencies) ? r.dependencies.map((d) => (typeof d === 'string' ? values[d] : undefined)) : []
    const scope = { ...base, $deps: deps, $dependencies: deps }
    const st = r.fulfill.state
    if ('visible' in st && evalBool(st.visible, scope) === false) visible = false
    if ('hidden' in st && evalBool(st.hidden, scope) === true) visible = false
    if ('display' in st) {
      const d = evalBool(st.display, scope)
      if (d === 'none' || d === 'hidden') visible = false
    }
    if ('required' in st) required = evalBool(st.required, scope) === true
  }
  return { visible, required }
}

export function validateFormData(
  form: unknown,
  data: Record<string, unknown>,
  options: { skip?: ReadonlySet<string> } = {},
): { errors: FieldError[]; values: Record<string, unknown> } {
  const errors: FieldError[] = []
  const values: Record<string, unknown> = {}
  const known = new Set<string>()
  const err = (field: string, code: FieldError['code'], message: string, messageZh: string) =>
    errors.push({ path: `/form/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`, field, code, message, messageZh })

  const walk = (node: unknown) => {
    if (!isObj(node) || !isObj(node.properties)) return
    for (const [key, child] of Object.entries(node.properties)) {
      if (!isObj(child)) continue
      if (child.type === 'void') {
        walk(child)
        continue
      }
      known.add(key)
      if (options.skip?.has(key)) continue
      const value = data[key]
      const title = typeof child.title === 'string' ? child.title : key
      const { visible, required } = stateFrom(child, data, value)
      if (!visible) continue
      if (empty(value)) {
        if (required) err(key, 'required', `"${title}" is required`, `“${title}”为必填项`)
        continue
      }
      if (!checkValue(key, title, child, value, err)) continue
      values[key] = value
    }
  }
  walk(form)
  for (const key of Object.keys(data))
    if (!known.has(key)) err(key, 'unknown', `"${key}" is not a field of this form`, `“${key}”不是本表单的字段`)
  return { errors, values }
}

function checkValue(key: string, title: string, s: Node, v: unknown, err: (f: string, c: FieldError['code'], en: string, zh: string) => void): boolean {
  const type = typeof s.type === 'string' ? s.type : 'string'
  const typeOk =
    type === 'string' || type === 'date' || type === 'datetime' ? typeof v === 'string'
    : type === 'number' ? typeof v === 'number' && Number.isFinite(v)
    : type === 'boolean' ? typeof v === 'boolean'
    : type === 'array' ? Array.isArray(v)
    : type === 'object' ? isObj(v)
    : true
  if (!typeOk) {
    err(key, 'type', `"${title}" must be of type ${type}`, `“${title}”类型应为 ${type}`)
    return false
  }
  if (Array.isArray(s.enum)) {
    const allowed = s.enum.map((e) => (isObj(e) && 'value' in e ? e.value : e))
    const items = Array.isArray(v) ? v : [v]
    if (!items.every((x) => allowed.includes(x))) {
      err(key, 'enum', `"${title}" must be one of ${allowed.map(String).join(', ')}`, `“${title}”应为可选项之一`)
      return false
    }
  }
  if (typeof v === 'string') {
    if (typeof s.minLength === 'number' && v.length < s.minLength) return err(key, 'minLength', `"${title}" needs at least ${s.minLength} characters`, `“${title}”至少 ${s.minLength} 个字符`), false
    const max = typeof s.maxLength === 'number' ? s.maxLength : 10_000
    if (v.length > max) return err(key, 'maxLength', `"${title}" allows at most ${max} characters`, `“${title}”最多 ${max} 个字符`), false
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) return err(key, 'minimum', `"${title}" must be at least ${s.minimum}`, `“${title}”不能小于 ${s.minimum}`), false
    if (typeof s.maximum === 'number' && v > s.maximum) return err(key, 'maximum', `"${title}" must be at most ${s.maximum}`, `“${title}”不能大于 ${s.maximum}`), false
  }
  for (const f of formatsOf(s['x-validator'] ?? s.format)) {
    const rule = Object.prototype.hasOwnProperty.call(FORM_FORMATS, f) ? FORM_FORMATS[f] : undefined
    if (rule && typeof v === 'string' && !rule.test(v)) return err(key, 'format', `"${title}" is not a valid ${f}`, `“${title}”不是有效的${rule.zh}`), false
  }
  if (s['x-component'] === 'RegionCascader' && Array.isArray(v) && !isRegionPath(v))
    return err(key, 'enum', `"${title}" is not a GB/T 2260 division (province, prefecture, county)`, `“${title}”不是有效的行政区划`), false
  if (typeof v === 'string' || typeof v === 'number')
    for (const rule of patternsOf(s)) {
      // A pattern outside the safe subset cannot be published (form.pattern_unsafe); should one
      // reach a form anyway, the value is refused, never matched by a backtracking engine.
      const p = compilePattern(rule.pattern)
      if (!p.ok || !p.test(String(v))) return err(key, 'pattern', `"${title}" does not have the required format`, rule.message ?? `“${title}”格式不正确`), false
    }
  return true
}
