import type { Diagnostic, PowerItemDefinition } from '@sunlight/definition'
import { diagnosticsByElement } from '../../items/lib/diagnostic-target'
import type { NodeView } from './graph-mapping'

export interface ViewLabels {
  post: (code: string) => string
  limit: (value: number, unit: 'workdays' | 'days') => string
  message: (d: Diagnostic) => string
}

/** The decoration of every node and edge: subtitle, badges, public/internal, diagnostics. */
export function flowViews(def: PowerItemDefinition, diagnostics: readonly Diagnostic[], labels: ViewLabels): Map<string, NodeView> {
  const out = new Map<string, NodeView>()
  const issues = diagnosticsByElement(diagnostics, def)
  const count = (list: readonly { node?: string }[], id: string) => list.filter((p) => p.node === id).length
  for (const n of def.flow.nodes) {
    const view: NodeView = {}
    if (n.type === 'step') {
      const parts = [labels.post(n.post), labels.limit(n.limit.value, n.limit.unit)]
      if (n.countersign) parts.push(n.countersign.mode === 'all' ? '会签' : '或签')
      view.subtitle = parts.join(' · ')
      view.monitoring = count(def.monitoringPoints, n.id)
      view.risk = count(def.riskPoints, n.id)
      view.internal = n.public === false
      view.acceptance = n.kind === 'acceptance'
    }
    decorate(view, issues.get(n.id), labels)
    out.set(n.id, view)
  }
  for (const e of def.flow.edges) {
    const view: NodeView = {}
    decorate(view, issues.get(e.id), labels)
    out.set(e.id, view)
  }
  return out
}

function decorate(view: NodeView, list: Diagnostic[] | undefined, labels: ViewLabels): void {
  if (!list?.length) return
  view.severity = list.some((d) => d.severity === 'error') ? 'error' : 'warning'
  view.issues = list.map(labels.message)
}
