import type { FlowNode, PowerItemDefinition } from '@sunlight/definition'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFlowCanvas } from '../flow-canvas'
import { definitionToGraph, graphToDefinition } from '../graph-mapping'

const def = JSON.parse(readFileSync(resolve(__dirname, '../../../../../../templates/religious-venue-preparation.json'), 'utf8')) as PowerItemDefinition
const labels = { start: '开始', step: '办理环节', exclusive: '排他网关', parallel: '并行网关', end: '结束', delete: '删除', copy: '复制', selectBox: '框选', fit: '适应', marks: { acceptance: '受理', internal: '内部', monitoring: '监', risk: '险' } }
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('flow-designer/flow-canvas: node data on a real LogicFlow canvas', () => {
  it('should give back the definition it drew, and undo an edit of a step back to the drawn data', async () => {
    const container = document.createElement('div')
    Object.assign(container.style, { width: '1200px', height: '800px' })
    document.body.appendChild(container)
    const history: { undo: boolean; redo: boolean }[] = []
    const canvas = createFlowCanvas({ container, readonly: false, labels, onChange: () => {}, onSelect: () => {}, onHistory: (h) => history.push(h) })
    canvas.render(definitionToGraph(def))
    expect(graphToDefinition(canvas.getGraph(), def.flow).flow).toEqual(def.flow)

    const step = def.flow.nodes.find((n) => n.id === 'review') as FlowNode & { post: string }
    canvas.setData('review', { ...step, post: 'reviewer' }, step.name)
    await tick(300) // LogicFlow's history takes a step 100 ms after a change
    const edited = graphToDefinition(canvas.getGraph(), def.flow).flow.nodes.find((n) => n.id === 'review') as { post: string }
    expect(edited.post).toBe('reviewer')
    expect(history.at(-1)?.undo).toBe(true)

    canvas.undo()
    await tick(300)
    expect(graphToDefinition(canvas.getGraph(), def.flow).flow).toEqual(def.flow)
  })

  it('should draw a saved edge route as saved and report it back unchanged', () => {
    const container = document.createElement('div')
    document.body.appendChild(container)
    const canvas = createFlowCanvas({ container, readonly: false, labels, onChange: () => {}, onSelect: () => {}, onHistory: () => {} })
    canvas.render(definitionToGraph(def))
    // the routes LogicFlow drew, saved as the designer saves them
    const saved = graphToDefinition(canvas.getGraph(), def.flow).layout
    expect(Object.keys(saved.edges).sort()).toEqual(def.flow.edges.map((e) => e.id).sort())
    // a hand-shaped detour on e2, then drawn again from the layout
    const e2 = saved.edges.e2!.points
    const first = e2[0]!
    const last = e2[e2.length - 1]!
    const shaped = [first, { x: first.x + 20, y: first.y }, { x: first.x + 20, y: first.y - 80 }, { x: last.x - 20, y: first.y - 80 }, { x: last.x - 20, y: last.y }, last]
    const layout = { ...saved, edges: { ...saved.edges, e2: { points: shaped } } }
    canvas.render(definitionToGraph({ flow: def.flow, layout }))
    expect(graphToDefinition(canvas.getGraph(), def.flow).layout.edges.e2!.points).toEqual(shaped)
  })
})
