import { defaultDictionaries, dictionaryLabel } from '@sunlight/definition'
import type { ClockLevel, SimulationResult } from '@sunlight/engine'

export interface SimulationSummary {
  status: string
  result?: string
  promisedDue?: string
  statutoryDue?: string
  concludedAt?: string
  worstLevel: ClockLevel
  /** Calendar days the case spent paused (补正, special procedures, suspensions). */
  pauses: number
  warnings: number
}

const RANK: Record<ClockLevel, number> = { normal: 0, warning: 1, yellow: 2, red: 3 }
const DAY = 86_400_000

/** The headline of a run: where it ended, its last deadlines, the worst level it reached, what fired. */
export function summarize(result: SimulationResult): SimulationSummary {
  let worst: ClockLevel = 'normal'
  let promisedDue: string | undefined
  let statutoryDue: string | undefined
  let warnings = 0
  for (const e of result.entries) {
    for (const l of [e.level, e.stepLevel]) if (RANK[l] > RANK[worst]) worst = l
    for (const c of e.clocks) {
      if (c.kind === 'promised' && c.due) promisedDue = c.due
      if (c.kind === 'statutory' && c.due) statutoryDue = c.due
    }
    warnings += e.warnings.length
  }
  const state = result.state
  const pauses = (state?.pauses ?? []).reduce((sum, p) => sum + Math.ceil(((p.to ?? p.from) - p.from) / DAY), 0)
  return {
    status: state?.status ?? 'none',
    ...(state?.result ? { result: dictionaryLabel(defaultDictionaries.result, state.result) ?? state.result } : {}),
    ...(promisedDue ? { promisedDue } : {}),
    ...(statutoryDue ? { statutoryDue } : {}),
    ...(state?.status === 'concluded' ? { concludedAt: result.entries[result.entries.length - 1]?.at } : {}),
    worstLevel: worst,
    pauses,
    warnings,
  }
}
