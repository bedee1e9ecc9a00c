import { describe, expect, it } from 'vitest'
import { describeReaction, emptyLinkage, readLinkage, writeLinkage } from '../reactions'

describe('form-designer/reactions', () => {
  it('should read template linkage into field space', () => {
    const l = readLinkage({ 'x-reactions': { dependencies: ['entrusted'], fulfill: { state: { visible: '{{$deps[0] === true}}', required: '{{$deps[0] === true}}' } } } })
    expect(l.visible).toBe('entrusted === true')
    expect(l.required).toBe('entrusted === true')
    expect(l.other).toEqual([])
  })
  it('should write one reaction with $deps and numbered dependencies', () => {
    const schema: Record<string, unknown> = {}
    writeLinkage(schema, { ...emptyLinkage(), visible: "type === 'company' && amount >= 10000", disabled: 'locked === true' }, ['type', 'amount', 'locked'])
    expect(schema['x-reactions']).toEqual({
      dependencies: ['type', 'amount', 'locked'],
      fulfill: { state: { visible: "{{$deps[0] === 'company' && $deps[1] >= 10000}}", disabled: '{{$deps[2] === true}}' } },
    })
    expect(readLinkage(schema).visible).toBe("type === 'company' && amount >= 10000")
  })
  it('should round-trip value linkage', () => {
    const schema: Record<string, unknown> = {}
    writeLinkage(schema, { ...emptyLinkage(), valueWhen: "kind === 'free'", value: 0 }, ['kind'])
    expect(schema['x-reactions']).toEqual({ dependencies: ['kind'], fulfill: { state: { value: "{{($deps[0] === 'free') ? 0 : $self.value}}" } } })
    const back = readLinkage(schema)
    expect(back.valueWhen).toBe("kind === 'free'")
    expect(back.value).toBe(0)
  })
  it('should keep formulas it does not manage and describe them', () => {
    const formula = { dependencies: ['monthlyIncome', 'householdSize'], fulfill: { state: { value: '{{$deps[1] > 0 ? round($deps[0] / $deps[1], 2) : 0}}' } } }
    const schema: Record<string, unknown> = { 'x-reactions': formula }
    const l = readLinkage(schema)
    expect(l.other).toEqual([formula])
    expect(describeReaction(formula)).toBe('value = householdSize > 0 ? round(monthlyIncome / householdSize, 2) : 0')
    writeLinkage(schema, { ...l, visible: 'householdSize > 1' }, ['householdSize', 'monthlyIncome'])
    expect(schema['x-reactions']).toEqual([{ dependencies: ['householdSize'], fulfill: { state: { visible: '{{$deps[0] > 1}}' } } }, formula])
  })
  it('should remove the key when nothing is left', () => {
    const schema: Record<string, unknown> = { 'x-reactions': { dependencies: ['a'], fulfill: { state: { visible: '{{$deps[0] === 1}}' } } } }
    writeLinkage(schema, emptyLinkage(), ['a'])
    expect(schema).toEqual({})
  })
})
