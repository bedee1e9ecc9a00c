import { categoryTypeLetters, isValidCreditCode, matchCode, type CodePatterns } from './codes'
import { diagnostic, pointer, type Diagnostic } from './diagnostics'
import type { PowerItemDefinition } from './types'

/** Codes are well formed: credit codes pass GB 32100, item codes match the region's patterns. */
export function checkCodes(def: PowerItemDefinition, patterns: CodePatterns): Diagnostic[] {
  const out: Diagnostic[] = []
  const { item } = def
  for (const key of ['department', 'handlingUnit'] as const) {
    const code = item[key]?.creditCode
    if (code !== undefined && !isValidCreditCode(code))
      out.push(diagnostic('code.credit_invalid', pointer('item', key, 'creditCode'), { code }))
  }
  const basic = matchCode(patterns.basic, item.basicCode)
  if (!basic.ok) {
    out.push(diagnostic('code.basic_format', pointer('item', 'basicCode'), { code: item.basicCode, pattern: patterns.basic }))
  } else if (basic.parts.type !== undefined) {
    const expected = categoryTypeLetters[item.category]
    if (expected !== undefined && basic.parts.type !== expected)
      out.push(
        diagnostic('code.basic_category', pointer('item', 'basicCode'), {
          found: basic.parts.type,
          expected,
          category: item.category,
        }),
      )
  }
  const impl = matchCode(patterns.impl, item.implCode, { basic: item.basicCode })
  if (!impl.ok) {
    out.push(diagnostic('code.impl_format', pointer('item', 'implCode'), { code: item.implCode, pattern: patterns.impl }))
  } else if (impl.parts.credit !== undefined && item.department.creditCode !== undefined) {
    if (impl.parts.credit !== item.department.creditCode)
      out.push(
        diagnostic('code.impl_credit_mismatch', pointer('item', 'implCode'), {
          found: impl.parts.credit,
          expected: item.department.creditCode,
        }),
      )
  }
  return out
}
