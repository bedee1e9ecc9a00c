import { cloneJson } from '../../../lib/clone-json'
import type { Diagnostic } from '@sunlight/definition'
import { onBeforeUnmount, ref, shallowRef, toRaw, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { dictLabel } from '../../../i18n'
import { useDraftStore } from '../../../stores/draft'
import { autoLayout } from '../lib/auto-layout'
import type { FlowCanvas } from '../lib/flow-canvas'
import { definitionToGraph, edgeLabel, graphToDefinition, type NodeView } from '../lib/graph-mapping'
import { flowViews } from '../lib/node-views'
import { diagnosticText } from '../../items/lib/humanize'

const SYNC_MS = 120

/** LogicFlow (the largest chunk of the designer), fetched as soon as the flow tab's code is. */
let canvasModule: Promise<typeof import('../lib/flow-canvas')> | undefined
const loadCanvasModule = () => (canvasModule ??= import('../lib/flow-canvas'))
loadCanvasModule().catch(() => (canvasModule = undefined)) // mount() retries and reports

/**
 * Wires the LogicFlow canvas to the draft: canvas edits are mapped back into the definition,
 * panel edits are pushed onto the canvas, and diagnostics, badges and labels are redrawn as
 * decoration. LogicFlow itself is loaded on first use (it is the largest part of the designer).
 */
export function useFlowCanvas(container: Ref<HTMLElement | null>) {
  const draft = useDraftStore()
  const { t, locale } = useI18n()
  const canvas = shallowRef<FlowCanvas | null>(null)
  const selection = ref<{ kind: 'node' | 'edge'; id: string } | null>(null)
  const history = ref({ undo: false, redo: false })
  const loading = ref(true)
  const error = ref('')
  /** How many nodes the canvas holds once drawn (data-nodes on the canvas: tests and the bench wait for it). */
  const drawn = ref(0)
  let syncTimer: ReturnType<typeof setTimeout> | undefined

  const message = (d: Diagnostic) => diagnosticText(d, draft.definition, locale.value === 'en-US')
  // Read through toRaw: decoration only reads the definition, and a 1,000-node flow read through
  // Vue's reactive proxies costs seconds (issue #5 bench).
  const views = () =>
    draft.definition
      ? flowViews(toRaw(draft.definition), draft.diagnostics, {
          post: (c) => dictLabel('post', c),
          limit: (v, u) => t(u === 'workdays' ? 'flow.limitWorkdays' : 'flow.limitDays', { n: v }),
          message,
        })
      : new Map<string, NodeView>()

  /** Redraws decoration that differs from what the canvas shows (never during an anchor drag). */
  function redecorate(): void {
    const c = canvas.value
    if (!c || c.busy) return
    c.decorate(views())
  }

  function syncFromCanvas(): void {
    clearTimeout(syncTimer)
    const c = canvas.value
    const def = draft.definition
    if (!c || !def || draft.readonly) return
    const { flow, layout } = graphToDefinition(c.getGraph(), def.flow)
    if (JSON.stringify(flow) !== JSON.stringify(def.flow)) def.flow = flow
    const prev = def.layout ?? { nodes: {}, edges: {} }
    // Node positions and edge routes (bend points the designer shaped) are saved with the flow.
    if (JSON.stringify(layout.nodes) !== JSON.stringify(prev.nodes) || JSON.stringify(layout.edges) !== JSON.stringify(prev.edges ?? {})) def.layout = { ...prev, nodes: layout.nodes, edges: layout.edges }
    queueMicrotask(redecorate)
  }

  async function mount(): Promise<void> {
    if (!container.value || !draft.definition) return
    try {
      const { createFlowCanvas } = await loadCanvasModule()
      if (!container.value) return
      canvas.value = createFlowCanvas({
        container: container.value,
        readonly: draft.readonly,
        labels: {
          start: t('flow.kinds.start'),
          step: t('flow.kinds.step'),
          exclusive: t('flow.kinds.exclusive'),
          parallel: t('flow.kinds.parallel'),
          end: t('flow.kinds.end'),
          delete: t('app.delete'),
          copy: t('form.copy'),
          selectBox: t('flow.selectBox'),
          fit: t('flow.fit'),
          marks: { acceptance: t('flow.marks.acceptance'), internal: t('flow.marks.internal'), monitoring: t('flow.step.monitoringBadge'), risk: t('flow.step.riskBadge') },
        },
        onChange: () => {
          clearTimeout(syncTimer)
          syncTimer = setTimeout(syncFromCanvas, SYNC_MS)
        },
        onSelect: (s) => (selection.value = s),
        onHistory: (h) => (history.value = h),
        onIdle: () => queueMicrotask(redecorate),
      })
      // the views once for the whole graph (per node it was quadratic: seconds at 1,000 nodes)
      const decoration = views()
      canvas.value.render(definitionToGraph(toRaw(draft.definition), (id) => decoration.get(id) ?? {}))
      canvas.value.initialView()
      drawn.value = draft.definition.flow.nodes.length
    } catch (e) {
      error.value = String((e as Error).message ?? e)
    } finally {
      loading.value = false
    }
  }

  watch(() => [draft.diagnostics, draft.definition?.monitoringPoints, draft.definition?.riskPoints, locale.value], () => redecorate(), { deep: true })
  watch(
    () => draft.readonly,
    (ro) => canvas.value?.setReadonly(ro),
  )
  // the whole definition was replaced (a restored browser copy, a reload): draw it afresh
  watch(
    () => draft.definition,
    (def, old) => {
      if (!def || !old || def === old || !canvas.value) return
      const decoration = views()
      canvas.value.render(definitionToGraph(toRaw(def), (id) => decoration.get(id) ?? {}))
    },
  )

  /** Pushes a panel edit of a node or edge onto the canvas (an undo step there). */
  function pushData(id: string): void {
    const def = draft.definition
    const c = canvas.value
    if (!def || !c) return
    const node = def.flow.nodes.find((n) => n.id === id)
    if (node) return c.setData(id, cloneJson(node), node.name)
    const edge = def.flow.edges.find((e) => e.id === id)
    if (edge) c.setData(id, cloneJson(edge), edgeLabel(edge))
  }

  function layoutNow(): void {
    if (!draft.definition || !canvas.value) return
    canvas.value.relayout(autoLayout(draft.definition.flow))
  }

  onBeforeUnmount(() => {
    clearTimeout(syncTimer)
    syncFromCanvas()
    canvas.value?.destroy()
    canvas.value = null
  })

  return { canvas, selection, history, loading, error, drawn, mount, pushData, layoutNow, syncFromCanvas }
}
