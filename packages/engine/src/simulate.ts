import { formatInstant, parseInstant, type Calendar } from '@sunlight/calendar'
import type { PowerItemDefinition } from '@sunlight/definition'
import { applyCommand, evaluateMonitoring } from './apply'
import { caseClocks, type ClockLevel } from './clocks'
import type { Actor, CaseEvent, CaseState, Command } from './types'

/** A scripted case: commands with timestamps (China time 'YYYY-MM-DD HH:mm[:ss]'), or bare ticks. */
export interface SimulationScript {
  actors: Record<string, Omit<Actor, 'id'> & { id?: string }>
  steps: ({ at: string; actor: string; command: Record<string, unknown> } | { at: string; tick: true })[]
}

export interface SimulationEntry {
  at: string
  label: string
  outcome: 'applied' | 'refused' | 'tick'
  refusal?: { code: string; message: string; messageZh: string }
  events: { seq: number; type: string; node?: string; detail?: string }[]
  status?: string
  tasks: string[]
  clocks: { kind: string; node?: string; due?: string; level: ClockLevel; paused: boolean; nextLevel?: string; unknownCalendarDay?: string }[]
  level: ClockLevel
  stepLevel: ClockLevel
  warnings: { point: string; level: string; message: string }[]
}

export interface SimulationResult {
  entries: SimulationEntry[]
  events: CaseEvent[]
  state?: CaseState
}

/**
 * Runs a scripted case through the engine and reports, after every step, the events, the open
 * tasks, every clock with its due day and level, pauses, and the monitoring points that fired.
 * The designer's dry run and `pnpm sunlight simulate` both call this.
 */
export function simulate(def: PowerItemDefinition, script: SimulationScript, cal: Calendar): SimulationResult {
  const entries: SimulationEntry[] = []
  const events: CaseEvent[] = []
  let state: CaseState | undefined
  for (const step of script.steps) {
    const now = parseInstant(step.at)
    let entry: SimulationEntry
    if ('tick' in step) {
      entry = base(step.at, 'tick', 'tick')
      if (state) {
        const r = evaluateMonitoring(def, state, now, cal)
        state = r.state
        events.push(...r.events)
        entry.events = r.events.map(summary)
      }
    } else {
      const a = script.actors[step.actor]
      if (!a) throw new Error(`simulate: script names an unknown actor "${step.actor}"`)
      const actor: Actor = { ...a, id: a.id ?? step.actor } as Actor
      const cmd = { ...step.command, actor } as unknown as Command
      const r = applyCommand(def, state, cmd, now, cal)
      entry = base(step.at, `${cmd.type}${'node' in cmd && cmd.node ? ` @${String(cmd.node)}` : ''} by ${actor.name}`, r.ok ? 'applied' : 'refused')
      if (r.ok) {
        state = r.state
        events.push(...r.events)
        entry.events = r.events.map(summary)
      } else entry.refusal = { code: r.refusal.code, message: r.refusal.message, messageZh: r.refusal.messageZh }
    }
    if (state) {
      const c = caseClocks(def, state, now, cal)
      entry.status = state.status
      entry.tasks = state.tasks.map((t) => t.node)
      entry.level = c.level
      entry.stepLevel = c.stepLevel
      entry.clocks = c.clocks.map((k) => ({
        kind: k.kind,
        node: k.node ?? k.procedure,
        due: k.deadline === undefined ? undefined : cal.dueDay(k.deadline),
        level: k.level,
        paused: k.paused,
        nextLevel: k.next ? `${k.next.level} from ${formatInstant(k.next.at)}` : undefined,
        unknownCalendarDay: k.unknownCalendarDay,
      }))
      entry.warnings = entry.events
        .filter((e) => e.type === 'monitor:raised')
        .map((e) => {
          const ev = events.find((x) => x.seq === e.seq) as CaseEvent
          return { point: String(ev.data.point), level: String(ev.data.level), message: String(ev.data.message) }
        })
    }
    entries.push(entry)
  }
  return { entries, events, state }
}

function base(at: string, label: string, outcome: SimulationEntry['outcome']): SimulationEntry {
  return { at, label, outcome, events: [], tasks: [], clocks: [], level: 'normal', stepLevel: 'normal', warnings: [] }
}

function summary(e: CaseEvent): SimulationEntry['events'][number] {
  const detail = e.reason ?? e.opinion ?? (e.route?.end ? `→ ${e.route.end.result}` : e.route?.entered.length ? `→ ${e.route.entered.join(', ')}` : undefined)
  return { seq: e.seq, type: e.type, node: e.node, detail }
}
