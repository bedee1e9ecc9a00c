import type { Diagnostic, PowerItemDefinition } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { diagnosticText } from '../humanize'

const def = { flow: { nodes: [{ id: 'step1', type: 'step', name: '现场核查' }], edges: [], separationOfDuties: [] } } as unknown as PowerItemDefinition
const d: Diagnostic = { code: 'flow.node_unreachable', severity: 'error', path: '/flow/nodes/0', message: 'node "step1" cannot be reached from the start', messageZh: '从开始节点无法到达节点“step1”' }

describe('items/humanize', () => {
  it('should name flow nodes in the message', () => {
    expect(diagnosticText(d, def)).toBe('从开始节点无法到达节点“现场核查”（step1）')
    expect(diagnosticText(d, def, true)).toBe('node "现场核查"（step1） cannot be reached from the start')
  })
  it('should leave other quoted words alone', () => {
    expect(diagnosticText({ ...d, messageZh: '岗位“nobody”不在岗位字典中' }, def)).toBe('岗位“nobody”不在岗位字典中')
  })
})
