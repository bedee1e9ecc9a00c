import { collectFormFields, type Diagnostic, type PowerItemDefinition } from '@sunlight/definition'
import { atPointer, parsePointer } from './pointer'

export const editorTabs = ['basic', 'materials', 'form', 'flow', 'limits', 'monitoring', 'discretion', 'documents', 'responsibilities', 'simulation'] as const
export type EditorTab = (typeof editorTabs)[number]

/** Where in the editor a diagnostic is fixed: the tab, and the node, edge or form field it names. */
export interface DiagnosticTarget {
  tab: EditorTab
  pointer: string
  nodeId?: string
  edgeId?: string
  /** Data path of a form field (`applicant.name`), for the form designer to select. */
  fieldKey?: string
  /** Index into a list of the tab (material, monitoring point, document…). */
  index?: number
}

const ITEM_TABS: Record<string, EditorTab> = {
  materials: 'materials',
  responsibilities: 'responsibilities',
  statutoryLimit: 'limits',
  promisedLimit: 'limits',
  caseType: 'limits',
}
const TOP_TABS: Record<string, EditorTab> = {
  timeLimits: 'limits',
  monitoringPoints: 'monitoring',
  riskPoints: 'monitoring',
  discretion: 'discretion',
  documents: 'documents',
  layout: 'flow',
  flow: 'flow',
  form: 'form',
}

const idAt = (def: unknown, pointer: string): string | undefined => {
  const v = atPointer(def, pointer)
  return v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : undefined
}

export function targetOf(path: string, def: PowerItemDefinition | unknown): DiagnosticTarget {
  const segs = parsePointer(path)
  const [top, second, third] = segs
  if (top === 'item') {
    const tab = ITEM_TABS[second ?? ''] ?? 'basic'
    return { tab, pointer: path, ...(tab === 'materials' && third !== undefined ? { index: Number(third) } : {}) }
  }
  const tab = TOP_TABS[top ?? ''] ?? 'basic'
  const target: DiagnosticTarget = { tab, pointer: path }
  if (top === 'flow' && second === 'nodes' && third !== undefined) target.nodeId = idAt(def, `/flow/nodes/${third}`)
  if (top === 'flow' && second === 'edges' && third !== undefined) target.edgeId = idAt(def, `/flow/edges/${third}`)
  if (top === 'layout' && (second === 'nodes' || second === 'edges') && third !== undefined) {
    if (second === 'nodes') target.nodeId = third
    else target.edgeId = third
  }
  if ((top === 'monitoringPoints' || top === 'riskPoints' || top === 'documents' || top === 'discretion') && second !== undefined) target.index = Number(second)
  if (top === 'form') {
    const form = (def as { form?: unknown } | undefined)?.form
    const fields = collectFormFields(form).sort((a, b) => b.pointer.length - a.pointer.length)
    const field = fields.find((f) => path === f.pointer || path.startsWith(f.pointer + '/'))
    if (field) target.fieldKey = field.path
  }
  return target
}

/** Diagnostics grouped by the flow node (or edge) they concern, for outlining on the canvas. */
export function diagnosticsByElement(diagnostics: readonly Diagnostic[], def: PowerItemDefinition): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>()
  const add = (id: string | undefined, d: Diagnostic) => {
    if (!id) return
    const list = out.get(id) ?? []
    list.push(d)
    out.set(id, list)
  }
  for (const d of diagnostics) {
    const t = targetOf(d.path, def)
    if (t.nodeId || t.edgeId) add(t.nodeId ?? t.edgeId, d)
    else if (t.tab === 'monitoring' && t.index !== undefined) {
      const list = d.path.startsWith('/riskPoints') ? def.riskPoints : def.monitoringPoints
      add(list?.[t.index]?.node, d)
    } else if (d.path.startsWith('/flow/') && /"([A-Za-z][\w-]*)"/.test(d.message)) {
      // graph-level messages name their node: 'no end can be reached from node "x"'
      const named = /node "([^"]+)"|step "([^"]+)"|gateway "([^"]+)"/.exec(d.message)
      add(named?.[1] ?? named?.[2] ?? named?.[3], d)
    }
  }
  return out
}
