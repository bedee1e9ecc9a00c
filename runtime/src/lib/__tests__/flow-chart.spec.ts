import { describe, expect, it } from 'vitest'
import { autoLayout, buildChart, caseProgress, publicChartFlow, publicProgress, reconstructedFlow, type ChartFlow } from '../flow-chart'

const flow: ChartFlow = {
  nodes: [
    { id: 'start', type: 'start', name: '申请' },
    { id: 'accept', type: 'step', name: '受理' },
    { id: 'review', type: 'step', name: '审查' },
    { id: 'verify', type: 'step', name: '审核' },
    { id: 'decided', type: 'exclusive', name: '是否批准' },
    { id: 'yes', type: 'end', name: '准予', result: 'approved' },
    { id: 'no', type: 'end', name: '不予', result: 'denied' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'accept' },
    { id: 'e2', from: 'accept', to: 'review' },
    { id: 'e3', from: 'review', to: 'verify' },
    { id: 'e4', from: 'verify', to: 'decided' },
    { id: 'e5', from: 'decided', to: 'yes', name: '批准' },
    { id: 'e6', from: 'decided', to: 'no' },
    { id: 'back', from: 'verify', to: 'review' },
  ],
}

describe('lib/flow-chart', () => {
  it('should lay a flow out left to right, parallel ends one above the other, cycles ignored', () => {
    const pos = autoLayout(flow)
    expect(pos.start!.x).toBeLessThan(pos.accept!.x)
    expect(pos.verify!.x).toBeLessThan(pos.decided!.x)
    expect(pos.yes!.x).toBe(pos.no!.x)
    expect(pos.yes!.y).not.toBe(pos.no!.y)
  })

  it('should highlight the current step and mark finished ones', () => {
    const progress = caseProgress({ completed: [{ node: 'accept' }, { node: 'review' }], tasks: [{ node: 'verify' }], status: 'handling' }, flow)
    expect(progress.current).toEqual(['verify'])
    expect(progress.done.sort()).toEqual(['accept', 'review', 'start'])
    const chart = buildChart(flow, progress)
    expect(chart.nodes.find((n) => n.id === 'verify')!.properties.status).toBe('current')
    expect(chart.nodes.find((n) => n.id === 'accept')!.properties.style.stroke).toBe('#1e7b3c')
    expect(chart.nodes.find((n) => n.id === 'decided')!.type).toBe('diamond')
    expect(chart.edges.find((e) => e.id === 'e2')!.properties.style.stroke).toBe('#1e7b3c')
    expect(chart.edges.find((e) => e.id === 'e5')!.text).toBe('批准')
  })

  it('should mark the end reached by a concluded case and the gateway before it', () => {
    const progress = caseProgress({ completed: [{ node: 'accept' }, { node: 'review' }, { node: 'verify' }], tasks: [], status: 'concluded', result: 'approved' }, flow)
    expect(progress.done).toContain('yes')
    expect(progress.done).toContain('decided')
    expect(progress.done).not.toContain('no')
  })

  it('should use a stored layout only when it places every node', () => {
    const layout = Object.fromEntries(flow.nodes.map((n, i) => [n.id, { x: 100 + i * 10, y: 200 }]))
    expect(buildChart(flow, { done: [], current: [] }, layout).nodes[0]).toMatchObject({ x: 60, y: 60 })
    expect(buildChart(flow, { done: [], current: [] }, { start: { x: 0, y: 0 } }).nodes).toHaveLength(7)
  })

  it('should draw the public flowchart as start, public steps, end', () => {
    const f = publicChartFlow([{ id: 'accept', name: '受理' }, { id: 'approve', name: '决定' }], { start: '申请', end: '办结' })
    expect(f.nodes.map((n) => n.name)).toEqual(['申请', '受理', '决定', '办结'])
    expect(f.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['__start>accept', 'accept>approve', 'approve>__end'])
  })

  it('should show the applicant progress from the public timeline', () => {
    const steps = [{ id: 'accept', name: '受理' }, { id: 'review', name: '审查' }, { id: 'approve', name: '决定' }]
    const p = publicProgress(steps, { status: 'handling', currentSteps: ['审查'], timeline: [{ type: 'case:accepted', step: '受理' }] })
    expect(p).toEqual({ done: ['__start', 'accept'], current: ['review'] })
    expect(publicProgress(steps, { status: 'concluded', currentSteps: [], timeline: [] }).done).toEqual(['__start', 'accept', 'review', 'approve', '__end'])
  })

  it('should put internal steps where the record places them when only public steps are known', () => {
    const steps = [{ id: 'accept', name: '受理' }, { id: 'review', name: '审查' }, { id: 'approve', name: '决定' }]
    const f = reconstructedFlow(steps, { completed: [{ node: 'accept' }, { node: 'review' }], tasks: [{ node: 'verify' }] }, { verify: '审核' }, { start: '申请', end: '办结' })
    expect(f.nodes.map((n) => n.id)).toEqual(['__start', 'accept', 'review', 'verify', 'approve', '__end'])
    expect(f.nodes.find((n) => n.id === 'verify')!.name).toBe('审核')
  })
})
