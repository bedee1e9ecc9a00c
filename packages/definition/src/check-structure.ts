import type { z } from 'zod'
import { diagnostic, pointer, type Diagnostic } from './diagnostics'

type Issue = z.core.$ZodIssue

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '是/否',
  object: '对象',
  array: '列表',
}

/** Turns zod issues into diagnostics with JSON pointers and bilingual messages. */
export function structureDiagnostics(issues: readonly Issue[], input: unknown): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const issue of issues) {
    const path = pointer(...(issue.path as (string | number)[]))
    const field = String(issue.path[issue.path.length - 1] ?? '')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(diagnostic('structure.unknown_key', path + pointer(key), { field: key }))
      continue
    }
    if (issue.code === 'invalid_type' && valueAt(input, issue.path as (string | number)[]) === undefined) {
      out.push(diagnostic('structure.required', path, { field }))
      continue
    }
    out.push(diagnostic('structure.invalid', path, { detail: `${path || '/'}: ${issue.message}`, detailZh: zh(issue) }))
  }
  return out
}

function zh(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_ZH[issue.expected] ?? issue.expected}`
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? '不能为空' : `不能小于 ${String(issue.minimum)}`
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`
    case 'invalid_format':
      return `格式不符（${issue.message}）`
    case 'invalid_union':
      return '不是允许的类型之一'
    default:
      return issue.message
  }
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined
    cur = (cur as Record<string | number, unknown>)[seg]
  }
  return cur
}
