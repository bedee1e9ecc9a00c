import { CircleNodeModel, DiamondNodeModel, RectNodeModel } from '@logicflow/core'
import Graph from '@logicflow/core/es/view/Graph'
import { describe, expect, it, vi } from 'vitest'
import { lazyGraphData, lazyGraphUpdated, quietHistoryWhile, unrotatedAnchors } from '../lf-speedups'

/** The prototype that defines `anchors` (LogicFlow's getter, through the rotation matrices). */
function findAnchors(p: object): object {
  while (!Object.getOwnPropertyDescriptor(p, 'anchors')) p = Object.getPrototypeOf(p) as object
  return p
}

describe('flow-designer/lf-speedups', () => {
  it.each([
    ['rect', RectNodeModel, { id: 'n1', x: 183, y: 77, width: 148, height: 66 }],
    ['circle', CircleNodeModel, { id: 'n2', x: 80, y: 210, r: 24 }],
    ['diamond', DiamondNodeModel, { id: 'n3', x: 260, y: 340, rx: 28, ry: 28 }],
  ])('should give an unrotated %s node the same anchors as LogicFlow', (_name, Base, fields) => {
    class Model extends (Base as unknown as new () => object) {}
    const before = findAnchors((Base as { prototype: object }).prototype)
    unrotatedAnchors(Model)
    const self = Object.assign(Object.create(Model.prototype) as object, fields, { rotate: 0, anchorsOffset: [] })
    const ours = (self as unknown as { anchors: { id: string; x: number; y: number }[] }).anchors
    const theirs = Object.getOwnPropertyDescriptor(before, 'anchors')!.get!.call(self) as { id: string; x: number; y: number }[]
    expect(ours.map((a) => [a.id, a.x, a.y])).toEqual(theirs.map((a) => [a.id, a.x, a.y]))
    expect(ours).toHaveLength(4)
  })

  it('should still rotate the anchors of a rotated node', () => {
    class Model extends (RectNodeModel as unknown as new () => object) {}
    unrotatedAnchors(Model)
    const self = Object.assign(Object.create(Model.prototype) as object, { id: 'n', x: 100, y: 100, width: 100, height: 40, rotate: Math.PI / 2, anchorsOffset: [] })
    const top = (self as unknown as { anchors: { x: number; y: number }[] }).anchors[0]!
    expect(top.x).toBeCloseTo(120)
    expect(top.y).toBeCloseTo(100)
  })

  it('should serialise the graph for graph:updated only when a listener reads the data', () => {
    lazyGraphUpdated()
    const modelToGraphData = vi.fn(() => ({ nodes: [], edges: [{ id: 'e1' }] }))
    const sent: { data: unknown }[] = []
    const graphModel = { modelToGraphData, eventCenter: { emit: (_e: string, args: { data: unknown }) => sent.push(args) } }
    const update = (Graph.prototype as unknown as { componentDidUpdate(this: object): void }).componentDidUpdate
    update.call({ props: { graphModel } })
    expect(modelToGraphData).not.toHaveBeenCalled()
    expect(sent[0]!.data).toEqual({ nodes: [], edges: [{ id: 'e1' }] })
    expect(sent[0]!.data).toBe(sent[0]!.data)
    expect(modelToGraphData).toHaveBeenCalledTimes(1)
  })

  it('should compute lazy graph data once, on first read', () => {
    const modelToGraphData = vi.fn(() => ({ nodes: [{ id: 'n1' }], edges: [] }))
    const proto = { modelToGraphData }
    const graphModel = Object.create(proto) as never
    const data = lazyGraphData(graphModel)()
    expect(modelToGraphData).not.toHaveBeenCalled()
    expect(data.nodes).toEqual([{ id: 'n1' }])
    expect(data.edges).toEqual([])
    expect(modelToGraphData).toHaveBeenCalledTimes(1)
  })

  it('should take no history snapshot while quiet and the skipped one on resume', () => {
    let quiet = true
    const snapshot = { nodes: [{ id: 'a' }], edges: [] }
    const graphModel = { modelToHistoryData: vi.fn(() => snapshot) }
    const add = vi.fn()
    const resume = quietHistoryWhile(graphModel as never, () => quiet, add)
    expect((graphModel as unknown as { modelToHistoryData(): unknown }).modelToHistoryData()).toBe(false)
    resume()
    expect(add).not.toHaveBeenCalled() // still pressed
    quiet = false
    resume()
    expect(add).toHaveBeenCalledWith(snapshot)
    resume()
    expect(add).toHaveBeenCalledTimes(1) // nothing skipped since
  })
})
