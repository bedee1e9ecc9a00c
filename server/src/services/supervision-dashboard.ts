import type { Knex } from 'knex'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { whereCardLevel, withCardLevels } from './case-card-levels'
import type { CaseRow } from './case-store'
import { summary } from './case-queries'
import { currentPublished } from './items-store'
import { listDepartments, subtree, visibleDepartments, type Department } from './org'
import { COUNTING, OPEN } from './supervision-model'

/**
 * Supervision dashboards. Every figure reads a summary table or an index, never a scan of the
 * cases: live counts from case_level_counts, per-department and per-day figures from
 * dept_day_stats (both kept by triggers, migration 007), flow heat from node_wait_stats, overdue
 * lists by the (level, status, updated_at) index. Two scopes: `own` (one department) and
 * `government` (what the user oversees: a supervisor's government and below, optionally narrowed
 * to a department and below). Each figure's dimension is a filter of dashboardCases (drill-down).
 */

export const figureNames = ['live', 'overdue', 'departments', 'trend', 'flow', 'cards', 'interactions'] as const
export type FigureName = (typeof figureNames)[number]

export interface ScopeQuery {
  scope?: 'own' | 'government'
  department?: string
  days: number
  itemKey?: string
}

export interface Scope {
  kind: 'own' | 'government'
  /** null = every department (administrators' government view). */
  ids: string[] | null
  departments: Department[]
}

const DAY_MS = 86_400_000
const OPEN_STATUSES = ['submitted', 'awaitingSupplement', 'handling', 'paused'] as const

export async function resolveScope(deps: Deps, user: User, q: { scope?: 'own' | 'government'; department?: string }): Promise<Scope> {
  const all = await listDepartments(deps)
  const visible = await visibleDepartments(deps, user)
  const overseer = user.roles.includes('supervisor') || user.roles.includes('admin')
  const kind = q.scope ?? (overseer ? 'government' : 'own')
  const canSee = (id: string) => visible === 'all' || visible.has(id)
  if (q.department && (!all.some((d) => d.id === q.department) || !canSee(q.department)))
    throw new AppError('NOT_FOUND', `no department ${q.department} in your supervision`, { department: q.department })
  if (kind === 'own') {
    const id = q.department ?? user.departmentId
    if (!id || !canSee(id)) throw new AppError('NOT_FOUND', 'you belong to no department; choose one with department=…')
    return { kind, ids: [id], departments: all.filter((d) => d.id === id) }
  }
  let ids: Set<string> | 'all' = visible
  if (q.department) {
    const sub = subtree(all, q.department)
    ids = new Set([...sub].filter((d) => canSee(d)))
  }
  return { kind, ids: ids === 'all' ? null : [...ids].sort(), departments: ids === 'all' ? all : all.filter((d) => (ids as Set<string>).has(d.id)) }
}

const inScope = (q: Knex.QueryBuilder, s: Scope, col = 'department_id') => (s.ids === null ? q : q.whereIn(col, s.ids))
const n = (v: unknown) => Number(v ?? 0)
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000)

function windowOf(deps: Deps, days: number) {
  const cal = deps.calendar
  const now = deps.now()
  const until = cal.dayOf(now)
  const since = cal.dayOf(cal.startOfDay(until) - (days - 1) * DAY_MS)
  return { now, since, until, sinceAt: cal.startOfDay(since) }
}

async function live(deps: Deps, s: Scope) {
  const rows = (await inScope(deps.db.knex('case_level_counts').select('status', 'level').sum({ n: 'n' }).groupBy('status', 'level'), s)) as { status: string; level: string; n: unknown }[]
  const byStatus: Record<string, number> = {}
  const byLevel: Record<string, number> = { normal: 0, warning: 0, yellow: 0, red: 0 }
  let total = 0
  let open = 0
  const matrix = rows.filter((r) => n(r.n) > 0).map((r) => ({ status: r.status, level: r.level, n: n(r.n) }))
  for (const r of matrix) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n
    total += r.n
    if (r.status !== 'concluded') {
      open += r.n
      byLevel[r.level] = (byLevel[r.level] ?? 0) + r.n
    }
  }
  return { total, open, byStatus, byLevel, matrix: matrix.sort((a, b) => a.status.localeCompare(b.status) || a.level.localeCompare(b.level)), drill: { status: 'open' } }
}

async function overdue(deps: Deps, s: Scope, limit = 20) {
  const k = deps.db.knex
  const names = new Map(s.departments.map((d) => [d.id, d.name]))
  const count = (await inScope(k('case_level_counts').whereIn('level', ['yellow', 'red']).whereIn('status', [...OPEN_STATUSES]).sum({ n: 'n' }), s).first()) as { n: unknown }
  // One index seek per (level, status), each already ordered: the longest untouched first, reds before yellows.
  const parts: CaseRow[][] = []
  for (const level of ['red', 'yellow'])
    for (const status of OPEN_STATUSES) parts.push((await inScope(k('cases').where({ level, status }).orderBy('updated_at').limit(limit), s)) as CaseRow[])
  const rows = await withCardLevels(
    k,
    parts
      .flat()
      .sort((a, b) => (a.level === b.level ? Number(a.updated_at) - Number(b.updated_at) : a.level === 'red' ? -1 : 1))
      .slice(0, limit),
  )
  return { total: n(count?.n), items: rows.map((r) => ({ ...summary(r), departmentName: names.get(r.department_id) ?? r.department_id })), drill: { level: 'overdue', status: 'open' } }
}

async function departments(deps: Deps, s: Scope, days: number) {
  const k = deps.db.knex
  const w = windowOf(deps, days)
  const stats = (await inScope(
    k('dept_day_stats').where('day', '>=', w.since).andWhere('day', '<=', w.until).select('department_id').sum({ created: 'created', concluded: 'concluded', on_time: 'on_time', early: 'early', duration_ms: 'duration_ms' }).groupBy('department_id'),
    s,
  )) as { department_id: string; created: unknown; concluded: unknown; on_time: unknown; early: unknown; duration_ms: unknown }[]
  const counts = (await inScope(k('case_level_counts').whereIn('status', [...OPEN_STATUSES]).select('department_id', 'level').sum({ n: 'n' }).groupBy('department_id', 'level'), s)) as { department_id: string; level: string; n: unknown }[]
  const byDept = new Map(stats.map((r) => [r.department_id, r]))
  const ids = new Set([...stats.map((r) => r.department_id), ...counts.filter((c) => n(c.n) > 0).map((c) => c.department_id)])
  const names = new Map(s.departments.map((d) => [d.id, d.name]))
  return {
    since: w.since,
    until: w.until,
    rows: [...ids].sort().map((id) => {
      const r = byDept.get(id)
      const concluded = n(r?.concluded)
      const open = counts.filter((c) => c.department_id === id).reduce((t, c) => t + n(c.n), 0)
      const overdueOpen = counts.filter((c) => c.department_id === id && (c.level === 'yellow' || c.level === 'red')).reduce((t, c) => t + n(c.n), 0)
      return {
        departmentId: id,
        departmentName: names.get(id) ?? id,
        created: n(r?.created),
        concluded,
        onTime: n(r?.on_time),
        onTimeRate: rate(n(r?.on_time), concluded),
        early: n(r?.early),
        avgDurationDays: concluded === 0 ? null : Math.round((n(r?.duration_ms) / concluded / DAY_MS) * 100) / 100,
        open,
        overdueOpen,
        drill: { department: id },
      }
    }),
  }
}

async function trend(deps: Deps, s: Scope, days: number) {
  const w = windowOf(deps, days)
  const rows = (await inScope(deps.db.knex('dept_day_stats').where('day', '>=', w.since).andWhere('day', '<=', w.until).select('day').sum({ created: 'created', concluded: 'concluded', on_time: 'on_time' }).groupBy('day'), s)) as { day: string; created: unknown; concluded: unknown; on_time: unknown }[]
  const byDay = new Map(rows.map((r) => [r.day, r]))
  const out: { day: string; created: number; concluded: number; onTime: number; drill: { createdDay: string } }[] = []
  for (let i = 0; i < days; i++) {
    const day = deps.calendar.dayOf(w.sinceAt + i * DAY_MS + 12 * 3600_000)
    const r = byDay.get(day)
    out.push({ day, created: n(r?.created), concluded: n(r?.concluded), onTime: n(r?.on_time), drill: { createdDay: day } })
  }
  return { since: w.since, until: w.until, days: out }
}

async function flow(deps: Deps, s: Scope, itemKey?: string) {
  const k = deps.db.knex
  const items = (await inScope(k('node_wait_stats').select('item_key').sum({ completed: 'completed' }).groupBy('item_key').orderBy('completed', 'desc').limit(50), s)) as { item_key: string; completed: unknown }[]
  const key = itemKey ?? items[0]?.item_key
  if (!key) return { itemKey: null, name: null, items: [], nodes: [], flow: null }
  const rows = (await inScope(k('node_wait_stats').where({ item_key: key }).select('node').sum({ completed: 'completed', wait_ms: 'wait_ms' }).groupBy('node'), s)) as { node: string; completed: unknown; wait_ms: unknown }[]
  let nodes: { id: string; name: string }[] = []
  let name: string | null = null
  let graph: unknown = null
  try {
    const def = (await currentPublished(deps, key)).definition
    name = def.item.name
    graph = def.flow // the item's flowchart, for the heat overlay
    nodes = def.flow.nodes.filter((x) => x.type === 'step').map((x) => ({ id: x.id, name: x.type === 'step' ? x.name : x.id }))
  } catch {
    nodes = rows.map((r) => ({ id: r.node, name: r.node }))
  }
  const byNode = new Map(rows.map((r) => [r.node, r]))
  const max = Math.max(0, ...rows.map((r) => (n(r.completed) ? n(r.wait_ms) / n(r.completed) : 0)))
  return {
    itemKey: key,
    name,
    /** The published definition's flow (nodes, edges, layout) the heat is drawn on; null for an unknown item. */
    flow: graph,
    items: items.map((i) => ({ itemKey: i.item_key, completed: n(i.completed) })),
    nodes: nodes.map((x) => {
      const r = byNode.get(x.id)
      const avg = r && n(r.completed) ? n(r.wait_ms) / n(r.completed) : null
      return { node: x.id, name: x.name, completed: n(r?.completed), avgWaitHours: avg === null ? null : Math.round((avg / 3600_000) * 100) / 100, heat: avg === null || max === 0 ? 0 : Math.round((avg / max) * 100) / 100, drill: { itemKey: key, node: x.id } }
    }),
  }
}

async function cards(deps: Deps, s: Scope, days: number) {
  const k = deps.db.knex
  const w = windowOf(deps, days)
  const rows = (await inScope(k('cards').whereIn('status', [...COUNTING]).andWhere('issued_at', '>=', w.sinceAt).select('department_id', 'level').count({ n: '*' }).groupBy('department_id', 'level'), s)) as { department_id: string; level: string; n: unknown }[]
  const pending = (await inScope(k('cards').where('status', 'pending').count({ n: '*' }), s).first()) as { n: unknown }
  const open = (await inScope(k('cards').whereIn('status', [...OPEN]).count({ n: '*' }), s).first()) as { n: unknown }
  const names = new Map(s.departments.map((d) => [d.id, d.name]))
  const byLevel = { warning: 0, yellow: 0, red: 0 } as Record<string, number>
  const per = new Map<string, { warning: number; yellow: number; red: number }>()
  for (const r of rows) {
    byLevel[r.level] = (byLevel[r.level] ?? 0) + n(r.n)
    const a = per.get(r.department_id) ?? { warning: 0, yellow: 0, red: 0 }
    a[r.level as 'warning'] += n(r.n)
    per.set(r.department_id, a)
  }
  return {
    since: w.since,
    byLevel,
    pending: n(pending?.n),
    open: n(open?.n),
    byDepartment: [...per.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, a]) => ({ departmentId: id, departmentName: names.get(id) ?? id, ...a, drill: { department: id, cardLevel: 'any' } })),
  }
}

async function interactions(deps: Deps, s: Scope, days: number) {
  const k = deps.db.knex
  const w = windowOf(deps, days)
  const names = new Map(s.departments.map((d) => [d.id, d.name]))
  const ratings = (await inScope(k('ratings').where('rated_at', '>=', w.sinceAt).select('department_id').count({ total: '*' }).sum({ stars: 'stars' }).select(k.raw('sum(case when bad then 1 else 0 end) as bad')).groupBy('department_id'), s)) as { department_id: string; total: unknown; stars: unknown; bad: unknown }[]
  const requests = (await inScope(
    k('hall_requests')
      .where('submitted_at', '>=', w.sinceAt)
      .select('kind', 'department_id')
      .count({ total: '*' })
      .select(k.raw("sum(case when status = 'submitted' then 1 else 0 end) as open"), k.raw("sum(case when status = 'submitted' and due_at < ? then 1 else 0 end) as overdue", [w.now]))
      .groupBy('kind', 'department_id'),
    s,
  )) as { kind: string; department_id: string; total: unknown; open: unknown; overdue: unknown }[]
  const sum = <T>(rows: T[], f: (r: T) => unknown) => rows.reduce((t, r) => t + n(f(r)), 0)
  const req = (kind: string) => {
    const rows = requests.filter((r) => r.kind === kind)
    return {
      total: sum(rows, (r) => r.total),
      open: sum(rows, (r) => r.open),
      overdue: sum(rows, (r) => r.overdue),
      byDepartment: rows.map((r) => ({ departmentId: r.department_id, departmentName: names.get(r.department_id) ?? r.department_id, total: n(r.total), open: n(r.open), overdue: n(r.overdue) })),
    }
  }
  const total = sum(ratings, (r) => r.total)
  return {
    since: w.since,
    ratings: {
      total,
      bad: sum(ratings, (r) => r.bad),
      avgStars: total === 0 ? null : Math.round((sum(ratings, (r) => r.stars) / total) * 100) / 100,
      byDepartment: ratings.map((r) => ({ departmentId: r.department_id, departmentName: names.get(r.department_id) ?? r.department_id, total: n(r.total), bad: n(r.bad), avgStars: n(r.total) ? Math.round((n(r.stars) / n(r.total)) * 100) / 100 : null })),
    },
    complaints: req('complaint'),
    consultations: req('consultation'),
    drill: { ratings: '/api/ratings', complaints: '/api/complaints', consultations: '/api/consultations' },
  }
}

export async function figureOf(deps: Deps, s: Scope, f: FigureName, q: ScopeQuery) {
  switch (f) {
    case 'live':
      return live(deps, s)
    case 'overdue':
      return overdue(deps, s)
    case 'departments':
      return departments(deps, s, q.days)
    case 'trend':
      return trend(deps, s, q.days)
    case 'flow':
      return flow(deps, s, q.itemKey)
    case 'cards':
      return cards(deps, s, q.days)
    case 'interactions':
      return interactions(deps, s, q.days)
  }
}

const scopeView = (s: Scope) => ({ kind: s.kind, departments: s.departments.map((d) => ({ id: d.id, name: d.name, level: d.level, parentId: d.parentId })) })

export async function dashboardFigure(deps: Deps, user: User, f: FigureName, q: ScopeQuery) {
  const s = await resolveScope(deps, user, q)
  return { scope: scopeView(s), now: deps.now(), days: q.days, [f]: await figureOf(deps, s, f, q) }
}

export async function dashboard(deps: Deps, user: User, q: ScopeQuery) {
  const s = await resolveScope(deps, user, q)
  const out: Record<string, unknown> = { scope: scopeView(s), now: deps.now(), days: q.days }
  for (const f of figureNames) out[f] = await figureOf(deps, s, f, q)
  return out
}

export interface CaseDrill extends ScopeQuery {
  status?: string
  level?: string
  cardLevel?: string
  node?: string
  createdDay?: string
  concludedDay?: string
  onTime?: boolean
  page: number
  pageSize: number
}

/** The cases behind a figure: the same scope and dimensions, paged, newest first. */
export function drillQuery(deps: Deps, s: Scope, f: CaseDrill) {
  const k = deps.db.knex
  const cal = deps.calendar
  const q = inScope(k('cases'), s, 'cases.department_id')
  if (f.status === 'open') q.whereIn('cases.status', [...OPEN_STATUSES])
  else if (f.status) q.where('cases.status', f.status)
  if (f.level === 'overdue') q.whereIn('cases.level', ['yellow', 'red'])
  else if (f.level) q.where('cases.level', f.level)
  if (f.cardLevel) whereCardLevel(k, q, f.cardLevel === 'any' ? undefined : f.cardLevel)
  if (f.itemKey) q.where('cases.item_key', f.itemKey)
  if (f.createdDay) q.where('cases.created_at', '>=', cal.startOfDay(f.createdDay)).andWhere('cases.created_at', '<', cal.endOfDay(f.createdDay))
  if (f.concludedDay) q.where('cases.concluded_at', '>=', cal.startOfDay(f.concludedDay)).andWhere('cases.concluded_at', '<', cal.endOfDay(f.concludedDay))
  if (f.onTime === true) q.whereNotNull('cases.concluded_at').andWhere((w) => w.whereNull('cases.promised_due_at').orWhereRaw('cases.concluded_at <= cases.promised_due_at'))
  if (f.onTime === false) q.whereNotNull('cases.concluded_at').andWhereRaw('cases.concluded_at > cases.promised_due_at')
  if (f.node) {
    const needle = `%"node":"${f.node.replace(/[\\%_"]/g, '')}"%`
    q.whereExists(k('case_events as e').whereRaw('e.case_id = cases.id').whereIn('e.type', ['step:completed', 'step:returned']).andWhere('e.event', 'like', needle))
  }
  return q
}

export async function dashboardCases(deps: Deps, user: User, f: CaseDrill) {
  const s = await resolveScope(deps, user, f)
  const q = drillQuery(deps, s, f)
  const total = n(((await q.clone().count({ n: '*' }).first()) as { n: unknown }).n)
  const rows = await withCardLevels(deps.db.knex, (await q.select('cases.*').orderBy('cases.created_at', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize)) as CaseRow[])
  const names = new Map(s.departments.map((d) => [d.id, d.name]))
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => ({ ...summary(r), departmentName: names.get(r.department_id) ?? r.department_id, concludedAt: r.concluded_at === null ? null : Number(r.concluded_at) })) }
}
