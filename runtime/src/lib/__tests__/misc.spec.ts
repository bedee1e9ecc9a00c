import type { DiscretionStandard } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { codeLabel, codeOptions } from '../dictionaries'
import { formatBand, gradeBand, outOfBand, recordedGrade } from '../discretion'
import { fileRefUrl } from '../file-ref'
import { componentLoaders, componentsUsed } from '../form-components'
import { eventKey, isTrouble, operationKey, statusKey } from '../timeline'

const discretion: DiscretionStandard = {
  id: 'unlicensed',
  violation: '未取得食品经营许可从事食品经营活动',
  legalBasis: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
  gradeField: 'grade',
  amountField: 'fine',
  grades: [
    { id: 'minor', name: '轻微', description: '货值不足一万元', fine: { kind: 'range', min: 50000, max: 70000 }, actions: [] },
    { id: 'serious', name: '严重', description: '货值一万元以上', fine: { kind: 'ratio', baseField: 'goodsValue', minRatio: 10, maxRatio: 20 }, actions: [] },
  ],
}

describe('lib/discretion', () => {
  it('should give the fine range of the chosen grade from the form', () => {
    expect(gradeBand(discretion, 'minor', {})).toEqual({ min: 50000, max: 70000 })
    expect(gradeBand(discretion, 'serious', { goodsValue: 20000 })).toEqual({ min: 200000, max: 400000 })
    expect(gradeBand(discretion, 'serious', {})).toBeUndefined()
    expect(gradeBand(undefined, 'minor', {})).toBeUndefined()
  })

  it('should flag amounts outside the band', () => {
    expect(outOfBand({ min: 10, max: 20 }, 25)).toBe(true)
    expect(outOfBand({ min: 10, max: 20 }, 15)).toBe(false)
    expect(outOfBand(undefined, 15)).toBe(false)
    expect(formatBand({ min: 50000, max: 70000 })).toBe('50,000–70,000')
    expect(formatBand({ min: 3000, max: 3000 })).toBe('3,000')
    expect(recordedGrade(discretion, { grade: 'minor' })).toBe('minor')
  })
})

describe('lib/dictionaries', () => {
  it('should label codes in the UI language and fall back to the code', () => {
    expect(codeLabel('category', '01', 'zh-CN')).toBe('行政许可')
    expect(codeLabel('category', '01', 'en-US')).toBe('Administrative license')
    expect(codeLabel('category', '99', 'zh-CN')).toBe('99')
    expect(codeOptions('result', 'zh-CN').find((o) => o.value === 'approved')?.label).toContain('准予')
  })
})

describe('lib/file-ref', () => {
  it('should link only same-site API paths, https and stored file ids', () => {
    expect(fileRefUrl({ name: 'a', ref: '/api/files/x' })).toBe('/api/files/x')
    expect(fileRefUrl({ name: 'a', ref: 'https://example.gov.cn/a.pdf' })).toBe('https://example.gov.cn/a.pdf')
    expect(fileRefUrl({ name: 'a', ref: '0c1f2e3d-0000-4000-8000-000000000000' })).toBe('/api/files/0c1f2e3d-0000-4000-8000-000000000000')
    expect(fileRefUrl({ name: 'a', ref: 'javascript:alert(1)' })).toBeUndefined()
    expect(fileRefUrl({ name: 'a' })).toBeUndefined()
    expect(fileRefUrl(undefined)).toBeUndefined()
  })
})

describe('lib/form-components', () => {
  it('should collect the components and decorators a schema names, dotted members reduced', () => {
    const schema = {
      type: 'object',
      properties: {
        grid: { type: 'void', 'x-component': 'FormGrid', properties: { a: { 'x-decorator': 'FormItem', 'x-component': 'Input' } } },
        note: { 'x-component': 'Input.TextArea' },
        choice: { 'x-component': 'Radio.Group' },
        list: { type: 'array', 'x-component': 'ArrayTable', items: { type: 'object', properties: { d: { 'x-component': 'DatePicker' } } } },
        odd: { 'x-component': 'NotRegistered' },
      },
    }
    expect(componentsUsed(schema).sort()).toEqual(['ArrayTable', 'DatePicker', 'FormGrid', 'FormItem', 'FormLayout', 'Input', 'PreviewText', 'Radio'])
  })

  it('should have a loader for every component form-renderer registers', () => {
    expect(Object.keys(componentLoaders)).toContain('NumberPicker')
    expect(Object.keys(componentLoaders)).toEqual(expect.arrayContaining(['Card', 'Divider', 'Text', 'RegionCascader']))
    expect(Object.keys(componentLoaders)).toHaveLength(29)
  })
})

describe('lib/timeline', () => {
  it('should turn event types into message keys', () => {
    expect(eventKey('case:supplementRequested')).toBe('event.caseSupplementRequested')
    expect(eventKey('step:completed')).toBe('event.stepCompleted')
    expect(isTrouble('step:returned')).toBe(true)
    expect(isTrouble('step:completed')).toBe(false)
    expect(statusKey('handling')).toBe('status.handling')
    expect(operationKey('return')).toBe('op.return')
  })
})
