import { registerValidateLocale, registerValidateRules } from '@formily/core'
// subpath entries: the hall loads these rules without the definition schema (zod)
import { passesFormat } from '@sunlight/definition/form-data'
import { compilePattern } from '@sunlight/definition/safe-pattern'

/**
 * Formily's `format` and `pattern` rules, replaced by the server's own checks
 * (@sunlight/definition validateFormData), so a form refuses in the browser exactly what the
 * server refuses:
 * - `format`: the same table (FORM_FORMATS), including the GB 11643 ID number and the GB 32100
 *   credit code by their check characters, which a pattern cannot check;
 * - `pattern`: the linear-time matcher instead of `new RegExp(pattern)`, whose backtracking lets a
 *   pattern like `^(a+)+$` freeze the applicant's tab; a pattern outside the safe subset refuses
 *   the value (and cannot be published: form.pattern_unsafe).
 */

/** The message of a failed format check, or '' (exported for tests). */
export function checkFormat(name: string, value: unknown, message = 'invalid'): string {
  return passesFormat(name, value) ? '' : message
}

/** The message of a failed pattern check, or '' (exported for tests). */
export function checkPattern(pattern: unknown, value: unknown, message = 'invalid'): string {
  if (value === undefined || value === null || value === '') return ''
  const p = compilePattern(pattern instanceof RegExp ? pattern.source : String(pattern))
  return p.ok && p.test(String(value)) ? '' : message
}

let installed = false

/** Registers the rules and their messages once per page (form-renderer does it on import). */
export function installFormValidators(): void {
  if (installed) return
  installed = true
  registerValidateLocale({
    'zh-CN': {
      phone: '请输入有效的电话号码（手机或固定电话）',
      mobile: '请输入有效的手机号码',
      zip: '请输入 6 位邮政编码',
      idCard: '居民身份证号码格式或校验位不正确',
      creditCode: '统一社会信用代码格式或校验位不正确',
      money: '请输入金额（最多两位小数）',
      pattern: '格式不正确',
    },
    'en-US': {
      phone: 'Not a valid phone number',
      mobile: 'Not a valid mobile number',
      zip: 'A postcode has 6 digits',
      idCard: 'Not a valid resident ID number (GB 11643 check character)',
      creditCode: 'Not a valid unified social credit code (GB 32100 check character)',
      money: 'An amount with at most two decimals',
      pattern: 'Not in the required format',
    },
  })
  registerValidateRules({
    format: (value: unknown, rule: { format?: string; message?: string }) => checkFormat(rule.format ?? '', value, rule.message ?? ''),
    pattern: (value: unknown, rule: { pattern?: unknown; message?: string }) => checkPattern(rule.pattern, value, rule.message ?? ''),
  })
}
