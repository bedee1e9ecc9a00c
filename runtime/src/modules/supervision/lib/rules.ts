/**
 * Global supervision rules (issue 7 §1; domain.md §5.2 DZJC): a level, a trigger (a clock level, a
 * count over a threshold, a missing reason, …), a way of issuing (automatic or held for manual
 * confirmation), a feedback deadline and a message template filled with case facts. The shapes
 * follow server/src/services/supervision-model.ts; the server validates again. Templates are filled
 * as text: placeholders are looked up, never evaluated.
 */

export type Trigger =
  | { type: 'clock'; clock: string; level: 'warning' | 'yellow' | 'red' }
  | { type: 'monitoringPoint' }
  | { type: 'request'; request: 'consultation' | 'complaint'; days: number }
  | { type: 'ratingFollowUp'; days: number }
  | { type: 'orderOverdue'; days: number }
  | { type: 'count'; counter: string; threshold: number }
  | { type: 'missingReason'; operations: string[] }
  | { type: 'acceptedIncomplete' }
  | { type: 'sameHandler'; acceptanceVsDecision?: boolean }
  | { type: 'builtin'; point: string }

export interface RuleLike {
  id: string
  name: string
  kind: 'time' | 'flow' | 'content'
  level: 'warning' | 'yellow' | 'red'
  mode: 'auto' | 'manual'
  enabled: boolean
  trigger: Trigger
  template: string
  feedbackDays?: number
  condition?: string
}

/** Roots a template may name: {{case.caseNo}}, {{item.name}}, {{department.name}}… */
export const TEMPLATE_ROOTS = ['case', 'item', 'rule', 'level', 'department', 'source', 'request'] as const

const PLACEHOLDER = /\{\{\s*([a-z]+)\.([A-Za-z0-9_.]+)\s*\}\}/g

/** The placeholders of a template whose root is not a known fact. */
export function unknownPlaceholders(template: string): string[] {
  const out = new Set<string>()
  for (const m of template.matchAll(PLACEHOLDER)) if (!(TEMPLATE_ROOTS as readonly string[]).includes(m[1]!)) out.add(`${m[1]}.${m[2]}`)
  return [...out]
}

/** A template with its placeholders replaced by the facts (`{ 'case.caseNo': … }`); unknown ones stay as written. */
export function fillTemplate(template: string, facts: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, root: string, path: string) => {
    const v = Object.prototype.hasOwnProperty.call(facts, `${root}.${path}`) ? facts[`${root}.${path}`] : undefined
    return v === undefined ? whole : String(v)
  })
}

/** The number a supervisor tunes on a rule: days past a due instant, or a count threshold. */
export function tunable(trigger: Trigger): { field: 'days' | 'threshold'; value: number } | undefined {
  if (trigger.type === 'request' || trigger.type === 'ratingFollowUp' || trigger.type === 'orderOverdue') return { field: 'days', value: trigger.days }
  if (trigger.type === 'count') return { field: 'threshold', value: trigger.threshold }
  return undefined
}

/** Problems of an edited rule, as i18n keys with named values (the same bounds as the server's schema). */
export function ruleProblems(rule: RuleLike): { key: string; named?: Record<string, unknown> }[] {
  const out: { key: string; named?: Record<string, unknown> }[] = []
  const t = tunable(rule.trigger)
  if (t?.field === 'days' && (!Number.isInteger(t.value) || t.value < (rule.trigger.type === 'orderOverdue' ? 0 : -30) || t.value > 365)) out.push({ key: 'sv.rule.badDays' })
  if (t?.field === 'threshold' && (!Number.isInteger(t.value) || t.value < 0 || t.value > 100)) out.push({ key: 'sv.rule.badThreshold' })
  if (rule.feedbackDays !== undefined && (!Number.isInteger(rule.feedbackDays) || rule.feedbackDays < 1 || rule.feedbackDays > 365)) out.push({ key: 'sv.rule.badFeedbackDays' })
  if (!rule.name.trim()) out.push({ key: 'sv.rule.needName' })
  if (!rule.template.trim()) out.push({ key: 'sv.rule.needTemplate' })
  if (rule.template.length > 500) out.push({ key: 'sv.rule.longTemplate' })
  const unknown = unknownPlaceholders(rule.template)
  if (unknown.length) out.push({ key: 'sv.rule.unknownFacts', named: { names: unknown.join('、') } })
  return out
}

/**
 * For one clock, 预警 must fire no later than 黄牌 and 黄牌 no later than 红牌: enabled clock rules
 * whose level order contradicts the clock level they listen to. Returns the offending rule ids.
 */
export function levelMismatches(rules: readonly RuleLike[]): string[] {
  const rank = { warning: 1, yellow: 2, red: 3 }
  return rules.filter((r) => r.enabled && r.trigger.type === 'clock' && rank[r.level] < rank[r.trigger.level]).map((r) => r.id)
}

/** A rule as PUT /api/supervision/rules takes it: the server's read-only fields (version, updatedAt…) left out. */
export function toRuleInput(rule: RuleLike & Record<string, unknown>): RuleLike {
  const out: RuleLike = { id: rule.id, name: rule.name.trim(), kind: rule.kind, enabled: rule.enabled, level: rule.level, mode: rule.mode, trigger: rule.trigger, template: rule.template.trim() }
  if (rule.feedbackDays !== undefined) out.feedbackDays = rule.feedbackDays
  if (rule.condition) out.condition = rule.condition
  return out
}

/** A copy of a trigger with its tunable number changed. */
export function withTunable(trigger: Trigger, value: number): Trigger {
  if (trigger.type === 'request' || trigger.type === 'ratingFollowUp' || trigger.type === 'orderOverdue') return { ...trigger, days: value }
  if (trigger.type === 'count') return { ...trigger, threshold: value }
  return trigger
}
