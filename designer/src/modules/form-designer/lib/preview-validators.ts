import { registerValidateLocale, registerValidateRules } from '@formily/core'
import { isValidCreditCode, isValidIdCard } from '@sunlight/definition'

/**
 * The `x-validator` formats the server checks (definition/form-data.ts), taught to Formily so the
 * preview rejects what the server would: phone/mobile/zip by pattern, and the GB 11643 ID number
 * and the GB 32100 credit code by their check characters (a pattern cannot check a check digit, so
 * the `format` rule is extended for these two). The published runtime needs the same registration;
 * see the note in the designer report (form-renderer owns it).
 */
const CHECKSUMS: Record<string, (s: string) => boolean> = { idCard: isValidIdCard, creditCode: isValidCreditCode }

/** The server's formats (same patterns) and the common Formily ones. */
export const FORMATS: Readonly<Record<string, RegExp>> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  phone: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/,
  mobile: /^1[3-9]\d{9}$/,
  zip: /^\d{6}$/,
  url: /^https?:\/\/[^\s]+$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  idCard: /^\d{17}[\dX]$/,
  idcard: /^\d{17}[\dX]$/,
  creditCode: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
  number: /^[+-]?\d+(\.\d+)?$/,
  integer: /^[+-]?\d+$/,
  money: /^([+-]?\d+(\.\d{1,2})?)$/,
  zh: /^[\u4e00-\u9fa5]+$/,
}

/** The message of a failed format check, or '' (exported for tests). */
export function checkFormat(name: string, value: unknown, message = 'invalid'): string {
  if (value === undefined || value === null || value === '') return ''
  const pattern = FORMATS[name]
  if (pattern && !pattern.test(String(value))) return message
  const check = CHECKSUMS[name]
  return check && typeof value === 'string' && !check(value) ? message : ''
}

let installed = false

export function installPreviewValidators(): void {
  if (installed) return
  installed = true
  registerValidateLocale({
    'zh-CN': {
      phone: '请输入有效的电话号码（手机或固定电话）',
      mobile: '请输入有效的手机号码',
      zip: '请输入 6 位邮政编码',
      idCard: '居民身份证号码格式或校验位不正确',
      creditCode: '统一社会信用代码格式或校验位不正确',
    },
    'en-US': {
      phone: 'Not a valid phone number',
      mobile: 'Not a valid mobile number',
      zip: 'A postcode has 6 digits',
      idCard: 'Not a valid resident ID number (GB 11643 check character)',
      creditCode: 'Not a valid unified social credit code (GB 32100 check character)',
    },
  })
  registerValidateRules({
    format: (value: unknown, rule: { format?: string; message?: string }) => checkFormat(rule.format ?? '', value, rule.message ?? ''),
  })
}
