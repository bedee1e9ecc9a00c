import { describe, expect, it } from 'vitest'
import type { ItemSummary } from '../../../../api'
import { cloneForDepartment, copyKey, countByStatus, departmentSubtree, emptyFilter, filterItems, flattenDepartments, parseImportedJson } from '../catalog-filter'
import type { DepartmentNode } from '../../../../api'

const item = (key: string, name: string, departmentId: string, category: string, status: ItemSummary['status']): ItemSummary => ({
  key, name, departmentId, category, status, publishedVersion: null, createdAt: 0, updatedAt: 0,
})
const items = [
  item('venue', '宗教活动场所筹备设立审批', 'sc-mzw', '01', 'published'),
  item('clergy', '宗教教职人员备案', 'sc-mzw', '07', 'draft'),
  item('food-penalty', '未取得食品经营许可从事食品经营的处罚', 'cd-scj', '02', 'inReview'),
]

describe('catalog/filterItems', () => {
  it('should return everything with an empty filter', () => {
    expect(filterItems(items, emptyFilter())).toHaveLength(3)
  })
  it('should match the name ignoring spaces', () => {
    expect(filterItems(items, { ...emptyFilter(), q: '宗教 活动' }).map((i) => i.key)).toEqual(['venue'])
  })
  it('should combine department, category and status', () => {
    expect(filterItems(items, { q: '', department: 'sc-mzw', category: '07', status: 'draft' }).map((i) => i.key)).toEqual(['clergy'])
    expect(filterItems(items, { q: '', department: 'sc-mzw', category: '02', status: '' })).toEqual([])
  })
  it('should count per status', () => {
    expect(countByStatus(items)).toEqual({ all: 3, draft: 1, inReview: 1, published: 1, cancelled: 0 })
  })
})

describe('catalog/copies', () => {
  it('should pick a free copy key', () => {
    expect(copyKey('venue', ['venue'])).toBe('venue-copy')
    expect(copyKey('venue', ['venue-copy', 'venue-copy-2'])).toBe('venue-copy-3')
  })
  it('should move a clone to the new department and clear its codes', () => {
    const def = { key: 'venue', version: 3, item: { name: 'x', implCode: 'A-1', department: { name: '甲', creditCode: '11', nature: '1' } } }
    const c = cloneForDepartment(def, 'venue-copy', { name: '乙' }) as { key: string; version: number; item: { implCode: string; department: Record<string, unknown> } }
    expect(c.key).toBe('venue-copy')
    expect(c.version).toBe(1)
    expect(c.item.department).toEqual({ name: '乙', nature: '1' })
    expect(c.item.implCode).toBe('待编码')
    expect(def.item.department.name).toBe('甲')
  })
  it('should read an imported definition and drop $schema', () => {
    expect(parseImportedJson('{"$schema":"x","key":"a"}')).toEqual({ key: 'a' })
    expect(() => parseImportedJson('[1]')).toThrow(/not an object/)
    expect(() => parseImportedJson('{')).toThrow(/JSON/)
  })
})

const dept = (id: string, name: string, level: DepartmentNode['level'], children: DepartmentNode[] = []): DepartmentNode => ({ id, parentId: null, name, level, creditCode: null, regionCode: null, canEdit: false, children })
const tree = [dept('sc', '四川省人民政府', 'province', [dept('cd', '成都市人民政府', 'city', [dept('cd-scj', '成都市市场监督管理局', 'unit')]), dept('sc-mzw', '四川省民族宗教事务委员会', 'unit')])]

describe('catalog/department tree', () => {
  it('should take a government with every department below it', () => {
    expect([...departmentSubtree(tree, 'cd')].sort()).toEqual(['cd', 'cd-scj'])
    expect([...departmentSubtree(tree, 'unknown')]).toEqual(['unknown'])
  })

  it('should filter items of the departments below the chosen government', () => {
    const list = [{ key: 'a', departmentId: 'cd-scj' }, { key: 'b', departmentId: 'sc-mzw' }] as never[]
    expect(filterItems(list, { ...emptyFilter(), department: 'cd' }, tree).map((i: { key: string }) => i.key)).toEqual(['a'])
  })

  it('should flatten the tree in display order with depths', () => {
    expect(flattenDepartments(tree).map((d) => `${d.depth}:${d.id}`)).toEqual(['0:sc', '1:cd', '2:cd-scj', '1:sc-mzw'])
  })
})

