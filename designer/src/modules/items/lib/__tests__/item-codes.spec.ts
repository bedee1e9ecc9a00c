import { creditCodeCheckChar } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { checkBasicCode, checkCreditCode, checkImplCode, regionLabel, suggestImplCode } from '../item-codes'

const credit17 = '11510000MB1234567'
const credit = credit17 + creditCodeCheckChar(credit17)

describe('items/item-codes', () => {
  it('should accept a basic code whose type letters match the category', () => {
    expect(checkBasicCode('XK00123001', '01')).toBeNull()
  })
  it('should name the expected type letters when the category differs', () => {
    expect(checkBasicCode('XK00123001', '02')).toEqual({ key: 'basic.codes.basicCategory', params: { found: 'XK', expected: 'CF' } })
  })
  it('should flag the placeholder and malformed codes', () => {
    expect(checkBasicCode('待编码', '01')?.key).toBe('basic.codes.basicMissing')
    expect(checkBasicCode('XK-1', '01')?.key).toBe('basic.codes.basicFormat')
  })
  it('should check the credit code check character', () => {
    expect(checkCreditCode(credit)).toBeNull()
    expect(checkCreditCode(credit17 + (credit.endsWith('0') ? '1' : '0'))?.key).toBe('basic.codes.creditCheck')
    expect(checkCreditCode('123')?.key).toBe('basic.codes.creditShape')
    expect(checkCreditCode(undefined)).toBeNull()
  })
  it('should build and accept an implementation code', () => {
    const impl = suggestImplCode('XK00123001', '510000000000', credit)
    expect(impl).toBe(`XK00123001-510000000000-000-${credit}-1-00`)
    expect(checkImplCode(impl as string, 'XK00123001', credit)).toBeNull()
  })
  it('should explain a wrong prefix and a credit mismatch', () => {
    expect(checkImplCode('QR00123001-510000000000-000-' + credit + '-1-00', 'XK00123001')?.key).toBe('basic.codes.implPrefix')
    const other17 = '11510000MB7654321'
    const other = other17 + creditCodeCheckChar(other17)
    expect(checkImplCode(`XK00123001-510000000000-000-${other}-1-00`, 'XK00123001', credit)?.key).toBe('basic.codes.implCredit')
  })
  it('should check the region part against GB/T 2260 as the code is typed', () => {
    expect(checkImplCode(`XK00123001-510107000000-000-${credit}-1-00`, 'XK00123001', credit)).toBeNull()
    expect(checkImplCode(`XK00123001-510199000000-000-${credit}-1-00`, 'XK00123001', credit)).toEqual({ key: 'basic.codes.implRegion', params: { region: '510199000000', known: '四川省 成都市' } })
    expect(regionLabel('510107000000')).toBe('四川省 成都市 武侯区')
    expect(regionLabel('999999000000')).toBe('')
  })
})

