import type { Flow } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { defaultNode } from '../../../flow-designer/lib/graph-mapping'
import { formatValue, pointerLabel } from '../diff-labels'
import { flowChanges } from '../flow-diff'
import { flowPicture } from '../flow-picture'

const doc = {
  item: { name: 'x', materials: [{ id: 'lic', name: '营业执照', mandatory: true }], statutoryLimit: { value: 20, unit: 'workdays' } },
  form: { properties: { applicantName: { title: '申请人姓名', type: 'string' } } },
  flow: { nodes: [{ id: 'review', name: '审查' }] },
}

describe('review/diff-labels', () => {
  it('should name array elements by their own name', () => {
    expect(pointerLabel('/item/materials/0/mandatory', doc)).toBe('事项要素 › 申请材料「营业执照」 › 是否必交')
    expect(pointerLabel('/flow/nodes/0/limit/value', doc)).toBe('流程 › 环节「审查」 › 环节时限 › 数值')
  })
  it('should name form fields by their title', () => {
    expect(pointerLabel('/form/properties/applicantName/required', doc)).toBe('申请表单 › 字段「申请人姓名」 › 必填')
  })
  it('should print values shortly', () => {
    expect(formatValue({ value: 20, unit: 'workdays' })).toBe('20 个工作日')
    expect(formatValue(['1', '2'])).toBe('1、2')
    expect(formatValue(true)).toBe('是')
    expect(formatValue(undefined)).toBe('—')
  })
})

describe('review/flow-diff', () => {
  it('should mark added, removed and changed nodes and edges', () => {
    const before: Flow = { nodes: [defaultNode('start', 's'), defaultNode('step', 'a'), defaultNode('end', 'e')], edges: [{ id: 'e1', from: 's', to: 'a' }, { id: 'e2', from: 'a', to: 'e' }], separationOfDuties: [] }
    const after = structuredClone(before)
    after.nodes[1]!.name = '审查'
    after.nodes.push(defaultNode('step', 'b'))
    after.edges = [{ id: 'e1', from: 's', to: 'a' }, { id: 'e3', from: 'a', to: 'b' }]
    expect(Object.fromEntries(flowChanges(before, after))).toEqual({ a: 'changed', b: 'added', e3: 'added', e2: 'removed' })
    expect(flowChanges(undefined, after).get('s')).toBe('added')
  })
  it('should draw nodes inside the picture with edges between their borders', () => {
    const flow = { nodes: [defaultNode('start', 's'), defaultNode('end', 'e')], edges: [{ id: 'x', from: 's', to: 'e', default: true }] }
    const p = flowPicture(flow)
    expect(p.nodes.every((n) => n.x > 0 && n.y > 0 && n.x < p.width && n.y < p.height)).toBe(true)
    expect(p.edges[0]!.dashed).toBe(true)
    expect(p.edges[0]!.from.x).toBeGreaterThan(p.nodes[0]!.x)
  })
})
