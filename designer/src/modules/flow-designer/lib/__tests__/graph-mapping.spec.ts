import type { Flow, FlowEdge, FlowNode, PowerItemDefinition } from '@sunlight/definition'
import { validateDefinition } from '@sunlight/definition'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { autoLayout } from '../auto-layout'
import { defaultNode, definitionToGraph, edgeLabel, graphToDefinition, nextId, NODE_TYPE, packData, unpackData } from '../graph-mapping'

const load = (name: string) => JSON.parse(readFileSync(resolve(__dirname, `../../../../../../templates/${name}.json`), 'utf8')) as PowerItemDefinition

/** The template drawn as a graph, with its edge e2 and the nodes at its ends. */
function edgeE2() {
  const def = load('religious-venue-preparation')
  const graph = definitionToGraph(def)
  const e2 = graph.edges.find((e) => e.id === 'e2')!
  return { def, graph, e2, from: graph.nodes.find((n) => n.id === e2.sourceNodeId)!, to: graph.nodes.find((n) => n.id === e2.targetNodeId)! }
}

describe('flow-designer/graph-mapping', () => {
  it('should map a real flow to the canvas and back unchanged', () => {
    const def = load('religious-venue-preparation')
    const graph = definitionToGraph(def)
    expect(graph.nodes.map((n) => n.type)).toContain(NODE_TYPE.step)
    const { flow, layout } = graphToDefinition(graph, def.flow)
    expect(flow).toEqual(def.flow)
    expect(Object.keys(layout.nodes).sort()).toEqual(def.flow.nodes.map((n) => n.id).sort())
    expect(validateDefinition({ ...def, flow, layout })).toEqual(validateDefinition(def))
  })
  it('should take node names from the canvas text and data from the properties', () => {
    const def = load('religious-venue-preparation')
    const graph = definitionToGraph(def)
    const step = graph.nodes.find((n) => n.type === NODE_TYPE.step)!
    step.text = { value: '  现场核查  ' }
    step.properties.data = packData({ ...unpackData<FlowNode>(step.properties.data)!, post: 'reviewer' } as FlowNode)
    const { flow } = graphToDefinition(graph, def.flow)
    const node = flow.nodes.find((n) => n.id === step.id)!
    expect(node.name).toBe('现场核查')
    expect(node.type === 'step' && node.post).toBe('reviewer')
  })
  it('should hand LogicFlow each node and edge as JSON text, so mobx keeps one value instead of observing the whole node', () => {
    const def = load('religious-venue-preparation')
    const graph = definitionToGraph(def)
    for (const x of [...graph.nodes, ...graph.edges]) expect(typeof x.properties.data).toBe('string')
    const step = def.flow.nodes.find((n) => n.type === 'step')!
    expect(unpackData<FlowNode>(graph.nodes.find((n) => n.id === step.id)!.properties.data)).toEqual(step)
  })
  it('should mark default branches as dashed with a plain flag', () => {
    const def = load('religious-venue-preparation')
    const graph = definitionToGraph(def)
    const dashed = graph.edges.filter((e) => e.properties.dashed).map((e) => e.id)
    expect(dashed).toEqual(def.flow.edges.filter((e) => e.default).map((e) => e.id))
    expect(dashed.length).toBeGreaterThan(0)
  })
  it('should still read data given as an object, and ignore unreadable text', () => {
    const edge: FlowEdge = { id: 'e9', from: 'a', to: 'b', condition: "decision == 'approve'" }
    expect(unpackData<FlowEdge>(edge)).toEqual(edge)
    expect(unpackData<FlowEdge>(edge)).not.toBe(edge)
    expect(unpackData('{not json')).toBeUndefined()
    expect(unpackData('[1,2]')).toBeUndefined()
    expect(unpackData(undefined)).toBeUndefined()
  })
  it('should save each edge route the canvas drew and draw it again from the layout', () => {
    const { def, graph, e2, from, to } = edgeE2()
    // as LogicFlow reports a shaped route: right anchor of the source, a bend, left anchor of the target
    e2.pointsList = [{ x: from.x + 60.4, y: from.y }, { x: from.x + 100, y: from.y }, { x: from.x + 100, y: to.y }, { x: to.x - 60, y: to.y }]
    const { flow, layout } = graphToDefinition(graph, def.flow)
    expect(layout.edges).toEqual({ e2: { points: e2.pointsList.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })) } })
    const again = definitionToGraph({ flow, layout }).edges.find((e) => e.id === 'e2')!
    expect(again.pointsList).toEqual(layout.edges.e2!.points)
    expect(again.startPoint).toEqual(layout.edges.e2!.points[0])
    expect(again.endPoint).toEqual(layout.edges.e2!.points[3])
    expect(definitionToGraph({ flow, layout }).edges.filter((e) => e.pointsList).map((e) => e.id)).toEqual(['e2'])
  })
  it('should leave a stored route unused when its node was moved elsewhere (LogicFlow routes the edge anew)', () => {
    const { def, graph, e2, from, to } = edgeE2()
    e2.pointsList = [{ x: from.x + 60, y: from.y }, { x: to.x - 60, y: to.y }]
    const { flow, layout } = graphToDefinition(graph, def.flow)
    const moved = { ...layout, nodes: { ...layout.nodes, [to.id]: { x: to.x + 400, y: to.y + 300 } } }
    expect(definitionToGraph({ flow, layout: moved }).edges.find((e) => e.id === 'e2')!.pointsList).toBeUndefined()
  })
  it('should add dropped nodes with defaults and drop edges to removed nodes', () => {
    const flow: Flow = {
      nodes: [defaultNode('start', 'start'), defaultNode('step', 'accept'), defaultNode('end', 'end')],
      edges: [
        { id: 'e1', from: 'start', to: 'accept' },
        { id: 'e2', from: 'accept', to: 'end' },
      ],
      separationOfDuties: [['accept', 'review']],
    }
    const graph = definitionToGraph({ flow, layout: undefined })
    graph.nodes = graph.nodes.filter((n) => n.id !== 'end')
    graph.nodes.push({ id: 'gw1', type: NODE_TYPE.exclusive, x: 500, y: 100, properties: {} })
    const out = graphToDefinition(graph, flow).flow
    expect(out.nodes.map((n) => n.id)).toEqual(['start', 'accept', 'gw1'])
    expect(out.nodes[2]).toEqual({ id: 'gw1', type: 'exclusive', name: '条件判断' })
    expect(out.edges.map((e) => e.id)).toEqual(['e1'])
    expect(out.separationOfDuties).toEqual([])
  })
  it('should keep an edge condition and follow a reconnected end', () => {
    const flow: Flow = {
      nodes: [defaultNode('start', 's'), defaultNode('exclusive', 'g'), defaultNode('end', 'a'), defaultNode('end', 'b')],
      edges: [
        { id: 'e1', from: 's', to: 'g' },
        { id: 'e2', from: 'g', to: 'a', condition: 'form.amount >= 10000' },
        { id: 'e3', from: 'g', to: 'b', default: true },
      ],
      separationOfDuties: [],
    }
    const graph = definitionToGraph({ flow, layout: undefined })
    graph.edges[1]!.targetNodeId = 'b'
    const out = graphToDefinition(graph, flow).flow
    expect(out.edges[1]).toEqual({ id: 'e2', from: 'g', to: 'b', condition: 'form.amount >= 10000' })
    expect(edgeLabel(out.edges[2]!)).toBe('默认')
  })
  it('should number new ids after the taken ones', () => {
    expect(nextId('step', ['step1', 'step2'])).toBe('step3')
    expect(nextId('exclusive', [])).toBe('gw1')
    expect(nextId('edge', ['e1'])).toBe('e2')
  })
})

describe('flow-designer/auto-layout', () => {
  it('should place a chain left to right on one row', () => {
    const p = autoLayout({ nodes: [defaultNode('start', 's'), defaultNode('step', 'a'), defaultNode('end', 'e')], edges: [{ id: '1', from: 's', to: 'a' }, { id: '2', from: 'a', to: 'e' }] })
    expect(p.s!.x).toBeLessThan(p.a!.x)
    expect(p.a!.x).toBeLessThan(p.e!.x)
    expect(new Set([p.s!.y, p.a!.y, p.e!.y]).size).toBe(1)
  })
  it('should stack branches of a gateway and ignore a return edge', () => {
    const nodes = [defaultNode('start', 's'), defaultNode('exclusive', 'g'), defaultNode('step', 'x'), defaultNode('step', 'y'), defaultNode('end', 'e')]
    const edges = [
      { id: '1', from: 's', to: 'g' },
      { id: '2', from: 'g', to: 'x' },
      { id: '3', from: 'g', to: 'y' },
      { id: '4', from: 'x', to: 'e' },
      { id: '5', from: 'y', to: 'e' },
      { id: '6', from: 'y', to: 'g' },
    ]
    const p = autoLayout({ nodes, edges })
    expect(p.x!.x).toBe(p.y!.x)
    expect(p.x!.y).not.toBe(p.y!.y)
    expect(p.e!.x).toBeGreaterThan(p.x!.x)
  })
  it('should give unreachable nodes a column at the end', () => {
    const p = autoLayout({ nodes: [defaultNode('start', 's'), defaultNode('step', 'lost')], edges: [] })
    expect(p.lost!.x).toBeGreaterThan(p.s!.x)
  })
})
