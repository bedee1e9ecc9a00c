import { describe, expect, it } from 'vitest'
import type { ChartFlow } from '../../../../lib/flow-chart'
import { HEAT_STOPS, heatBand, heatChart, rankWaits } from '../heat'

const flow: ChartFlow = {
  nodes: [
    { id: 'start', type: 'start', name: '申请' },
    { id: 'accept', type: 'step', name: '受理' },
    { id: 'review', type: 'step', name: '审查' },
    { id: 'approve', type: 'step', name: '批准' },
    { id: 'end', type: 'end', name: '办结' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'accept' },
    { id: 'e2', from: 'accept', to: 'review' },
    { id: 'e3', from: 'review', to: 'approve' },
    { id: 'e4', from: 'approve', to: 'end' },
  ],
}
const DAY = 86_400_000
const waits = [
  { node: 'accept', avgWaitMs: 0.5 * DAY, cases: 10 },
  { node: 'review', avgWaitMs: 8 * DAY, cases: 9 },
  { node: 'approve', avgWaitMs: 3 * DAY, cases: 7 },
]

describe('supervision/lib/heat', () => {
  it('should put no data in band 0 and the longest wait in the top band', () => {
    expect(heatBand(undefined, 10)).toBe(0)
    expect(heatBand(0, 10)).toBe(0)
    expect(heatBand(10, 10)).toBe(4)
    expect(heatBand(1, 10)).toBe(1)
    expect(heatBand(6, 10)).toBe(3)
  })

  it('should fill the node where cases wait longest with the darkest colour and leave unvisited nodes grey', () => {
    const { chart } = heatChart(flow, waits, (w) => `${w.avgWaitMs / DAY} 天`)
    const fill = (id: string) => chart.nodes.find((n) => n.id === id)!.properties.style.fill
    expect(fill('review')).toBe(HEAT_STOPS[4])
    expect(fill('accept')).toBe(HEAT_STOPS[1])
    expect(fill('start')).toBe(HEAT_STOPS[0])
  })

  it('should write the average wait under the node name and as a caption for screen readers', () => {
    const { chart, captions } = heatChart(flow, waits, (w) => `平均 ${w.avgWaitMs / DAY} 天`)
    expect(chart.nodes.find((n) => n.id === 'review')!.text).toBe('审查\n平均 8 天')
    expect(captions.review).toBe('平均 8 天')
    expect(captions.start).toBeUndefined()
  })

  it('should thicken the stroke with the heat so colour is not the only cue', () => {
    const { chart } = heatChart(flow, waits, () => '')
    const width = (id: string) => Number(chart.nodes.find((n) => n.id === id)!.properties.style.strokeWidth)
    expect(width('review')).toBeGreaterThan(width('accept'))
  })

  it('should rank nodes by wait, longest first, with their names', () => {
    expect(rankWaits(waits, { review: '审查', accept: '受理' }).map((w) => w.name)).toEqual(['审查', 'approve', '受理'])
  })
})
