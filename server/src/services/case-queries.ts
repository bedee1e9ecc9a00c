import type { PowerItemDefinition } from '@sunlight/definition'
import { caseClocks, verifyChain, type CaseEvent, type CaseState } from '@sunlight/engine'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { withCardLevels } from './case-card-levels'
import { eventsOf, stateOf, type CaseRow } from './case-store'
import { caseForUser, publicEvent } from './cases'
import { definitionAt } from './items-store'
import { visibleDepartments } from './org'

export interface CaseFilters {
  view: 'todo' | 'done' | 'watched' | 'all'
  status?: string
  itemKey?: string
  level?: string
  q?: string
  page: number
  pageSize: number
}

export const summary = (r: CaseRow) => ({
  id: r.id,
  caseNo: r.case_no,
  itemKey: r.item_key,
  itemVersion: r.item_version,
  departmentId: r.department_id,
  status: r.status,
  level: r.level,
  applicantName: r.applicant_name,
  posts: JSON.parse(r.posts) as string[],
  version: r.version,
  /** The highest counting supervision card of the case (预警 / 黄牌 / 红牌), or null. */
  cardLevel: r.card_level ?? null,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
})

/**
 * Todo (open cases of the user's department waiting at a post the user holds), done (cases the
 * user acted on) or all visible cases; filtered and paged. Staff see their department; supervisors
 * their level and below.
 */
export async function listCases(deps: Deps, user: User, f: CaseFilters) {
  const k = deps.db.knex
  const visible = await visibleDepartments(deps, user)
  const q = k('cases').select('cases.*')
  if (visible !== 'all') q.whereIn('cases.department_id', [...visible])
  if (f.view === 'todo') {
    q.whereNot('cases.status', 'concluded')
    q.andWhere((w) => {
      if (user.posts.length === 0) w.whereRaw('1 = 0')
      for (const p of user.posts) w.orWhere('cases.posts', 'like', `%"${p.replace(/[%_"\\]/g, '')}"%`)
    })
  }
  if (f.view === 'done') q.join('case_acts', 'case_acts.case_id', 'cases.id').where('case_acts.user_id', user.id)
  if (f.view === 'watched') q.join('case_watches', 'case_watches.case_id', 'cases.id').where('case_watches.user_id', user.id)
  if (f.status) q.where('cases.status', f.status)
  if (f.itemKey) q.where('cases.item_key', f.itemKey)
  if (f.level) q.where('cases.level', f.level)
  if (f.q) q.andWhere((w) => w.where('cases.case_no', 'like', `%${f.q}%`).orWhere('cases.applicant_name', 'like', `%${f.q}%`))
  const total = Number(((await q.clone().clearSelect().count({ n: '*' }).first()) as { n: number | string }).n)
  const rows = await withCardLevels(k, (await q.orderBy('cases.updated_at', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize)) as CaseRow[])
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map(summary) }
}

/**
 * The chain check of a case: every event links to the one before and matches its hash
 * (verifyChain), and the chain ends where the case's projection says it does — so a deleted
 * last event is caught too.
 */
export function verifyCase(events: readonly CaseEvent[], state: CaseState) {
  const chain = verifyChain(events)
  if (!chain.ok) return chain
  if (chain.count !== state.seq)
    return { ok: false as const, brokenAt: chain.count, seq: chain.count + 1, reason: 'truncated' as const, message: `the case records ${state.seq} events but ${chain.count} are stored` }
  if (chain.lastHash !== state.lastHash)
    return { ok: false as const, brokenAt: chain.count - 1, seq: chain.count, reason: 'head' as const, message: `the last stored event (seq ${chain.count}) is not the one the case recorded: it was replaced` }
  return chain
}

/** Everything a case page shows: state, timeline, clocks now, the chain check, and what this user may do. */
export async function caseDetail(deps: Deps, user: User, caseId: string) {
  const [row] = await withCardLevels(deps.db.knex, [await caseForUser(deps, user, caseId)])
  if (!row) throw new Error('unreachable')
  const def = await definitionAt(deps, row.item_key, row.item_version)
  const state = stateOf(row)
  const events = await eventsOf(deps.db.knex, row.id)
  const now = deps.now()
  const clocks = caseClocks(def, state, now, deps.calendar)
  const { queryCode: _secret, ...visibleState } = state
  return {
    case: summary(row),
    /** The published version this case runs on: the workbench draws its flowchart and discretion ranges from it. */
    definition: def,
    state: visibleState,
    timeline: events.map(publicEvent),
    clocks: clocks.clocks.map((c) => ({ ...c, dueDay: c.deadline === undefined ? undefined : deps.calendar.dueDay(c.deadline) })),
    level: clocks.level,
    stepLevel: clocks.stepLevel,
    chain: verifyCase(events, state),
    actions: actionsFor(def, state, user),
    /** Whether this user follows the case (关注; the workbench's watched list). */
    watched: !!(await deps.db.knex('case_watches').where({ user_id: user.id, case_id: row.id }).first()),
  }
}

/**
 * Follows (关注) or stops following a case the user may see; idempotent. Only the list of the user
 * changes: the case and its history are untouched.
 */
export async function setWatched(deps: Deps, user: User, caseId: string, watched: boolean) {
  const row = await caseForUser(deps, user, caseId)
  await deps.db.write(async (trx) => {
    if (watched) await trx('case_watches').insert({ user_id: user.id, case_id: row.id, created_at: deps.now() }).onConflict(['user_id', 'case_id']).ignore()
    else await trx('case_watches').where({ user_id: user.id, case_id: row.id }).delete()
  })
  return { caseId: row.id, watched }
}

/** The open tasks this user may act on, with the operations their steps allow. */
function actionsFor(def: PowerItemDefinition, state: CaseState, user: User) {
  return state.tasks.flatMap((t) => {
    const n = def.flow.nodes.find((x) => x.id === t.node)
    if (n?.type !== 'step' || !user.posts.includes(n.post)) return []
    const ops = n.kind === 'acceptance' ? ['accept', 'refuse', 'requestSupplement'] : ['complete', ...n.operations]
    return [{ node: n.id, name: n.name, post: n.post, operations: ops, opinionRequired: n.opinionRequired, fieldPermissions: n.fieldPermissions }]
  })
}

const PUBLIC_TYPES = new Set(['case:submitted', 'case:accepted', 'case:refused', 'case:supplementRequested', 'case:supplemented', 'case:specialProcedureStarted', 'case:specialProcedureEnded', 'case:extended', 'case:suspended', 'case:resumed', 'step:completed', 'case:concluded', 'case:voided', 'case:mergedInto'])

/**
 * What the applicant sees: status, deadline, the public timeline (steps the definition marks
 * internal are hidden, public names used, no staff names), pending 补正, and whether the case's
 * published history verifies.
 */
export function publicView(def: PowerItemDefinition, row: CaseRow, state: CaseState, events: readonly CaseEvent[], deps: Deps) {
  const node = (id?: string) => def.flow.nodes.find((n) => n.id === id)
  const timeline = events
    .filter((e) => PUBLIC_TYPES.has(e.type))
    .filter((e) => {
      const n = node(e.node)
      return !n || n.type !== 'step' || n.public
    })
    .map((e) => {
      const n = node(e.node)
      return { at: e.at, type: e.type, step: n?.type === 'step' ? (n.publicName ?? n.name) : undefined, opinion: e.type === 'case:refused' || e.type === 'case:supplementRequested' ? (e.reason ?? undefined) : undefined }
    })
  const clocks = caseClocks(def, state, deps.now(), deps.calendar)
  const promised = clocks.clocks.find((c) => c.kind === 'promised')
  const chain = verifyCase(events, state)
  return {
    caseNo: row.case_no,
    item: { key: def.key, name: def.item.name, department: def.item.department.name },
    status: state.status,
    result: state.result,
    submittedAt: state.submittedAt,
    promisedDay: promised?.deadline === undefined ? undefined : deps.calendar.dueDay(promised.deadline),
    currentSteps: state.tasks.map((t) => node(t.node)).filter((n) => n?.type === 'step' && n.public).map((n) => (n?.type === 'step' ? (n.publicName ?? n.name) : '')),
    pendingSupplement: state.pendingSupplement?.items ?? null,
    timeline,
    historyIntact: chain.ok,
  }
}
