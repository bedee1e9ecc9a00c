import type { DiscretionStandard, FineSpec } from '@sunlight/definition'
import { fineBand, type Band } from '@sunlight/engine'
import { evaluateExpression, parseExpression, referencedPaths } from '@sunlight/expression'

export interface GradeResult {
  id: string
  name: string
  /** true / false when the grade has a condition; null without one; an error text when it failed. */
  applies: boolean | null | string
  band?: Band
  /** Why there is no band (a base figure is missing). */
  missing?: string
}

/** Form fields the calculator needs as sample facts: the ratio/per-unit bases and what conditions read. */
export function factFields(std: DiscretionStandard): string[] {
  const out = new Set<string>()
  for (const g of std.grades) {
    if (g.fine.kind === 'ratio') out.add(g.fine.baseField)
    if (g.fine.kind === 'perUnit') out.add(g.fine.quantityField)
    if (!g.condition) continue
    const parsed = parseExpression(g.condition)
    if (!parsed.ok) continue
    for (const p of referencedPaths(parsed.ast)) {
      const [root, field] = p.split('.')
      if (root === 'form' && field) out.add(field)
      else if (root && root !== 'form') out.add(root)
    }
  }
  return [...out]
}

const baseOf = (fine: FineSpec) => (fine.kind === 'ratio' ? fine.baseField : fine.kind === 'perUnit' ? fine.quantityField : undefined)

/**
 * For sample facts: which grades apply (their conditions run in the safe evaluator, with the form
 * both as `form.x` and as bare names, as the engine reads them) and the fine range each allows.
 */
export function calculate(std: DiscretionStandard, facts: Record<string, unknown>): GradeResult[] {
  const scope = { ...facts, form: facts }
  return std.grades.map((g) => {
    let applies: GradeResult['applies'] = null
    if (g.condition) {
      const r = evaluateExpression(g.condition, scope)
      applies = r.ok ? r.value === true : r.error.messageZh
    }
    const band = fineBand(g.fine, facts)
    return { id: g.id, name: g.name, applies, ...(band ? { band } : { missing: baseOf(g.fine) }) }
  })
}

/** Whether an amount lies in the band of the grade that applies (the engine warns at once when not). */
export function amountVerdict(results: readonly GradeResult[], amount: number | undefined): { grade?: string; inBand?: boolean } {
  const hit = results.find((r) => r.applies === true) ?? (results.length === 1 ? results[0] : undefined)
  if (!hit || amount === undefined || !hit.band) return { grade: hit?.id }
  return { grade: hit.id, inBand: amount >= hit.band.min && amount <= hit.band.max }
}
