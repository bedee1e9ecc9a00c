/**
 * Global supervision rules (issue 7 §1; domain.md §5.2 DZJC defaults): each rule has a level, a
 * threshold in days relative to a limit (negative = before it), a way of issuing (automatic or held
 * for manual confirmation) and a message template filled with case facts. Templates are filled
 * as text: placeholders are looked up, never evaluated.
 */

export interface RuleLike {
  id: string
  kind: string
  level: 'warning' | 'yellow' | 'red'
  /** Days relative to the limit the rule watches; −2 = two working days before, 1 = one day past. */
  offsetDays?: number | null
  /** The limit the offset counts from (promised, statutory, due…), when the rule watches one. */
  limit?: string | null
  /** Counted thresholds (补正 more than N times…). */
  threshold?: number | null
  mode: 'auto' | 'manual'
  enabled: boolean
  template: string
}

export const TEMPLATE_FACTS = ['caseNo', 'itemName', 'department', 'applicant', 'dueDay', 'overdueDays', 'step'] as const

const PLACEHOLDER = /\{(\w+)\}/g

/** The placeholders of a template that are not case facts. */
export function unknownPlaceholders(template: string): string[] {
  const out = new Set<string>()
  for (const m of template.matchAll(PLACEHOLDER)) if (!(TEMPLATE_FACTS as readonly string[]).includes(m[1]!)) out.add(m[1]!)
  return [...out]
}

/** A template with its placeholders replaced by the facts (unknown ones stay as written). */
export function fillTemplate(template: string, facts: Partial<Record<(typeof TEMPLATE_FACTS)[number], string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = (facts as Record<string, string | number | undefined>)[name]
    return v === undefined ? whole : String(v)
  })
}

/** Problems of an edited rule, as i18n keys with named values. */
export function ruleProblems(rule: RuleLike): { key: string; named?: Record<string, unknown> }[] {
  const out: { key: string; named?: Record<string, unknown> }[] = []
  if (rule.offsetDays !== undefined && rule.offsetDays !== null && (!Number.isInteger(rule.offsetDays) || Math.abs(rule.offsetDays) > 365)) out.push({ key: 'sv.rule.badOffset' })
  if (rule.threshold !== undefined && rule.threshold !== null && (!Number.isInteger(rule.threshold) || rule.threshold < 1 || rule.threshold > 100)) out.push({ key: 'sv.rule.badThreshold' })
  if (!rule.template.trim()) out.push({ key: 'sv.rule.needTemplate' })
  if (rule.template.length > 300) out.push({ key: 'sv.rule.longTemplate' })
  const unknown = unknownPlaceholders(rule.template)
  if (unknown.length) out.push({ key: 'sv.rule.unknownFacts', named: { names: unknown.join('、') } })
  return out
}

/**
 * Within one kind, levels must escalate in time: 预警 before 黄牌 before 红牌 when they count from
 * the same limit (黄牌 counts from the promised limit, 红牌 from the statutory one: not compared). Returns the kinds that do not.
 */
export function escalationProblems(rules: readonly RuleLike[]): string[] {
  const rank = { warning: 0, yellow: 1, red: 2 }
  const bad = new Set<string>()
  const byKind = new Map<string, RuleLike[]>()
  for (const r of rules) {
    if (!r.enabled || typeof r.offsetDays !== 'number') continue
    const key = `${r.kind}\u0000${r.limit ?? ''}`
    byKind.set(key, [...(byKind.get(key) ?? []), r])
  }
  for (const [key, list] of byKind) {
    const kind = key.split('\u0000')[0] as string
    const sorted = [...list].sort((a, b) => rank[a.level] - rank[b.level])
    for (let i = 1; i < sorted.length; i++) if ((sorted[i]!.offsetDays as number) < (sorted[i - 1]!.offsetDays as number)) bad.add(kind)
  }
  return [...bad]
}
