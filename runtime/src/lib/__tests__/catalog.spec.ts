import { describe, expect, it } from 'vitest'
import { filterCatalog, itemsByKeys } from '../catalog-filter'
import { catalogFigures, countByCategory, departmentsOf } from '../transparency'
import { catalogItems } from './fixtures'

describe('lib/catalog-filter', () => {
  it('should match every word in the name or department', () => {
    expect(filterCatalog(catalogItems, { q: '宗教' }).map((i) => i.key)).toEqual(['religious-venue-preparation', 'religious-clergy-filing'])
    expect(filterCatalog(catalogItems, { q: '成都 备案' }).map((i) => i.key)).toEqual(['religious-clergy-filing'])
    expect(filterCatalog(catalogItems, { q: '  ' })).toHaveLength(4)
  })

  it('should filter by category and department', () => {
    expect(filterCatalog(catalogItems, { category: '02' }).map((i) => i.key)).toEqual(['food-business-unlicensed-penalty'])
    expect(filterCatalog(catalogItems, { department: 'cd-scj' })).toHaveLength(2)
    expect(filterCatalog(catalogItems, { department: 'cd-scj', category: '01' })).toHaveLength(0)
  })

  it('should list recently viewed items in order, skipping unpublished ones', () => {
    expect(itemsByKeys(catalogItems, ['food-seizure-detention', 'gone', 'religious-clergy-filing']).map((i) => i.key)).toEqual(['food-seizure-detention', 'religious-clergy-filing'])
  })
})

describe('lib/transparency', () => {
  it('should compute per-department figures from the published catalog', () => {
    const rows = catalogFigures(catalogItems)
    expect(rows[0]).toMatchObject({ departmentId: 'cd-scj', items: 2, byCategory: { '02': 1, '03': 1 }, instant: 0, meanPromised: 55 })
    expect(rows[0]!.promisedShare).toBeCloseTo((80 / 90 + 1) / 2, 2)
    expect(rows.find((r) => r.departmentId === 'cd-mzj')).toMatchObject({ instant: 1, promisedShare: 0.25 })
  })

  it('should count items per category and per department', () => {
    expect(countByCategory(catalogItems)).toEqual({ '01': 1, '10': 1, '02': 1, '03': 1 })
    expect(departmentsOf(catalogItems)[0]).toEqual({ id: 'cd-scj', name: '成都市市场监督管理局', count: 2 })
  })
})
