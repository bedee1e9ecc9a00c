import { describe, expect, it } from 'vitest'
import { checkRegionCode, isRegionPath, regionName, regionTree } from '../src/index'

describe('definition/regions (GB/T 2260)', () => {
  it('should list every province-level division, with Taiwan, Hong Kong and Macao', () => {
    const provinces = regionTree()
    expect(provinces).toHaveLength(34)
    expect(provinces.map((p) => p.name)).toEqual(expect.arrayContaining(['北京市', '四川省', '新疆维吾尔自治区', '台湾省', '香港特别行政区', '澳门特别行政区']))
  })

  it('should carry the prefectures of every province and the counties of Sichuan', () => {
    const sichuan = regionTree().find((p) => p.code === '510000')
    expect(sichuan?.children?.map((c) => c.name)).toEqual(expect.arrayContaining(['成都市', '绵阳市', '凉山彝族自治州']))
    expect(sichuan?.children).toHaveLength(21)
    const chengdu = sichuan?.children?.find((c) => c.code === '510100')
    expect(chengdu?.children?.map((c) => c.code)).toEqual(expect.arrayContaining(['510104', '510107', '510185']))
    expect(regionTree().find((p) => p.code === '440000')?.children?.map((c) => c.name)).toContain('深圳市')
    expect(regionName('320500')).toBe('苏州市')
  })

  it('should accept cascader paths and refuse broken ones', () => {
    expect(isRegionPath(['510000', '510100', '510107'])).toBe(true)
    expect(isRegionPath(['510000', '510700'])).toBe(true)
    expect(isRegionPath(['510000', '440300'])).toBe(false)
    expect(isRegionPath(['510100'])).toBe(false)
    expect(isRegionPath(['999999'])).toBe(false)
    expect(isRegionPath([])).toBe(false)
  })

  it('should check the region part of codes, naming the known levels', () => {
    expect(checkRegionCode('510107000000')).toEqual({ ok: true, names: ['四川省', '成都市', '武侯区'] })
    expect(checkRegionCode('510000000000')).toEqual({ ok: true, names: ['四川省'] })
    expect(checkRegionCode('520102000000')).toEqual({ ok: true, names: ['贵州省', '贵阳市'] })
    expect(checkRegionCode('510199000000')).toMatchObject({ ok: false, reason: 'county' })
    expect(checkRegionCode('519900000000')).toMatchObject({ ok: false, reason: 'prefecture' })
    expect(checkRegionCode('990000000000')).toMatchObject({ ok: false, reason: 'province' })
    expect(checkRegionCode('51010')).toMatchObject({ ok: false, reason: 'shape' })
  })
})
