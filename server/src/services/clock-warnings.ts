import type { Calendar } from '@sunlight/calendar'
import type { Level, PowerItemDefinition } from '@sunlight/definition'
import { caseClocks, type CaseState, type ClockKind, type ClockReport } from '@sunlight/engine'

/**
 * Which clock levels a case has reached but not yet raised (pure; shared by the scheduler, which
 * raises them, and the case projection, which makes such a case due at once).
 */

const LEVELS: readonly Level[] = ['warning', 'yellow', 'red']
/** The levels each clock has (engine clocks.ts): the promised clock warns and cards yellow, the statutory one cards red. */
const LEVELS_OF: Partial<Record<ClockKind, readonly Level[]>> = {
  promised: ['warning', 'yellow'],
  statutory: ['red'],
  step: LEVELS,
  specialProcedure: LEVELS,
  preAcceptance: LEVELS,
}
export const LEVEL_ZH: Record<Level, string> = { warning: '预警', yellow: '黄牌', red: '红牌' }
export const CLOCK_ZH: Partial<Record<ClockKind, string>> = {
  promised: '承诺时限',
  statutory: '法定时限',
  step: '环节时限',
  specialProcedure: '特别程序时限',
  preAcceptance: '预受理（一次性告知）时限',
}

export interface RaisedWarning {
  kind: string
  node: string
  level: Level
  point: string
  message: string
  /** A definition's monitoring point held for manual confirmation (supervision cards). */
  mode?: 'auto' | 'manual'
}

const nodeKey = (c: ClockReport) => (c.kind === 'step' ? (c.node ?? '') : c.kind === 'specialProcedure' ? `${c.procedure ?? ''}@${c.start}` : '')

function message(def: PowerItemDefinition, state: CaseState, c: ClockReport, level: Level, cal: Calendar): string {
  const due = c.deadline === undefined ? '' : cal.dueDay(c.deadline)
  const step = c.kind === 'step' ? def.flow.nodes.find((n) => n.id === c.node)?.name : undefined
  const proc = c.kind === 'specialProcedure' ? def.timeLimits.specialProcedures.find((s) => s.type === c.procedure)?.name : undefined
  const what = `${CLOCK_ZH[c.kind] ?? c.kind}${step ? `（环节：${step}）` : ''}${proc ? `（${proc}）` : ''}`
  const head = `办件编号为${state.caseNo}，项目名称为${def.item.name}，${what}为${due}`
  return level === 'warning' ? `${head}，即将超过${what}，请速办理。` : `${head}，已超过${what}，${LEVEL_ZH[level]}。`
}

/** The clock levels reached at `now` that are not among `raised` (keys kind|node|level). */
export function dueClockWarnings(
  def: PowerItemDefinition,
  state: CaseState,
  now: number,
  cal: Calendar,
  raised: ReadonlySet<string>,
  /** The case's clocks at `now`, when the caller already has them (caseClocks(def, state, now, cal).clocks). */
  clocks: readonly ClockReport[] = caseClocks(def, state, now, cal).clocks,
): { clock: ClockReport; warning: RaisedWarning }[] {
  const out: { clock: ClockReport; warning: RaisedWarning }[] = []
  for (const c of clocks) {
    const levels = LEVELS_OF[c.kind]
    if (!levels || c.level === 'normal') continue
    const reached = LEVELS.indexOf(c.level)
    for (const level of levels.filter((l) => LEVELS.indexOf(l) <= reached)) {
      const node = nodeKey(c)
      if (raised.has(`${c.kind}|${node}|${level}`) || state.firedPoints.includes(pointKey(c.kind, node, level, def.version))) continue
      out.push({ clock: c, warning: { kind: c.kind, node, level, point: pointKey(c.kind, node, level, def.version), message: message(def, state, c, level, cal) } })
    }
  }
  return out
}

const pointKey = (kind: string, node: string, level: Level, version: number) => `clock:${kind}${node ? `:${node}` : ''}:${level}@v${version}`

