import type { Calendar } from '@sunlight/calendar'
import type { PowerItemDefinition } from '@sunlight/definition'
import { GENESIS_HASH, hashEvent } from './chain'
import { cloneJson } from './clone-json'
import { decide } from './decide'
import { evolve } from './evolve'
import { firedKey, firingPoints } from './monitoring'
import type { Refusal } from './refusal'
import type { CaseEvent, CaseState, Command, UnsignedEvent } from './types'

export type ApplyResult = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; refusal: Refusal }

/**
 * The engine's one entry point: `(definition, state, command, now, calendar) → { state, events } | refusal`.
 * Events are numbered, chained by SHA-256 to the case's previous event and folded into the new
 * state. After each event the definition's monitoring points are evaluated and any that fire are
 * appended as `monitor:raised` events in the same result (each once per case × point × version).
 */
export function applyCommand(
  def: PowerItemDefinition,
  state: CaseState | undefined,
  cmd: Command,
  now: number,
  cal: Calendar,
): ApplyResult {
  const decision = decide(def, state, cmd, now, cal)
  if (!decision.ok) return decision
  const caseId = state?.caseId ?? (cmd.type === 'submit' ? cmd.caseId : '')
  let s = state
  const out: CaseEvent[] = []
  const append = (u: UnsignedEvent) => {
    // An event is a snapshot: it shares no object with the command nor with the state it folds into,
    // so mutating either afterwards can never rewrite history.
    const unsigned = cloneJson({ ...u, caseId, seq: (s?.seq ?? 0) + 1, prevHash: s?.lastHash ?? GENESIS_HASH })
    const e = { ...unsigned, hash: hashEvent(unsigned) } as CaseEvent
    s = evolve(s, cloneJson(e))
    out.push(e)
    return e
  }
  for (const u of decision.events) {
    const e = append(u)
    if (e.type === 'monitor:raised') continue
    for (const hit of firingPoints(def, s as CaseState, e, now, cal)) append(monitorEvent(hit, def, now, e.node))
  }
  return { ok: true, state: s as CaseState, events: out }
}

/**
 * Monitoring points due at `now` without a new command (time rules such as "step over its
 * limit"): the scheduler calls this at the instants `caseClocks` reports and stores the events.
 */
export function evaluateMonitoring(def: PowerItemDefinition, state: CaseState, now: number, cal: Calendar): { state: CaseState; events: CaseEvent[] } {
  let s = state
  const out: CaseEvent[] = []
  if (state.status === 'concluded') return { state, events: out }
  for (const hit of firingPoints(def, state, undefined, now, cal)) {
    const u = monitorEvent(hit, def, now, undefined)
    const unsigned = { ...u, caseId: s.caseId, seq: s.seq + 1, prevHash: s.lastHash }
    const e = { ...unsigned, hash: hashEvent(unsigned) } as CaseEvent
    s = evolve(s, e)
    out.push(e)
  }
  return { state: s, events: out }
}

function monitorEvent(hit: ReturnType<typeof firingPoints>[number], def: PowerItemDefinition, now: number, node: string | undefined): UnsignedEvent {
  return {
    type: 'monitor:raised',
    at: now,
    actor: { id: 'system', name: '电子监察', kind: 'system' },
    operation: 'monitor',
    node,
    data: { point: firedKey(hit.point, def.version), name: hit.name, level: hit.level, mode: hit.mode, message: hit.message },
  }
}
