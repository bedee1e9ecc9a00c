import { formatInstant, type Calendar } from '@sunlight/calendar'
import { defaultDictionaries, dictionaryLabel, type PowerItemDefinition } from '@sunlight/definition'
import { caseClocks } from './clocks'
import type { CaseState } from './types'

const safe = <T>(f: () => T): T | undefined => {
  try {
    return f()
  } catch {
    return undefined
  }
}

/**
 * The facts of a case that expressions (`case.x`) and document placeholders (`{{case.x}}`) read.
 * Names match definition/src/facts.ts `caseFacts`. Dates are China-time strings.
 */
export function caseFactsOf(def: PowerItemDefinition, state: CaseState, now: number, cal: Calendar): Record<string, unknown> {
  const clocks = safe(() => caseClocks(def, state, now, cal))
  const due = (kind: string) => {
    const d = clocks?.clocks.find((c) => c.kind === kind)?.deadline
    return d === undefined ? undefined : cal.dueDay(d)
  }
  const task = state.tasks[0]
  const stepNode = task ? def.flow.nodes.find((n) => n.id === task.node) : undefined
  const lastPause = state.pauses[state.pauses.length - 1]
  return {
    caseNo: state.caseNo,
    applicantName: state.applicant.name,
    applicantIdType: state.applicant.idType,
    applicantId: state.applicant.idNumber,
    channel: state.channel,
    status: state.status,
    submittedAt: formatInstant(state.submittedAt),
    receivedDate: state.receivedDay,
    acceptedAt: state.acceptedAt === undefined ? undefined : formatInstant(state.acceptedAt),
    acceptedDate: state.clockStart === undefined ? undefined : cal.dayOf(state.clockStart),
    promisedDeadline: due('promised'),
    statutoryDeadline: due('statutory'),
    concludedAt: state.concludedAt === undefined ? undefined : formatInstant(state.concludedAt),
    result: state.result,
    resultName: state.result ? dictionaryLabel(defaultDictionaries.result, state.result) : undefined,
    step: task?.node,
    stepName: stepNode?.name,
    supplementRounds: state.supplementRounds,
    supplementList: state.pendingSupplement?.items.map((i, n) => `${n + 1}. ${i.description}`).join('\n'),
    supplementDue: due('supplement'),
    specialProcedure: lastPause?.kind === 'specialProcedure' ? lastPause.procedure : undefined,
    extensionDays: state.extension,
    returnCount: state.returnCount,
    suspendCount: state.suspendCount,
    grade: state.penalty?.grade,
    amount: state.penalty?.amount,
    level: clocks?.level,
    today: cal.dayOf(now),
  }
}
