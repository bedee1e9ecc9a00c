import { describe, expect, it } from 'vitest'
import { isValidIdCard, validateFormData } from '../src/index'
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
})
