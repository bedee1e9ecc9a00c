import { CalendarUnknownError, formatInstant, type Calendar } from '@sunlight/calendar'
import { buildFlowGraph, type FlowGraph, type PowerItemDefinition } from '@sunlight/definition'
import { operationNamesZh, refusal, statusNamesZh } from './refusal'
import { accept, refuseCase, requestSupplement, supplement } from './ops/acceptance'
import { conclude, merge, mergeInto, voidCase } from './ops/closing'
import { refuse, type Ctx, type Decision } from './ops/context'
import { endSpecialProcedure, extend, resume, startSpecialProcedure, suspend } from './ops/pauses'
import { complete, countersign, returnStep, transfer, withdraw } from './ops/steps'
import { submit } from './ops/submit'
import type { CaseState, CaseStatus, Command } from './types'

/** Statuses in which each command may run (the rest of each guard lives with the command). */
const ALLOWED: Record<Command['type'], readonly CaseStatus[]> = {
  submit: [],
  accept: ['submitted'],
  refuse: ['submitted', 'awaitingSupplement'],
  requestSupplement: ['submitted', 'handling'],
  supplement: ['awaitingSupplement', 'paused'],
  startSpecialProcedure: ['handling'],
  endSpecialProcedure: ['paused'],
  extend: ['handling', 'paused'],
  suspend: ['handling'],
  resume: ['paused'],
  return: ['handling'],
  withdraw: ['handling'],
  transfer: ['handling', 'paused'],
  countersign: ['handling'],
  complete: ['handling'],
  merge: ['handling'],
  mergeInto: ['handling', 'paused'],
  conclude: ['submitted', 'awaitingSupplement', 'handling', 'paused'],
  void: ['submitted', 'awaitingSupplement', 'handling', 'paused'],
}

const graphs = new WeakMap<PowerItemDefinition, FlowGraph>()
function graphOf(def: PowerItemDefinition): FlowGraph {
  let g = graphs.get(def)
  if (!g) graphs.set(def, (g = buildFlowGraph(def.flow)))
  return g
}

/**
 * Decides what a command does to a case: the events it causes, or a refusal saying why not.
 * Pure: no clock, no I/O; `now` and the calendar are passed in.
 */
export function decide(
  def: PowerItemDefinition,
  state: CaseState | undefined,
  cmd: Command,
  now: number,
  cal: Calendar,
): Decision {
  if (!state) {
    if (cmd.type !== 'submit') return refuse(refusal('case.not_submitted'))
    return guarded(() => submit({ def, graph: graphOf(def), state: undefined as never, cmd, now, cal }))
  }
  if (cmd.type === 'submit') return refuse(refusal('case.exists'))
  if (state.status === 'concluded')
    return refuse(state.mergedInto ? refusal('case.merged', { into: state.mergedInto }) : refusal('case.concluded'))
  if (now < state.updatedAt) return refuse(refusal('time.backwards', { last: formatInstant(state.updatedAt) }))
  // The command's own day must be in the holiday table, whatever the command computes.
  const unknownDay = guarded(() => (cal.isWorkday(cal.dayOf(now)), { ok: true, events: [] }))
  if (!unknownDay.ok) return unknownDay
  if (!ALLOWED[cmd.type].includes(state.status))
    return refuse(
      refusal('case.status', {
        operation: cmd.type,
        operationZh: operationNamesZh[cmd.type] ?? cmd.type,
        status: state.status,
        statusZh: statusNamesZh[state.status] ?? state.status,
      }),
    )
  const ctx = { def, graph: graphOf(def), state, cmd, now, cal }
  return guarded(() => dispatch(ctx))
}

function dispatch(ctx: Ctx): Decision {
  const c = ctx as Ctx<never>
  switch (ctx.cmd.type) {
    case 'accept': return accept(c)
    case 'refuse': return refuseCase(c)
    case 'requestSupplement': return requestSupplement(c)
    case 'supplement': return supplement(c)
    case 'startSpecialProcedure': return startSpecialProcedure(c)
    case 'endSpecialProcedure': return endSpecialProcedure(c)
    case 'extend': return extend(c)
    case 'suspend': return suspend(c)
    case 'resume': return resume(c)
    case 'return': return returnStep(c)
    case 'withdraw': return withdraw(c)
    case 'transfer': return transfer(c)
    case 'countersign': return countersign(c)
    case 'complete': return complete(c)
    case 'merge': return merge(c)
    case 'mergeInto': return mergeInto(c)
    case 'conclude': return conclude(c)
    case 'void': return voidCase(c)
    case 'submit': return refuse(refusal('case.exists'))
  }
}

/** A day outside the holiday table is a refusal ("calendar unknown for …"), never a guess. */
function guarded(f: () => Decision): Decision {
  try {
    return f()
  } catch (e) {
    if (e instanceof CalendarUnknownError) return refuse(refusal('calendar.unknown', { date: e.date }))
    throw e
  }
}
