import { validateDefinition, type PowerItemDefinition } from '@sunlight/definition'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { flowViews } from '../node-views'

const def = JSON.parse(readFileSync(resolve(__dirname, '../../../../../../templates/religious-venue-preparation.json'), 'utf8')) as PowerItemDefinition
const labels = { post: (c: string) => `岗位${c}`, limit: (v: number, u: string) => `${v}${u === 'workdays' ? '个工作日' : '日'}`, message: (d: { messageZh: string }) => d.messageZh }

describe('flow-designer/node-views', () => {
  it('should give steps a subtitle and badges for their monitoring and risk points', () => {
    const views = flowViews(def, [], labels)
    const step = def.flow.nodes.find((n) => n.type === 'step' && def.riskPoints.some((r) => r.node === n.id))!
    const v = views.get(step.id)!
    expect(v.subtitle).toMatch(/^岗位.+ · \d+(个工作日|日)/)
    expect(v.risk).toBe(def.riskPoints.filter((r) => r.node === step.id).length)
    expect(v.severity).toBeUndefined()
  })
  it('should outline the node a diagnostic points at and carry the message', () => {
    const broken = structuredClone(def)
    const step = broken.flow.nodes.find((n) => n.type === 'step')!
    if (step.type === 'step') step.post = 'nobody'
    const views = flowViews(broken, validateDefinition(broken), labels)
    expect(views.get(step.id)).toMatchObject({ severity: 'error', issues: ['岗位“nobody”不在岗位字典中'] })
  })
  it('should outline an exclusive gateway without a default branch', () => {
    const broken = structuredClone(def)
    broken.flow.nodes.push({ id: 'gx', type: 'exclusive', name: '判断' }, { id: 'ex', type: 'end', name: '结束', result: 'done' })
    const last = broken.flow.nodes.find((n) => n.type === 'start')!.id
    broken.flow.edges.push({ id: 'ex1', from: last, to: 'gx' }, { id: 'ex2', from: 'gx', to: 'ex', condition: 'form.area > 1' })
    const views = flowViews(broken, validateDefinition(broken), labels)
    expect(views.get('gx')?.severity).toBe('error')
  })
})
