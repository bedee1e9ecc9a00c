import type { CaseEvent, CaseState, MaterialSubmission, Route, SupplementItem, Task } from './types'

/**
 * The fold: state is what the events say, nothing more. `evolve` never consults the definition,
 * the calendar or the clock, so replaying a case's events always gives the same state.
 */
export function evolve(state: CaseState | undefined, e: CaseEvent): CaseState {
  if (e.type === 'case:submitted') return initial(e)
  if (!state) throw new Error(`evolve: ${e.type} (seq ${e.seq}) before case:submitted`)
  const s: CaseState = { ...state, tasks: state.tasks.map((t) => ({ ...t })), joins: { ...state.joins }, seq: e.seq, lastHash: e.hash, updatedAt: e.at }
  if (e.node) touch(s, e.node)
  const d = e.data
  switch (e.type) {
    case 'case:accepted':
      s.status = 'handling'
      s.acceptedAt = e.at
      s.clockStart = d.clockStart as number
      s.acceptedBy = e.actor.id
      s.completed = [...s.completed, { node: e.node as string, actorId: e.actor.id, at: e.at, seq: e.seq }]
      break
    case 'case:refused':
    case 'case:concluded':
    case 'case:voided':
    case 'case:mergedInto':
      if (e.type === 'case:mergedInto') s.mergedInto = d.into as string
      conclude(s, e, (d.result as string) ?? e.route?.end?.result)
      break
    case 'case:supplementRequested': {
      const phase = d.phase as 'preAcceptance' | 'handling'
      s.supplementRounds += 1
      s.pendingSupplement = { items: d.items as SupplementItem[], requestedAt: e.at, phase }
      if (phase === 'preAcceptance' && s.preAcceptanceNoticeAt === undefined) s.preAcceptanceNoticeAt = e.at
      if (phase === 'handling') {
        s.status = 'paused'
        s.pauses = [...s.pauses, { kind: 'supplement', from: e.at }]
      } else s.status = 'awaitingSupplement'
      break
    }
    case 'case:supplemented':
      s.materials = mergeMaterials(s.materials, d.materials as Record<string, MaterialSubmission>)
      if (d.form) s.form = { ...s.form, ...(d.form as Record<string, unknown>) }
      if (s.pendingSupplement?.phase === 'handling') {
        s.status = 'handling'
        s.pauses = closePause(s.pauses, e.at)
      } else {
        s.status = 'submitted'
        if (d.complete === true) s.materialsCompletedAt = e.at
      }
      s.pendingSupplement = undefined
      break
    case 'case:specialProcedureStarted':
      s.status = 'paused'
      s.pauses = [...s.pauses, { kind: 'specialProcedure', from: e.at, procedure: d.procedure as string }]
      break
    case 'case:suspended':
      s.status = 'paused'
      s.suspendCount += 1
      s.pauses = [...s.pauses, { kind: 'suspension', from: e.at }]
      break
    case 'case:specialProcedureEnded':
    case 'case:resumed':
      s.status = 'handling'
      s.pauses = closePause(s.pauses, e.at)
      break
    case 'case:extended':
      s.extension += d.value as number
      break
    case 'step:completed':
      if (d.form) s.form = { ...s.form, ...(d.form as Record<string, unknown>) }
      if (d.penalty) {
        const p = d.penalty as { grade: string; amount: number; reason?: string }
        s.penalty = { ...p, noticed: s.penalty?.noticed ?? false }
      }
      if (d.noticed === true && s.penalty) s.penalty = { ...s.penalty, noticed: true }
      s.completed = [...s.completed, { node: e.node as string, actorId: e.actor.id, at: e.at, seq: e.seq }]
      s.lastCompletion = {
        node: e.node as string,
        actorId: e.actor.id,
        entered: e.route?.entered ?? [],
        seq: e.seq,
        simple: !!e.route && e.route.waiting.length === 0 && e.route.joined.length === 0 && !e.route.end,
      }
      break
    case 'step:signed': {
      const task = s.tasks.find((t) => t.node === e.node)
      if (task) task.signatures = [...task.signatures, { actorId: e.actor.id, actorName: e.actor.name, approve: d.approve as boolean, opinion: e.opinion ?? '', at: e.at }]
      if (e.route) s.completed = [...s.completed, { node: e.node as string, actorId: e.actor.id, at: e.at, seq: e.seq }]
      break
    }
    case 'step:returned':
      s.returnCount += 1
      s.lastCompletion = undefined
      break
    case 'step:withdrawn':
      s.completed = s.completed.slice(0, -1)
      s.lastCompletion = undefined
      break
    case 'step:transferred': {
      const task = s.tasks.find((t) => t.node === e.node)
      if (task) task.assignee = d.to as { id: string; name: string }
      break
    }
    case 'case:merged':
      s.merged = [...s.merged, ...(d.caseNos as string[])]
      break
    case 'monitor:raised':
      s.firedPoints = [...s.firedPoints, d.point as string]
      break
    default:
      break
  }
  if (e.route?.end && s.status !== 'concluded') conclude(s, e, e.route.end.result)
  else if (e.route && s.status !== 'concluded') applyRoute(s, e.route, e.at)
  return s
}

/** Folds a whole history. */
export function replay(events: readonly CaseEvent[]): CaseState {
  let s: CaseState | undefined
  for (const e of events) s = evolve(s, e)
  if (!s) throw new Error('replay: no events')
  return s
}

function initial(e: CaseEvent): CaseState {
  const d = e.data
  const s: CaseState = {
    caseId: e.caseId,
    caseNo: d.caseNo as string,
    queryCode: d.queryCode as string | undefined,
    itemKey: d.itemKey as string,
    definitionVersion: d.definitionVersion as number,
    status: 'submitted',
    channel: d.channel as 'online' | 'window',
    applicant: d.applicant as CaseState['applicant'],
    form: d.form as Record<string, unknown>,
    materials: d.materials as Record<string, MaterialSubmission>,
    submittedAt: e.at,
    receivedDay: d.receivedDay as string,
    tasks: [],
    joins: {},
    completed: [],
    pauses: [],
    supplementRounds: 0,
    extension: 0,
    returnCount: 0,
    suspendCount: 0,
    firedPoints: [],
    merged: [],
    updatedAt: e.at,
    seq: e.seq,
    lastHash: e.hash,
  }
  if (e.route) applyRoute(s, e.route, e.at)
  return s
}

function applyRoute(s: CaseState, route: Route, at: number): void {
  const left = new Set(route.left)
  s.tasks = s.tasks.filter((t) => !left.has(t.node))
  for (const j of route.waiting) s.joins[j] = (s.joins[j] ?? 0) + 1
  for (const j of route.joined) delete s.joins[j]
  for (const node of route.entered) s.tasks.push(newTask(node, at))
}

function newTask(node: string, at: number): Task {
  return { node, enteredAt: at, signatures: [], touched: false }
}

function touch(s: CaseState, node: string): void {
  const t = s.tasks.find((x) => x.node === node)
  if (t) t.touched = true
}

function conclude(s: CaseState, e: CaseEvent, result: string | undefined): void {
  s.status = 'concluded'
  s.result = result
  s.concludedAt = e.at
  s.tasks = []
  s.joins = {}
  s.pauses = closePause(s.pauses, e.at)
  s.pendingSupplement = undefined
}

function closePause(pauses: CaseState['pauses'], at: number): CaseState['pauses'] {
  return pauses.map((p) => (p.to === undefined ? { ...p, to: at } : p))
}

function mergeMaterials(
  a: Record<string, MaterialSubmission>,
  b: Record<string, MaterialSubmission>,
): Record<string, MaterialSubmission> {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = { ...out[k], ...v }
  return out
}
