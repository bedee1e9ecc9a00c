import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Generated definitions for the designer bench: a flow of `n` nodes (start, a snake of steps with an
 * exclusive gateway every 10 steps, end) laid out on a grid, and a form of `n` fields of the common
 * kinds. Both start from the religious-venue template so everything else in them is valid.
 */
type Json = Record<string, unknown>

const POSTS = ['window', 'handler', 'reviewer', 'approver'] as const
const COLS = 25
const DX = 180
const DY = 130

function template(root: string): Json {
  return JSON.parse(readFileSync(join(root, 'templates', 'religious-venue-preparation.json'), 'utf8')) as Json
}

export interface BigFlow {
  definition: Json
  /** The same graph as bare LogicFlow data (rect / diamond / circle nodes, polyline edges) for the peer. */
  graph: { nodes: { id: string; type: string; x: number; y: number; text: string }[]; edges: { id: string; type: string; sourceNodeId: string; targetNodeId: string; text?: string }[] }
}

export function bigFlow(root: string, key: string, n: number): BigFlow {
  const def = template(root)
  const nodes: Json[] = []
  const edges: Json[] = []
  const layout: Record<string, { x: number; y: number }> = {}
  const at = (i: number) => {
    const row = Math.floor(i / COLS)
    const col = row % 2 === 0 ? i % COLS : COLS - 1 - (i % COLS)
    return { x: 80 + col * DX, y: 80 + row * DY }
  }
  let i = 0
  const add = (node: Json) => {
    nodes.push(node)
    layout[node.id as string] = at(i++)
  }
  add({ id: 'start', type: 'start', name: '申请' })
  let prev = 'start'
  let edge = 0
  const link = (from: string, to: string, extra: Json = {}) => edges.push({ id: `e${++edge}`, from, to, ...extra })
  for (let s = 1; s <= n - 2; s++) {
    const gateway = s % 10 === 0 && s < n - 2
    const id = gateway ? `g${s}` : `s${s}`
    if (gateway) add({ id, type: 'exclusive', name: `第${s / 10}次判断` })
    else add({ id, type: 'step', name: `环节${s}`, post: POSTS[s % POSTS.length], limit: { value: 1, unit: 'workdays' }, operations: ['return'], opinionRequired: false, ...(s === 1 ? { kind: 'acceptance', operations: ['accept', 'refuse', 'requestSupplement'] } : {}) })
    if (prev.startsWith('g')) {
      link(prev, id, { name: '通过', condition: 'decision == "approve"' })
      link(prev, 'end', { name: '不通过', default: true })
    } else link(prev, id)
    prev = id
  }
  add({ id: 'end', type: 'end', name: '办结', result: 'approved' })
  link(prev, 'end')
  const flow = { nodes, edges, separationOfDuties: [] }
  const shape: Record<string, string> = { start: 'circle', end: 'circle', step: 'rect', exclusive: 'diamond' }
  return {
    definition: { ...def, key, version: 1, item: { ...(def.item as Json), name: `千节点流程（基准测试 ${key}）`, statutoryLimit: { value: 3650, unit: 'days' }, promisedLimit: { value: 3000, unit: 'days' } }, flow, layout: { nodes: layout }, monitoringPoints: [], riskPoints: [], documents: [] },
    graph: {
      nodes: nodes.map((x) => ({ id: x.id as string, type: shape[x.type as string] ?? 'rect', x: layout[x.id as string]!.x, y: layout[x.id as string]!.y, text: x.name as string })),
      edges: edges.map((e) => ({ id: e.id as string, type: 'polyline', sourceNodeId: e.from as string, targetNodeId: e.to as string, ...(e.name ? { text: e.name as string } : {}) })),
    },
  }
}

/** `n` form fields (the template's two staff fields and n − 2 generated ones), in groups of ten: text, textarea, number, select, radio, date, switch, phone, money, checkbox. */
export function bigForm(root: string, key: string, n: number): Json {
  const def = template(root)
  const properties: Record<string, Json> = {}
  const options = [
    { label: '是', value: 'yes' },
    { label: '否', value: 'no' },
    { label: '不适用', value: 'na' },
  ]
  for (let i = 1; i <= n - 2; i++) {
    const kind = i % 10
    const title = `第${i}项 ${['申请事项说明', '情况说明', '从业人员数', '经营类别', '是否连锁', '成立日期', '是否涉及许可', '联系电话', '注册资本（元）', '经营范围'][kind]}`
    const base = { title, 'x-decorator': 'FormItem', required: i % 7 === 0 }
    properties[`f${i}`] =
      kind === 0 ? { ...base, type: 'string', 'x-component': 'Input' }
      : kind === 1 ? { ...base, type: 'string', 'x-component': 'Input.TextArea' }
      : kind === 2 ? { ...base, type: 'number', 'x-component': 'NumberPicker', minimum: 0 }
      : kind === 3 ? { ...base, type: 'string', 'x-component': 'Select', enum: options }
      : kind === 4 ? { ...base, type: 'string', 'x-component': 'Radio.Group', enum: options }
      : kind === 5 ? { ...base, type: 'string', 'x-component': 'DatePicker' }
      : kind === 6 ? { ...base, type: 'boolean', 'x-component': 'Switch' }
      : kind === 7 ? { ...base, type: 'string', 'x-component': 'Input', 'x-validator': 'phone' }
      : kind === 8 ? { ...base, type: 'number', 'x-component': 'NumberPicker', minimum: 0 }
      : { ...base, type: 'array', 'x-component': 'Checkbox.Group', enum: options }
  }
  const form = def.form as { properties: Record<string, Json> }
  // keep the template's two staff fields (review opinion, decision) so its flow stays valid: n in all
  const flow = structuredClone(def.flow) as { nodes: Json[] }
  for (const node of flow.nodes) delete node.documents
  const keep = { reviewOpinion: form.properties.reviewOpinion, decision: form.properties.decision } as Record<string, Json>
  return { ...def, key, version: 1, item: { ...(def.item as Json), name: `三百字段表单（基准测试 ${key}）` }, form: { type: 'object', properties: { ...properties, ...keep } }, flow, documents: [] }
}
