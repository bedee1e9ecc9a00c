import {
  CircleNode,
  CircleNodeModel,
  DiamondNode,
  DiamondNodeModel,
  h,
  PolylineEdge,
  PolylineEdgeModel,
  RectNode,
  RectNodeModel,
  type LogicFlow,
} from '@logicflow/core'
import { EDGE_TYPE, NODE_TYPE, type NodeView } from './graph-mapping'
import { unrotatedAnchors } from './lf-speedups'

/**
 * The flow's node shapes on LogicFlow. Decoration (post and limit, monitoring/risk badges,
 * diagnostics) lives in `properties.view` and is left out of the history, so showing a new
 * diagnostic never becomes an undo step.
 */
const COLORS = { stroke: '#5b7db8', fill: '#fff', error: '#f56c6c', warning: '#e6a23c', added: '#67c23a', removed: '#f56c6c', changed: '#e6a23c' }
type Props = Record<string, unknown> & { view?: NodeView }

/** Words drawn inside nodes, in the user's language (set when the canvas is created). */
export const nodeLabels = { acceptance: '受理', internal: '内部', monitoring: '监', risk: '险' }

const viewOf = (m: { properties: Record<string, unknown> }): NodeView => ((m.properties as Props).view ?? {}) as NodeView

function strip<T extends { properties?: Record<string, unknown> }>(data: T): T {
  if (!data.properties) return data
  const { view: _view, ...rest } = data.properties as Props
  return { ...data, properties: rest }
}

function outline(view: NodeView, base: string): { stroke: string; strokeWidth: number; strokeDasharray?: string } {
  if (view.highlight) return { stroke: COLORS[view.highlight], strokeWidth: 3, ...(view.highlight === 'removed' ? { strokeDasharray: '5 3' } : {}) }
  if (view.severity) return { stroke: COLORS[view.severity], strokeWidth: 2.5 }
  return { stroke: base, strokeWidth: 1.5 }
}

const tooltip = (view: NodeView) => (view.issues?.length ? h('title', {}, view.issues.join('\n')) : null)

/** Places the label below round shapes (gateways, start, end) instead of on top of them. */
function labelBelow(data: { text?: unknown; x: number; y: number }, offset: number) {
  if (typeof data.text === 'string') data.text = { value: data.text, x: data.x, y: data.y + offset }
}

/**
 * From the press on one of its anchors to the drop (anchor-hold.ts), a node keeps its hover
 * state: LogicFlow hides (unmounts) the anchors when the pointer leaves the node, which would
 * unmount the pressed anchor and lose the edge.
 */
export interface HoldsHover {
  holdHover: boolean
}
function hovered(model: { holdHover?: boolean }, flag: boolean): boolean {
  return flag || model.holdHover === true
}

class StepModel extends RectNodeModel implements HoldsHover {
  holdHover = false
  override setHovered(flag = true) {
    super.setHovered(hovered(this, flag))
  }
  override initNodeData(data: LogicFlow.NodeConfig) {
    if (typeof data.text === 'string') data.text = { value: data.text, x: data.x, y: data.y - 8 }
    super.initNodeData(data)
  }
  override setAttributes() {
    this.width = 148
    this.height = 66
    this.radius = 6
  }
  override getNodeStyle() {
    const style = super.getNodeStyle()
    const view = viewOf(this)
    return { ...style, fill: view.acceptance ? '#f0f7ff' : view.internal ? '#f7f7f9' : COLORS.fill, ...outline(view, COLORS.stroke) }
  }
  override getTextStyle() {
    return { ...super.getTextStyle(), fontSize: 14, fontWeight: 600, color: '#303133' }
  }
  override getHistoryData() {
    return strip(super.getHistoryData())
  }
}

class StepView extends RectNode {
  override getShape() {
    const { model } = this.props
    const { x, y, width, height, radius } = model
    const style = model.getNodeStyle()
    const view = viewOf(model)
    const left = x - width / 2
    const top = y - height / 2
    const marks = [
      { n: view.risk ?? 0, label: nodeLabels.risk, color: '#f56c6c' },
      { n: view.monitoring ?? 0, label: nodeLabels.monitoring, color: '#e6a23c' },
    ].filter((b) => b.n > 0)
    const badges = marks.map((b, i) => {
      const bx = left + width - 8 - i * 34
      return h('g', { class: 'sl-badge' }, [h('rect', { x: bx - 30, y: top - 9, width: 30, height: 17, rx: 8, fill: b.color }), h('text', { x: bx - 15, y: top + 3, fill: '#fff', fontSize: 11, textAnchor: 'middle' }, `${b.label}${b.n}`)])
    })
    return h('g', {}, [
      h('rect', { ...style, x: left, y: top, rx: radius, ry: radius, width, height }),
      view.internal ? h('text', { x: left + 6, y: top + 14, fill: '#909399', fontSize: 10 }, nodeLabels.internal) : null,
      view.acceptance ? h('text', { x: left + 6, y: top + 14, fill: '#409eff', fontSize: 10 }, nodeLabels.acceptance) : null,
      view.subtitle ? h('text', { x, y: y + 18, fill: '#606266', fontSize: 11, textAnchor: 'middle' }, view.subtitle) : null,
      ...badges,
      tooltip(view),
    ])
  }
}

class RoundModel extends CircleNodeModel implements HoldsHover {
  holdHover = false
  override setHovered(flag = true) {
    super.setHovered(hovered(this, flag))
  }
  override initNodeData(data: LogicFlow.NodeConfig) {
    labelBelow(data, 40)
    super.initNodeData(data)
  }
  override setAttributes() {
    this.r = 24
  }
  override getHistoryData() {
    return strip(super.getHistoryData())
  }
}
class StartModel extends RoundModel {
  override getNodeStyle() {
    return { ...super.getNodeStyle(), fill: '#f0f9eb', ...outline(viewOf(this), '#67c23a') }
  }
}
class EndModel extends RoundModel {
  override getNodeStyle() {
    const o = outline(viewOf(this), '#c45656')
    return { ...super.getNodeStyle(), fill: '#fef0f0', ...o, strokeWidth: Math.max(o.strokeWidth, 3) }
  }
}
class RoundView extends CircleNode {
  override getShape() {
    const { model } = this.props
    const view = viewOf(model)
    return h('g', {}, [h('circle', { ...model.getNodeStyle(), cx: model.x, cy: model.y, r: model.r }), tooltip(view)])
  }
}

class GatewayModel extends DiamondNodeModel implements HoldsHover {
  holdHover = false
  override setHovered(flag = true) {
    super.setHovered(hovered(this, flag))
  }
  override initNodeData(data: LogicFlow.NodeConfig) {
    labelBelow(data, 44)
    super.initNodeData(data)
  }
  override setAttributes() {
    this.rx = 28
    this.ry = 28
  }
  override getNodeStyle() {
    return { ...super.getNodeStyle(), fill: '#fdf6ec', ...outline(viewOf(this), '#e6a23c') }
  }
  override getHistoryData() {
    return strip(super.getHistoryData())
  }
}
const gatewayView = (mark: string) =>
  class extends DiamondNode {
    override getShape() {
      const { model } = this.props
      const { x, y } = model
      return h('g', {}, [
        h('polygon', { ...model.getNodeStyle(), points: model.points.map((p) => p.join(',')).join(' ') }),
        h('text', { x, y: y + 7, fill: '#b88230', fontSize: 22, fontWeight: 700, textAnchor: 'middle' }, mark),
        tooltip(viewOf(model)),
      ])
    }
  }

class FlowEdgeModel extends PolylineEdgeModel {
  override getEdgeStyle() {
    const style = super.getEdgeStyle()
    const view = viewOf(this)
    const dashed = (this.properties as Props).dashed === true
    const color = view.highlight ? COLORS[view.highlight] : view.severity ? COLORS[view.severity] : '#7a8599'
    return { ...style, stroke: color, strokeWidth: view.highlight || view.severity ? 2.5 : 1.5, ...(dashed ? { strokeDasharray: '6 3' } : {}) }
  }
  override getTextStyle() {
    return { ...super.getTextStyle(), fontSize: 12, color: '#606266', background: { fill: '#fff' } }
  }
  override getHistoryData() {
    return strip(super.getHistoryData())
  }
}

// designer nodes are never rotated: anchors without LogicFlow's rotation matrices (lf-speedups.ts)
unrotatedAnchors(StepModel, RoundModel, GatewayModel)

export function registerFlowNodes(lf: LogicFlow): void {
  lf.register({ type: NODE_TYPE.step, view: StepView, model: StepModel })
  lf.register({ type: NODE_TYPE.start, view: RoundView, model: StartModel })
  lf.register({ type: NODE_TYPE.end, view: RoundView, model: EndModel })
  lf.register({ type: NODE_TYPE.exclusive, view: gatewayView('×'), model: GatewayModel })
  lf.register({ type: NODE_TYPE.parallel, view: gatewayView('+'), model: GatewayModel })
  lf.register({ type: EDGE_TYPE, view: PolylineEdge, model: FlowEdgeModel })
}
