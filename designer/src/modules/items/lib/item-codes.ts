import { categoryTypeLetters, checkRegionCode, defaultCodePatterns, generateCode, isValidCreditCode, matchCode } from '@sunlight/definition'

/** A code problem as an i18n key with its parameters, so the form shows it as the user types. */
export interface CodeProblem {
  key: string
  params: Record<string, string>
}

const PLACEHOLDER = '待编码'

/** 基本编码: {type:2}{main:5}{sub:3}, the type letters matching the category. */
export function checkBasicCode(code: string, category: string): CodeProblem | null {
  if (!code || code === PLACEHOLDER) return { key: 'basic.codes.basicMissing', params: {} }
  const m = matchCode(defaultCodePatterns.basic, code)
  if (!m.ok) return { key: 'basic.codes.basicFormat', params: { pattern: defaultCodePatterns.basic } }
  const expected = categoryTypeLetters[category]
  if (expected && m.parts.type !== expected) return { key: 'basic.codes.basicCategory', params: { found: m.parts.type ?? '', expected } }
  return null
}

/** 实施编码: {basic}-{region:12}-000-{credit:18}-{variant:1}-{sub:2}, with the body's credit code. */
export function checkImplCode(code: string, basicCode: string, creditCode?: string): CodeProblem | null {
  if (!code || code === PLACEHOLDER) return { key: 'basic.codes.implMissing', params: {} }
  const m = matchCode(defaultCodePatterns.impl, code, { basic: basicCode })
  if (!m.ok) {
    if (!code.startsWith(`${basicCode}-`)) return { key: 'basic.codes.implPrefix', params: { basic: basicCode } }
    return { key: 'basic.codes.implFormat', params: { pattern: defaultCodePatterns.impl } }
  }
  if (creditCode && m.parts.credit !== creditCode) return { key: 'basic.codes.implCredit', params: { found: m.parts.credit ?? '', expected: creditCode } }
  const region = checkRegionCode(m.parts.region ?? '')
  if (!region.ok) return { key: 'basic.codes.implRegion', params: { region: m.parts.region ?? '', known: region.names.join(' ') } }
  return null
}

/** The divisions a 12-digit region code names (四川省 成都市 武侯区), or '' when unknown. */
export function regionLabel(code: string): string {
  const r = checkRegionCode(code)
  return r.ok ? r.names.join(' ') : ''
}

export function checkCreditCode(code: string | undefined): CodeProblem | null {
  if (!code) return null
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { key: 'basic.codes.creditShape', params: {} }
  return isValidCreditCode(code) ? null : { key: 'basic.codes.creditCheck', params: {} }
}

/**
 * The implementation code the pattern gives for this basic code, region and body; undefined when
 * a part is missing or malformed (the designer then types it by hand).
 */
export function suggestImplCode(basicCode: string, regionCode: string | undefined, creditCode: string | undefined): string | undefined {
  if (checkBasicCode(basicCode, '') && !matchCode(defaultCodePatterns.basic, basicCode).ok) return undefined
  if (!regionCode || !/^\d{12}$/.test(regionCode) || !creditCode || checkCreditCode(creditCode)) return undefined
  return generateCode(defaultCodePatterns.impl, { basic: basicCode, region: regionCode, credit: creditCode, variant: '1', sub: '00' })
}
