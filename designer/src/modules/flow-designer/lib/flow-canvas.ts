import LogicFlow, { reaction } from '@logicflow/core'
import '@logicflow/core/dist/index.css'
import { DndPanel, Menu, MiniMap, SelectionSelect, Snapshot } from '@logicflow/extension'
import '@logicflow/extension/dist/index.css'
import type { Point } from './auto-layout'
import { createAnchorHold, type Holdable } from './anchor-hold'
import { lazyGraphData, lazyGraphUpdated, quietHistoryWhile } from './lf-speedups'
import { nodeLabels, registerFlowNodes } from './flow-nodes'
import { defaultNode, EDGE_TYPE, kindOfType, NODE_TYPE, nextId, packData, type FlowKind, type GraphData, type NodeView } from './graph-mapping'
import type { FlowEdge, FlowNode } from '@sunlight/definition'

/**
 * Everything that touches LogicFlow lives behind this module, which the flow tab loads on demand.
 * The Vue component only sees this small interface.
 */
export interface FlowCanvasOptions {
  container: HTMLElement
  readonly: boolean
  /** Palette and menu texts in the user's language. */
  labels: Record<FlowKind, string> & { delete: string; copy: string; selectBox: string; fit: string; marks: typeof nodeLabels }
  onChange: () => void
  onSelect: (selection: { kind: 'node' | 'edge'; id: string } | null) => void
  onHistory: (state: { undo: boolean; redo: boolean }) => void
  /** Called when a drag that deferred redrawing has ended. */
  onIdle?: () => void
}

export interface FlowCanvas {
  /** Draws the graph; a large one (> LARGE_FLOW nodes) in the large-flow mode (see below). */
  render(graph: GraphData): void
  /** True while the canvas draws a large flow: partial rendering, minimap off, opened at 100 %. */
  readonly large: boolean
  /** The first view after render: the whole flow fitted, or for a large flow its start at 100 %. */
  initialView(): void
  getGraph(): GraphData
  /**
   * Decoration only (not an undo step): sets each element's view where it differs. One pass over
   * the graph: LogicFlow's getModelById rebuilds a map of every element on each call outside a
   * reaction, which made a per-id loop quadratic (3.6 s at 1,000 nodes, `pnpm bench designer`).
   */
  decorate(views: ReadonlyMap<string, NodeView>): void
  /** True while an edge is being drawn from an anchor (re-rendering a node then would drop it). */
  readonly busy: boolean
  setData(id: string, data: object, text?: string): void
  undo(): void
  redo(): void
  zoom(delta: 1 | -1): void
  fit(): void
  snapshot(fileName: string): Promise<void>
  relayout(positions: Record<string, Point>): void
  focus(id: string): void
  selectBox(): void
  toggleMiniMap(show: boolean): void
  deleteSelection(): void
  /** Read-only (silent) mode: no editing, no node panel. */
  setReadonly(flag: boolean): void
  readonly lf: LogicFlow
  destroy(): void
}

const ICONS: Record<FlowKind, string> = {
  start: 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30"><circle cx="15" cy="15" r="12" fill="#f0f9eb" stroke="#67c23a" stroke-width="2"/></svg>'),
  step: 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="34" height="24"><rect x="2" y="2" width="30" height="20" rx="4" fill="#fff" stroke="#5b7db8" stroke-width="2"/></svg>'),
  exclusive: 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30"><polygon points="15,2 28,15 15,28 2,15" fill="#fdf6ec" stroke="#e6a23c" stroke-width="2"/><text x="15" y="20" font-size="14" text-anchor="middle" fill="#b88230">×</text></svg>'),
  parallel: 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30"><polygon points="15,2 28,15 15,28 2,15" fill="#fdf6ec" stroke="#e6a23c" stroke-width="2"/><text x="15" y="20" font-size="16" text-anchor="middle" fill="#b88230">+</text></svg>'),
  end: 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30"><circle cx="15" cy="15" r="12" fill="#fef0f0" stroke="#c45656" stroke-width="4"/></svg>'),
}

/**
 * Above this many nodes the canvas switches to LogicFlow's partial rendering (only elements in
 * view are in the DOM), opens at 100 % on the start instead of fitting everything, and leaves the
 * minimap (a second full copy of the graph) off until asked for. Measured by `pnpm bench designer`:
 * a 1,000-node flow fitted and fully drawn took seconds to open and panned below 30 FPS.
 */
export const LARGE_FLOW = 200

/** Runs `f` when the browser is idle after the next frames are drawn (at the latest after 1.5 s). */
function whenIdle(f: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback
  if (idle) requestAnimationFrame(() => requestAnimationFrame(() => idle(f, { timeout: 1500 })))
  else setTimeout(f, 200)
}

export function createFlowCanvas(options: FlowCanvasOptions): FlowCanvas {
  lazyGraphUpdated()
  let large = false
  let destroyed = false
  const taken = () => {
    const g = lf.getGraphRawData() as unknown as GraphData
    return [...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id)]
  }
  const lf: LogicFlow = new LogicFlow({
    container: options.container,
    grid: { size: 10, type: 'dot', config: { color: '#d5dbe5' } },
    keyboard: { enabled: !options.readonly },
    isSilentMode: options.readonly,
    stopScrollGraph: false,
    snapline: true,
    // no z-order shuffling on selection: re-ordering a node remounts it and drops an edge being drawn from it
    overlapMode: -1,
    edgeType: EDGE_TYPE,
    edgeTextDraggable: true,
    plugins: [DndPanel, MiniMap, Menu, SelectionSelect, Snapshot],
    pluginsOptions: { miniMap: { width: 200, height: 130, rightPosition: 12, bottomPosition: 12, isShowHeader: false } },
    idGenerator: (type?: string) => nextId(type === EDGE_TYPE || !type ? 'edge' : (kindOfType(type) ?? 'step'), taken()),
  } as ConstructorParameters<typeof LogicFlow>[0])
  // An edge finds its nodes through `graphModel.nodesMap`, a mobx computed that rebuilds a map of
  // every node on each read made outside a reaction: quadratic while a large graph is built or
  // decorated. Observed, it is cached and rebuilt only when the nodes change (lf-speedups.ts).
  const stopNodesMap = reaction(() => lf.graphModel.nodesMap, () => undefined)
  Object.assign(nodeLabels, options.labels.marks)
  registerFlowNodes(lf)
  /** Fits the flow into view, never above 100 %, clear of the node panel on the left. */
  function fit(): void {
    lf.fitView(120, 380)
    const { SCALE_X } = lf.graphModel.transformModel
    if (SCALE_X > 1) lf.zoom(1, [lf.graphModel.width / 2, lf.graphModel.height / 2])
    lf.translate(60, 0)
  }
  const ext = lf.extension as Record<string, unknown> & {
    dndPanel: DndPanel
    miniMap: MiniMap
    menu: Menu
    selectionSelect: SelectionSelect
  }

  if (!options.readonly) {
    ext.dndPanel.setPatternItems([
      { label: options.labels.selectBox, className: 'sl-dnd-select', icon: 'data:image/svg+xml;utf8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="24"><rect x="3" y="3" width="24" height="18" fill="none" stroke="#909399" stroke-dasharray="3 2" stroke-width="2"/></svg>'), callback: () => ext.selectionSelect.openSelectionSelect() },
      ...(['start', 'step', 'exclusive', 'parallel', 'end'] as FlowKind[]).map((kind) => ({
        type: NODE_TYPE[kind],
        label: options.labels[kind],
        text: defaultNode(kind, 'x').name,
        icon: ICONS[kind],
        className: `sl-dnd-${kind}`,
      })),
    ])
    ext.menu.setMenuConfig({
      nodeMenu: [{ text: options.labels.delete, callback: (node: { id: string }) => lf.deleteNode(node.id) }],
      edgeMenu: [{ text: options.labels.delete, callback: (edge: { id: string }) => lf.deleteEdge(edge.id) }],
      graphMenu: [
        { text: options.labels.selectBox, callback: () => ext.selectionSelect.openSelectionSelect() },
        { text: options.labels.fit, callback: () => fit() },
      ],
    })
  } else ext.menu.setMenuConfig({ nodeMenu: false, edgeMenu: false, graphMenu: false })

  lf.on('node:dnd-add', ({ data }: { data: { id: string; type: string } }) => {
    const kind = kindOfType(data.type)
    if (kind) lf.setProperties(data.id, { data: packData(defaultNode(kind, data.id)) })
    options.onSelect({ kind: 'node', id: data.id })
  })
  lf.on('selection:selected', () => ext.selectionSelect.closeSelectionSelect())
  lf.on('node:click', ({ data }: { data: { id: string } }) => options.onSelect({ kind: 'node', id: data.id }))
  lf.on('edge:click', ({ data }: { data: { id: string } }) => options.onSelect({ kind: 'edge', id: data.id }))
  lf.on('edge:add', ({ data }: { data: { id: string } }) => options.onSelect({ kind: 'edge', id: data.id }))
  lf.on('blank:click', () => options.onSelect(null))
  // Anchors stay mounted from the press to the drop (anchor-hold.ts explains the LogicFlow cause).
  const hold = createAnchorHold(document)
  lf.on('anchor:mousedown', ({ nodeModel }: { nodeModel: object }) => hold.press(nodeModel as Holdable))
  lf.on('anchor:dragstart', () => hold.dragStarted())
  lf.on('anchor:dragend', () => {
    hold.dragEnded()
    options.onIdle?.()
  })
  // No history snapshot of the whole graph while the pointer is pressed on the canvas (a pan moves
  // no element; a dragged node already suspends it): one snapshot after the release (lf-speedups.ts).
  let pressed = false
  const resumeHistory = quietHistoryWhile(lf.graphModel, () => pressed, (data) => lf.history.add(data as never))
  const press = () => (pressed = true)
  let historyWaiting = false
  /** Starts the undo history of a freshly drawn large flow; never in the middle of a drag. */
  function attachHistory(): void {
    if (destroyed) return
    if (pressed) {
      historyWaiting = true
      return
    }
    historyWaiting = false
    lf.history.watch(lf.graphModel)
  }
  const release = () => {
    if (!pressed) return
    pressed = false
    setTimeout(historyWaiting ? attachHistory : resumeHistory, 0)
  }
  options.container.addEventListener('pointerdown', press, true)
  window.addEventListener('pointerup', release, true)
  window.addEventListener('pointercancel', release, true)
  lf.on('history:change', ({ data }: { data: { undoAble: boolean; redoAble: boolean } }) => {
    options.onHistory({ undo: data.undoAble, redo: data.redoAble })
    options.onChange()
  })

  return {
    lf,
    render(graph) {
      large = graph.nodes.length > LARGE_FLOW
      lf.graphModel.setPartial(large)
      // A large flow is drawn first and its undo history attached right after (the history's first
      // step serialises every element and deep-observes the model: 0.3 s at 1,000 nodes).
      if (!large) {
        lf.render(graph as unknown as LogicFlow.GraphConfigData)
        ext.miniMap.show()
        return
      }
      const opts = lf.options as { history?: boolean }
      opts.history = false
      // ...and the graph:rendered event, which none of our plugins reads, gets its data lazily.
      lf.graphModel.modelToGraphData = lazyGraphData(lf.graphModel)
      try {
        lf.render(graph as unknown as LogicFlow.GraphConfigData)
      } finally {
        delete (lf.graphModel as { modelToGraphData?: unknown }).modelToGraphData // back to the prototype's
        opts.history = true
      }
      whenIdle(attachHistory)
      ext.miniMap.hide()
    },
    get large() {
      return large
    },
    initialView() {
      if (!large) return fit()
      const g = lf.graphModel
      const first = g.nodes.find((n) => String(n.type) === NODE_TYPE.start) ?? g.nodes[0]
      lf.resetZoom()
      lf.resetTranslate()
      if (first) lf.translate(420 - first.x, 160 - first.y)
    },
    getGraph: () => lf.getGraphRawData() as unknown as GraphData,
    decorate(views) {
      const models = new Map<string, { getProperties(): Record<string, unknown>; setProperties(p: object): void }>()
      for (const m of lf.graphModel.nodes) models.set(m.id, m)
      for (const m of lf.graphModel.edges) models.set(m.id, m)
      for (const [id, view] of views) {
        const m = models.get(id)
        if (!m) continue
        const props = m.getProperties()
        if (JSON.stringify(props.view ?? {}) !== JSON.stringify(view)) m.setProperties({ ...props, view })
      }
    },
    get busy() {
      return hold.busy
    },
    setData(id, data, text) {
      const m = lf.getModelById(id)
      if (!m) return
      m.setProperties({ ...m.getProperties(), data: packData(data as FlowNode | FlowEdge), ...('from' in data ? { dashed: (data as FlowEdge).default === true } : {}) })
      if (text !== undefined && (m.text?.value ?? '') !== text) lf.updateText(id, text)
    },
    undo: () => lf.undo(),
    redo: () => lf.redo(),
    zoom: (delta) => void lf.zoom(delta > 0),
    fit,
    snapshot: (fileName) => (lf as unknown as { getSnapshot(n: string, o: object): Promise<void> }).getSnapshot(fileName, { fileType: 'png', backgroundColor: '#ffffff', padding: 30 }),
    relayout(positions) {
      const g = lf.getGraphRawData() as unknown as GraphData
      lf.render({ ...g, nodes: g.nodes.map((n) => ({ ...n, x: positions[n.id]?.x ?? n.x, y: positions[n.id]?.y ?? n.y, text: typeof n.text === 'object' ? n.text.value : n.text })), edges: g.edges.map((e) => ({ ...e, pointsList: undefined, startPoint: undefined, endPoint: undefined, sourceAnchorId: undefined, targetAnchorId: undefined, text: typeof e.text === 'object' ? e.text.value : e.text })) } as unknown as LogicFlow.GraphConfigData)
      fit()
    },
    focus(id) {
      lf.clearSelectElements()
      lf.selectElementById(id)
      if (lf.getNodeModelById(id)) lf.focusOn({ id })
    },
    selectBox: () => ext.selectionSelect.openSelectionSelect(),
    toggleMiniMap: (show) => (show ? ext.miniMap.show() : ext.miniMap.hide()),
    deleteSelection() {
      const { nodes, edges } = lf.getSelectElements(true)
      edges.forEach((e: { id: string }) => lf.deleteEdge(e.id))
      nodes.forEach((n: { id: string }) => lf.deleteNode(n.id))
    },
    setReadonly(flag) {
      lf.updateEditConfig({ isSilentMode: flag })
      const panel = (ext.dndPanel as unknown as { panelEl?: HTMLElement }).panelEl
      if (panel) panel.style.display = flag ? 'none' : ''
    },
    destroy() {
      destroyed = true
      stopNodesMap()
      options.container.removeEventListener('pointerdown', press, true)
      window.removeEventListener('pointerup', release, true)
      window.removeEventListener('pointercancel', release, true)
      lf.destroy()
    },
  }
}
