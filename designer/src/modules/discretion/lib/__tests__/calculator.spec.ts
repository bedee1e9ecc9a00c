import type { DiscretionStandard } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { amountVerdict, calculate, factFields } from '../calculator'

const std: DiscretionStandard = {
  id: 'unlicensed',
  violation: '未取得食品经营许可从事食品经营活动',
  legalBasis: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
  gradeField: 'grade',
  amountField: 'fineAmount',
  grades: [
    { id: 'minor', name: '较轻', condition: 'form.goodsValue < 10000 && form.firstTime === true', description: '货值不足一万元且初次违法', fine: { kind: 'range', min: 50000, max: 80000 }, actions: [] },
    { id: 'serious', name: '严重', condition: 'goodsValue >= 10000', description: '货值一万元以上', fine: { kind: 'ratio', baseField: 'goodsValue', minRatio: 10, maxRatio: 20 }, actions: ['没收违法所得'] },
  ],
}

describe('discretion/calculator', () => {
  it('should list the facts the conditions and ratios need', () => {
    expect(factFields(std).sort()).toEqual(['firstTime', 'goodsValue'])
  })
  it('should pick the grade whose condition holds and give its band', () => {
    const r = calculate(std, { goodsValue: 30000, firstTime: false })
    expect(r.map((x) => x.applies)).toEqual([false, true])
    expect(r[1]!.band).toEqual({ min: 300000, max: 600000 })
  })
  it('should say which base figure is missing', () => {
    expect(calculate(std, {})[1]).toMatchObject({ applies: false, missing: 'goodsValue' })
  })
  it('should judge an amount against the applying grade', () => {
    const r = calculate(std, { goodsValue: 5000, firstTime: true })
    expect(amountVerdict(r, 60000)).toEqual({ grade: 'minor', inBand: true })
    expect(amountVerdict(r, 100000)).toEqual({ grade: 'minor', inBand: false })
  })
})
