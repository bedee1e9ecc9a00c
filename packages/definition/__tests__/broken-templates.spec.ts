import { describe, expect, it } from 'vitest'
import { validateDefinition, type Diagnostic } from '../src/index'
import { religious } from './helpers'

const codesAt = (d: Diagnostic[]) => d.map((x) => `${x.code} ${x.path}`)
const nodeIndex = (def: Record<string, any>, id: string) => def.flow.nodes.findIndex((n: { id: string }) => n.id === id)
const edgeIndex = (def: Record<string, any>, id: string) => def.flow.edges.findIndex((e: { id: string }) => e.id === id)

describe('definition/validate: deliberately broken copies of a template', () => {
  it('should accept the unbroken template', () => {
    expect(validateDefinition(religious())).toEqual([])
  })

  it('should report a missing end when the end nodes are removed', () => {
    const def = religious()
    def.flow.nodes = def.flow.nodes.filter((n: { type: string }) => n.type !== 'end')
    def.flow.edges = def.flow.edges.filter((e: { to: string }) => !e.to.startsWith('end-'))
    const d = validateDefinition(def)
    expect(codesAt(d)).toContain('flow.end_missing /flow/nodes')
  })

  it('should report a dangling edge where an edge points to nowhere', () => {
    const def = religious()
    def.flow.edges[edgeIndex(def, 'e3')].to = 'nowhere'
    const d = validateDefinition(def)
    expect(codesAt(d)).toContain(`flow.edge_dangling /flow/edges/${edgeIndex(def, 'e3')}/to`)
  })

  it('should report a monitoring point on a missing node', () => {
    const def = religious()
    def.monitoringPoints[1].node = 'ghost'
    expect(codesAt(validateDefinition(def))).toContain('ref.unknown_node /monitoringPoints/1/node')
  })

  it('should report an unparsable gateway condition with its offset', () => {
    const def = religious()
    const i = edgeIndex(def, 'e6')
    def.flow.edges[i].condition = "decision == 'approve' &&"
    const d = validateDefinition(def)
    const parse = d.find((x) => x.code === 'expr.parse')
    expect(parse?.path).toBe(`/flow/edges/${i}/condition`)
    expect(parse?.message).toMatch(/at \d+/)
    expect(parse?.messageZh).toMatch(/表达式无法解析/)
  })

  it('should report step limits over the statutory limit at the step that crosses it', () => {
    const def = religious()
    def.flow.nodes[nodeIndex(def, 'review')].limit.value = 40
    const d = validateDefinition(def)
    expect(codesAt(d)).toContain(`limit.steps_exceed_statutory /flow/nodes/${nodeIndex(def, 'review')}/limit`)
    expect(codesAt(d)).toContain(`limit.steps_exceed_promised /flow/nodes/${nodeIndex(def, 'review')}/limit`)
  })

  it('should report a field permission on a missing field', () => {
    const def = religious()
    const i = nodeIndex(def, 'review')
    def.flow.nodes[i].fieldPermissions.noSuchField = 'write'
    expect(codesAt(validateDefinition(def))).toContain(`ref.unknown_field /flow/nodes/${i}/fieldPermissions/noSuchField`)
  })

  it('should report an exclusive gateway without a default branch', () => {
    const def = religious()
    const i = edgeIndex(def, 'e7')
    delete def.flow.edges[i].default
    def.flow.edges[i].condition = "decision == 'deny'"
    expect(codesAt(validateDefinition(def))).toContain(`flow.gateway_no_default /flow/nodes/${nodeIndex(def, 'decided')}`)
  })

  it('should report two start nodes', () => {
    const def = religious()
    def.flow.nodes.push({ id: 'start2', type: 'start', name: '再次申请' })
    def.flow.edges.push({ id: 'e99', from: 'start2', to: 'review' })
    expect(codesAt(validateDefinition(def))).toContain('flow.start_count /flow/nodes')
  })

  it('should report an unreachable node and a node with no way to an end', () => {
    const def = religious()
    def.flow.nodes.push({ id: 'orphan', type: 'step', name: '孤立环节', post: 'handler', limit: { value: 1, unit: 'days' } })
    const i = nodeIndex(def, 'orphan')
    const d = codesAt(validateDefinition(def))
    expect(d).toContain(`flow.node_unreachable /flow/nodes/${i}`)
    expect(d).toContain(`flow.end_unreachable /flow/nodes/${i}`)
  })

  it('should report a parallel split that is never joined', () => {
    const def = religious()
    def.flow.nodes.push({ id: 'fork', type: 'parallel', name: '并行' })
    def.flow.edges[edgeIndex(def, 'e3')].to = 'fork'
    def.flow.edges.push({ id: 'f1', from: 'fork', to: 'verify' }, { id: 'f2', from: 'fork', to: 'end-denied' })
    expect(codesAt(validateDefinition(def))).toContain(`flow.parallel_unjoined /flow/nodes/${nodeIndex(def, 'fork')}`)
  })

  it('should report a document that a step lists but that does not exist', () => {
    const def = religious()
    const i = nodeIndex(def, 'approve')
    def.flow.nodes[i].documents.push('no-such-doc')
    expect(codesAt(validateDefinition(def))).toContain(`ref.unknown_document /flow/nodes/${i}/documents/2`)
  })

  it('should report a placeholder that refers to nothing', () => {
    const def = religious()
    def.documents[0].body += '{{form.nothing}}'
    expect(codesAt(validateDefinition(def))).toContain('ref.unknown_placeholder /documents/0/body')
  })

  it('should report an invalid credit code and a category that does not match the basic code', () => {
    const def = religious()
    def.item.department.creditCode = '11510000008231760X'
    def.item.category = '02'
    const d = codesAt(validateDefinition(def))
    expect(d).toContain('code.credit_invalid /item/department/creditCode')
    expect(d).toContain('code.basic_category /item/basicCode')
  })

  it('should report a promised limit above the statutory limit', () => {
    const def = religious()
    def.item.promisedLimit.value = 31
    expect(codesAt(validateDefinition(def))).toContain('limit.promised_exceeds_statutory /item/promisedLimit/value')
  })

  it('should report an extension counted in another unit than the statutory limit', () => {
    const def = religious()
    def.timeLimits.extension.max.unit = 'workdays' // the statutory limit is 30 natural days
    const d = validateDefinition(def)
    expect(codesAt(d)).toContain('limit.extension_unit /timeLimits/extension/max/unit')
    expect(d.find((x) => x.code === 'limit.extension_unit')?.severity).toBe('error')
  })

  it('should report an expression that reads an unknown name', () => {
    const def = religious()
    def.flow.edges[edgeIndex(def, 'e6')].condition = "verdict == 'approve'"
    expect(codesAt(validateDefinition(def))).toContain(`expr.unknown_name /flow/edges/${edgeIndex(def, 'e6')}/condition`)
  })

  it('should report a post that is not in the dictionary', () => {
    const def = religious()
    const i = nodeIndex(def, 'verify')
    def.flow.nodes[i].post = 'janitor'
    expect(codesAt(validateDefinition(def))).toContain(`step.post_unknown /flow/nodes/${i}/post`)
  })

  it('should report a Formily expression that does not parse', () => {
    const def = religious()
    def.form.properties.neighbourNote['x-reactions'].fulfill.state.visible = '{{ $deps[0] === }}'
    expect(codesAt(validateDefinition(def))).toContain('expr.parse /form/properties/neighbourNote/x-reactions/fulfill/state/visible')
  })

  it('should warn about a write permission on the acceptance step, which records no form changes', () => {
    const def = religious()
    const i = nodeIndex(def, 'accept')
    def.flow.nodes[i].fieldPermissions = { venueName: 'write' }
    expect(validateDefinition(def)).toEqual([expect.objectContaining({ code: 'step.permission_unusable', severity: 'warning', path: `/flow/nodes/${i}/fieldPermissions/venueName` })])
  })
})
