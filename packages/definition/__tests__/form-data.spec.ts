import { describe, expect, it } from 'vitest'
import { isValidIdCard, passesFormat, validateDefinition, validateFormData } from '../src/index'
import { religious } from './helpers'

const form = religious().form
const good = {
  orgName: '成都市佛教协会',
  orgCreditCode: '11510000008231760L',
  legalRep: '释某某',
  contactPhone: '028-86001234',
  venueName: '某某寺',
  venueType: 'temple',
  religion: '佛教',
  address: '成都市龙泉驿区',
  area: 1200,
}

describe('definition/form-data', () => {
  it('should accept complete, well-formed data', () => {
    expect(validateFormData(form, good).errors).toEqual([])
  })

  it('should name a missing required field inside a layout container', () => {
    const { errors } = validateFormData(form, { ...good, orgName: '' })
    expect(errors).toEqual([expect.objectContaining({ path: '/form/orgName', code: 'required' })])
  })

  it('should check types, enums, ranges and formats', () => {
    const { errors } = validateFormData(form, { ...good, area: '1200', venueType: 'palace', orgCreditCode: '11510000008231760X', contactPhone: 'call me' })
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(['area:type', 'contactPhone:format', 'orgCreditCode:format', 'venueType:enum'])
  })

  it('should refuse a field the form does not have', () => {
    expect(validateFormData(form, { ...good, isAdmin: true }).errors).toEqual([expect.objectContaining({ path: '/form/isAdmin', code: 'unknown' })])
  })

  it('should drop a field hidden by linkage, evaluated with the safe evaluator', () => {
    const hidden = validateFormData(form, { ...good, needsNeighbourOpinion: false, neighbourNote: 'x' })
    expect(hidden.values).not.toHaveProperty('neighbourNote')
    const shown = validateFormData(form, { ...good, needsNeighbourOpinion: true, neighbourNote: 'x' })
    expect(shown.values.neighbourNote).toBe('x')
  })

  it('should check the GB 11643 ID check character', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true)
    expect(isValidIdCard('110105194912310021')).toBe(false)
  })

  const withPattern = (rule: Record<string, unknown>) => ({
    type: 'object',
    properties: { grid: { type: 'void', 'x-component': 'FormGrid', properties: { plate: { type: 'string', title: '车牌号码', 'x-component': 'Input', ...rule } } } },
  })

  it('should enforce a JSON Schema pattern on the server as the browser does', () => {
    const form = withPattern({ pattern: '^川[A-Z][A-Z0-9]{5}$' })
    expect(validateFormData(form, { plate: '川A12345' }).errors).toEqual([])
    expect(validateFormData(form, { plate: '京A12345' }).errors).toEqual([expect.objectContaining({ path: '/form/plate', code: 'pattern', messageZh: '“车牌号码”格式不正确' })])
  })

  it('should enforce an x-validator pattern rule with the designer\'s message', () => {
    const form = withPattern({ 'x-validator': ['phone', { pattern: '^0\\d{2,3}', message: '请填写固定电话' }] })
    expect(validateFormData(form, { plate: '028-86001234' }).errors).toEqual([])
    expect(validateFormData(form, { plate: '13800000000' }).errors).toEqual([expect.objectContaining({ code: 'pattern', messageZh: '请填写固定电话' })])
  })

  it('should check an evil pattern against a long hostile value quickly, and refuse the value', () => {
    const form = withPattern({ pattern: '^(a+)+$', maxLength: 10_000 })
    const t0 = performance.now()
    const { errors } = validateFormData(form, { plate: `${'a'.repeat(9_999)}!` })
    expect(performance.now() - t0).toBeLessThan(2_000)
    expect(errors.map((e) => e.code)).toEqual(['pattern'])
  })

  it('should refuse a value rather than match a pattern outside the safe subset', () => {
    expect(validateFormData(withPattern({ pattern: '^(a)\\1$' }), { plate: 'aa' }).errors.map((e) => e.code)).toEqual(['pattern'])
  })

  it('should enforce the browser\'s extra formats (integer, money, zh)', () => {
    expect(passesFormat('money', '12.50')).toBe(true)
    expect(passesFormat('money', '12.505')).toBe(false)
    expect(passesFormat('zh', '张三')).toBe(true)
    expect(validateFormData(withPattern({ 'x-validator': 'integer' }), { plate: '1.5' }).errors.map((e) => e.code)).toEqual(['format'])
  })

  it('should report a pattern outside the safe subset at design time, at its pointer', () => {
    const def = religious()
    def.form.properties.orgName = { ...def.form.properties.orgName, 'x-validator': [{ pattern: '(?=x)y', message: 'm' }] }
    const ptr = validateDefinition(def).filter((d) => d.code === 'form.pattern_unsafe').map((d) => d.path)
    expect(ptr.length).toBe(1)
    expect(ptr[0]).toMatch(/\/x-validator\/0\/pattern$/)
  })

  it('should accept a region the cascader can produce and refuse a made-up one', () => {
    const form = { type: 'object', properties: { region: { type: 'array', title: '所在地区', 'x-component': 'RegionCascader' } } }
    expect(validateFormData(form, { region: ['510000', '510100', '510107'] }).errors).toEqual([])
    expect(validateFormData(form, { region: ['510000', '440300'] }).errors).toEqual([expect.objectContaining({ path: '/form/region', code: 'enum', messageZh: '“所在地区”不是有效的行政区划' })])
  })
})

