import type { Calendar } from '@sunlight/calendar'
import type { PowerItemDefinition } from '@sunlight/definition'
import { evaluateExpression } from '@sunlight/expression'
import { caseClocks } from './clocks'
import { caseFactsOf } from './facts'
import type { CaseEvent, CaseState, MonitoringHit } from './types'

/** The key under which a point is remembered as fired: once per case × rule × definition version. */
export const firedKey = (point: string, version: number) => `${point}@v${version}`

/**
 * Which of the definition's monitoring points fire for this event (or, with no event, at this
 * instant — the scheduler's call). A point with `on` only fires for that event type; a point
 * that has fired for this case and definition version never fires again.
 */
export function firingPoints(
  def: PowerItemDefinition,
  state: CaseState,
  event: CaseEvent | undefined,
  now: number,
  cal: Calendar,
): MonitoringHit[] {
  const hits: MonitoringHit[] = []
  const candidates = def.monitoringPoints.filter((p) => {
    if (p.on !== undefined && p.on !== event?.type) return false
    // A point on a step: an event-triggered point fires only for events at that step; a time
    // point is evaluated while the step is open (or for the event that just left it).
    if (p.node !== undefined) {
      if (p.on !== undefined && event?.node !== p.node) return false
      if (p.on === undefined && event?.node !== p.node && !state.tasks.some((t) => t.node === p.node)) return false
    }
    return !state.firedPoints.includes(firedKey(p.id, state.definitionVersion))
  })
  // Facts and clocks only when some point is left to evaluate: most events concern none.
  if (candidates.length === 0) return hits
  const facts = caseFactsOf(def, state, now, cal)
  const clocks = caseClocks(def, state, now, cal)
  for (const p of candidates) {
    const stepClock = p.node ? clocks.clocks.find((c) => c.kind === 'step' && c.node === p.node) : undefined
    const scope = {
      form: state.form,
      case: facts,
      item: { name: def.item.name, category: def.item.category },
      event: event
        ? { type: event.type, operation: event.operation, actor: event.actor.id, post: event.post, node: event.node, reason: event.reason ?? '', opinion: event.opinion ?? '', at: event.at }
        : {},
      step: stepClock
        ? { node: p.node, level: stepClock.level, overdue: stepClock.level === 'yellow' || stepClock.level === 'red' }
        : { node: p.node, level: 'normal', overdue: false },
    }
    const r = evaluateExpression(p.expression, scope)
    if (r.ok && r.value === true)
      hits.push({ point: p.id, name: p.name, level: p.level, mode: p.mode, message: renderMessage(p.message ?? p.name, { case: facts, form: state.form }) })
  }
  return hits
}

/** Substitutes {{case.x}} / {{form.x}} as plain text. Nothing in a template is ever executed. */
export function renderMessage(template: string, data: Record<string, Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([a-z]+)\.([A-Za-z0-9_.]+)\s*\}\}/g, (_m, root: string, path: string) => {
    let cur: unknown = data[root]
    for (const seg of path.split('.')) {
      if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return ''
      cur = (cur as Record<string, unknown>)[seg]
    }
    return cur === undefined || cur === null ? '' : String(cur)
  })
}
