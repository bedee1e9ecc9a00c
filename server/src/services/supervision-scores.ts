import { randomUUID } from 'node:crypto'
import { evaluateExpression } from '@sunlight/expression'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { exchangeCompleteness } from './exchange'
import { listDepartments, visibleDepartments } from './org'
import { COUNTING, DEFAULT_SCORE_EXPRESSION, scoreFormulaSchema, scoreParamsSchema, type ScoreFormula, type ScoreParams, type SubjectType } from './supervision-model'

/**
 * Efficiency scores (效能评估), monthly, for departments, windows and staff.
 *
 * Default formula — source: domain.md §5.5, the worked municipal formula [EJ-SCORE]:
 *   score = max(0, 100 − 5·黄牌 − 10·红牌 − 3·(runs of three consecutive 预警)
 *               + early bonus − reporting deduction + adjustments)
 *  - cards count when issued in the month and not revoked (pending and dismissed never count);
 *  - three consecutive 预警: the subject's cards in issue order; a 黄牌 or 红牌 breaks the run;
 *  - early bonus: when ≥ 10 % of the month's completions were concluded before the promised due
 *    day, +1, then +1 per further 10 % (35 % → +3);
 *  - incomplete data reporting: −1 per 1 % of the month's cases not completely delivered upward
 *    (the exchange completeness figure, services/exchange.ts), at most −5;
 *  - adjustments: 绩效登记 (manual, with a reason) and accepted appeals.
 * A supervisor may set another expression (safe expression language, no eval) and parameters
 * from a month on. Subjects: departments (units); windows = staff holding the `window` post; staff
 * = the other staff. A user's cards are those they were responsible for (cards.responsible_user_id),
 * their completions the cases they acted on; their reporting figure is their department's.
 */

export const DEFAULT_FORMULA: ScoreFormula = {
  fromPeriod: '2000-01',
  expression: DEFAULT_SCORE_EXPRESSION,
  params: scoreParamsSchema.parse({}),
  source: '默认公式：基础分100分，黄牌每张扣5分，红牌每张扣10分，连续3次预警扣3分，提前办结达10%加1分、每再提高10%加1分，数据上报不完整每1%扣1分（最多扣5分）（domain.md §5.5 [EJ-SCORE]）',
}

interface FormulaRow {
  from_period: string
  expression: string
  params: string
  source: string
  updated_by: string
  updated_at: number | string
}

const toFormula = (r: FormulaRow): ScoreFormula => ({ fromPeriod: r.from_period, expression: r.expression, params: scoreParamsSchema.parse(JSON.parse(r.params)), source: r.source })

export async function getFormulas(deps: Deps) {
  const rows = (await deps.db.knex('score_formulas').orderBy('from_period')) as FormulaRow[]
  return { default: DEFAULT_FORMULA, formulas: rows.map((r) => ({ ...toFormula(r), updatedBy: r.updated_by, updatedAt: Number(r.updated_at) })) }
}

export async function formulaFor(deps: Deps, period: string): Promise<ScoreFormula> {
  const row = (await deps.db.knex('score_formulas').where('from_period', '<=', period).orderBy('from_period', 'desc').first()) as FormulaRow | undefined
  return row ? toFormula(row) : DEFAULT_FORMULA
}

export async function putFormula(deps: Deps, user: User, f: ScoreFormula, ip: string) {
  const parsed = scoreFormulaSchema.parse(f)
  const probe = evaluateFormula(parsed, { yellow: 1, red: 1, warnings: 3, warningRuns: 1, concluded: 10, early: 2, earlyShare: 0.2, incompletePercent: 1, adjustments: 0 })
  if (probe.error) throw new AppError('VALIDATION_FAILED', `the expression does not evaluate to a number: ${probe.error}`, { issues: [{ path: '/body/expression', message: probe.error }] })
  const now = deps.now()
  await deps.db.write(async (trx) => {
    await trx('score_formulas')
      .insert({ from_period: parsed.fromPeriod, expression: parsed.expression, params: JSON.stringify(parsed.params), source: parsed.source, updated_by: user.id, updated_at: now })
      .onConflict('from_period')
      .merge()
  })
  await audit(deps, { actorId: user.id, action: 'supervision.scoreFormula', target: parsed.fromPeriod, ip, success: true, details: { ...parsed } })
  return getFormulas(deps)
}

export interface Components {
  yellow: number
  red: number
  warnings: number
  warningRuns: number
  concluded: number
  early: number
  earlyShare: number
  earlyBonus: number
  incompletePercent: number
  reportingDeduction: number
  adjustments: number
}

type Inputs = Omit<Components, 'earlyBonus' | 'reportingDeduction'>

/** The formula's variables from the inputs, then the expression. */
export function evaluateFormula(f: ScoreFormula, i: Inputs): { score: number | null; components: Components; error?: string } {
  const p: ScoreParams = f.params
  const earlyBonus = i.concluded > 0 && i.earlyShare >= p.earlyThreshold ? (Math.floor((i.earlyShare - p.earlyThreshold) / p.earlyStep + 1e-9) + 1) * p.earlyPointsPerStep : 0
  const reportingDeduction = Math.min(p.reportingMax, Math.floor(i.incompletePercent + 1e-9) * p.reportingPointsPerPercent)
  const components: Components = { ...i, earlyBonus, reportingDeduction }
  const r = evaluateExpression(f.expression, { ...p, ...components })
  if (!r.ok) return { score: null, components, error: r.error.message }
  if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return { score: null, components, error: 'not a number' }
  return { score: Math.round(r.value * 100) / 100, components }
}

/** Consecutive 预警 runs: cards in issue order, a higher card breaks the run; each full run of `length` counts once. */
export function warningRuns(levels: readonly string[], length: number): number {
  let runs = 0
  let run = 0
  for (const l of levels) {
    if (l === 'warning') {
      run++
      if (run === length) {
        runs++
        run = 0
      }
    } else run = 0
  }
  return runs
}

function periodWindow(deps: Deps, period: string) {
  const [y, m] = period.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  const from = deps.calendar.startOfDay(`${period}-01`)
  const to = deps.calendar.startOfDay(`${next}-01`)
  const lastDay = deps.calendar.dayOf(to - 1)
  return { from, to, firstDay: `${period}-01`, lastDay }
}

interface Subject {
  id: string
  name: string
  departmentId: string
}

async function subjectsOf(deps: Deps, user: User, subject: SubjectType, department?: string): Promise<Subject[]> {
  const visible = await visibleDepartments(deps, user)
  const all = await listDepartments(deps)
  const ok = (id: string | null) => !!id && (visible === 'all' || visible.has(id)) && (!department || id === department)
  if (subject === 'department') return all.filter((d) => d.level === 'unit' && ok(d.id)).map((d) => ({ id: d.id, name: d.name, departmentId: d.id }))
  const users = (await deps.db.knex('users').whereNotNull('department_id').select('id', 'name', 'department_id', 'roles', 'posts')) as { id: string; name: string; department_id: string; roles: string; posts: string }[]
  return users
    .filter((u) => ok(u.department_id) && (JSON.parse(u.roles) as string[]).includes('staff'))
    .filter((u) => (JSON.parse(u.posts) as string[]).includes('window') === (subject === 'window'))
    .map((u) => ({ id: u.id, name: u.name, departmentId: u.department_id }))
}

/** The scores of a month for the subjects the user oversees (staff: their own department's). */
export async function scores(deps: Deps, user: User, q: { period: string; subject: SubjectType; department?: string }) {
  const k = deps.db.knex
  const formula = await formulaFor(deps, q.period)
  const w = periodWindow(deps, q.period)
  const subjects = await subjectsOf(deps, user, q.subject, q.department)
  const byUser = q.subject !== 'department'
  const col = byUser ? 'responsible_user_id' : 'department_id'
  const ids = subjects.map((s) => s.id)
  const cardRows = ids.length
    ? ((await k('cards').whereIn(col, ids).whereIn('status', [...COUNTING]).andWhere('issued_at', '>=', w.from).andWhere('issued_at', '<', w.to).orderBy('issued_at').orderBy('id').select(col, 'level')) as Record<string, string>[])
    : []
  const levels = new Map<string, string[]>()
  for (const r of cardRows) levels.set(r[col] as string, [...(levels.get(r[col] as string) ?? []), r.level as string])
  // Completions and early completions.
  const done = new Map<string, { concluded: number; early: number }>()
  if (!byUser) {
    const rows = ids.length ? ((await k('dept_day_stats').whereIn('department_id', ids).andWhere('day', '>=', w.firstDay).andWhere('day', '<=', w.lastDay).select('department_id').sum({ concluded: 'concluded', early: 'early' }).groupBy('department_id')) as { department_id: string; concluded: unknown; early: unknown }[]) : []
    for (const r of rows) done.set(r.department_id, { concluded: Number(r.concluded ?? 0), early: Number(r.early ?? 0) })
  } else if (ids.length) {
    const rows = (await k('case_acts as a').join('cases as c', 'c.id', 'a.case_id').whereIn('a.user_id', ids).whereNotNull('c.concluded_at').andWhere('c.concluded_at', '>=', w.from).andWhere('c.concluded_at', '<', w.to).select('a.user_id', 'c.concluded_at', 'c.promised_due_at')) as { user_id: string; concluded_at: number | string; promised_due_at: number | string | null }[]
    for (const r of rows) {
      const a = done.get(r.user_id) ?? { concluded: 0, early: 0 }
      a.concluded++
      if (r.promised_due_at !== null && deps.calendar.dayOf(Number(r.concluded_at)) < deps.calendar.dueDay(Number(r.promised_due_at))) a.early++
      done.set(r.user_id, a)
    }
  }
  // Reporting completeness of the month's cases, per department.
  const completeness = await exchangeCompleteness(deps, user, { since: w.firstDay, until: w.lastDay })
  const complete = new Map(completeness.departments.map((d) => [d.departmentId, d.completeShare]))
  const adjustments = ids.length ? ((await k('score_adjustments').where({ period: q.period, subject_type: q.subject }).whereIn('subject_id', ids).orderBy('created_at')) as { subject_id: string; points: number; reason: string; source: string; created_by: string; created_at: number | string }[]) : []
  const pub = (await k('score_publications').where({ period: q.period, subject_type: q.subject }).first()) as { published: boolean | number } | undefined
  const rows = subjects.map((s) => {
    const lv = levels.get(s.id) ?? []
    const d = done.get(s.id) ?? { concluded: 0, early: 0 }
    const share = complete.get(s.departmentId)
    const adj = adjustments.filter((a) => a.subject_id === s.id)
    const r = evaluateFormula(formula, {
      yellow: lv.filter((l) => l === 'yellow').length,
      red: lv.filter((l) => l === 'red').length,
      warnings: lv.filter((l) => l === 'warning').length,
      warningRuns: warningRuns(lv, formula.params.warningRunLength),
      concluded: d.concluded,
      early: d.early,
      earlyShare: d.concluded ? Math.round((d.early / d.concluded) * 10_000) / 10_000 : 0,
      incompletePercent: share === null || share === undefined ? 0 : Math.round((1 - share) * 10_000) / 100,
      adjustments: adj.reduce((t, a) => t + Number(a.points), 0),
    })
    return {
      subjectId: s.id,
      subjectName: s.name,
      departmentId: s.departmentId,
      score: r.score,
      ...(r.error ? { error: r.error } : {}),
      components: r.components,
      adjustments: adj.map((a) => ({ points: Number(a.points), reason: a.reason, source: a.source, by: a.created_by, at: Number(a.created_at) })),
    }
  })
  return { period: q.period, subject: q.subject, formula, published: !!pub?.published, rows }
}

async function subjectDepartment(deps: Deps, subjectType: SubjectType, subjectId: string): Promise<string> {
  if (subjectType === 'department') {
    const all = await listDepartments(deps)
    if (!all.some((d) => d.id === subjectId)) throw new AppError('NOT_FOUND', `no department ${subjectId}`)
    return subjectId
  }
  const u = (await deps.db.knex('users').where({ id: subjectId }).first('department_id')) as { department_id: string | null } | undefined
  if (!u?.department_id) throw new AppError('NOT_FOUND', `no staff member ${subjectId}`)
  return u.department_id
}

async function overseen(deps: Deps, user: User, departmentId: string): Promise<void> {
  const visible = await visibleDepartments(deps, user)
  if (visible !== 'all' && !visible.has(departmentId)) throw new AppError('NOT_FOUND', 'no such subject in your supervision')
}

export async function addAdjustment(deps: Deps, user: User, b: { period: string; subjectType: SubjectType; subjectId: string; points: number; reason: string }) {
  const dept = await subjectDepartment(deps, b.subjectType, b.subjectId)
  await overseen(deps, user, dept)
  const row = { id: randomUUID(), period: b.period, subject_type: b.subjectType, subject_id: b.subjectId, department_id: dept, points: b.points, reason: b.reason, source: 'manual', created_by: user.id, created_at: deps.now() }
  await deps.db.write((trx) => trx('score_adjustments').insert(row))
  return { id: row.id, period: b.period, subjectType: b.subjectType, subjectId: b.subjectId, points: b.points, reason: b.reason }
}

interface AppealRow {
  id: string
  period: string
  subject_type: SubjectType
  subject_id: string
  department_id: string
  reason: string
  status: 'open' | 'accepted' | 'rejected'
  decision: string | null
  points: number | null
  created_by: string
  created_at: number | string
  decided_by: string | null
  decided_at: number | string | null
}

const appealView = (r: AppealRow) => ({
  id: r.id,
  period: r.period,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  departmentId: r.department_id,
  reason: r.reason,
  status: r.status,
  decision: r.decision,
  points: r.points === null ? null : Number(r.points),
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at === null ? null : Number(r.decided_at),
})

export async function listScoreAppeals(deps: Deps, user: User, q: { period?: string; status?: string }) {
  const visible = await visibleDepartments(deps, user)
  const b = deps.db.knex('score_appeals').orderBy('created_at', 'desc').limit(500)
  if (visible !== 'all') b.whereIn('department_id', [...visible])
  if (q.period) b.where('period', q.period)
  if (q.status) b.where('status', q.status)
  return { items: ((await b) as AppealRow[]).map(appealView) }
}

/** Staff appeal their department's score, or their own. */
export async function fileScoreAppeal(deps: Deps, user: User, b: { period: string; subjectType: SubjectType; subjectId: string; reason: string }) {
  const dept = await subjectDepartment(deps, b.subjectType, b.subjectId)
  const own = b.subjectType === 'department' ? dept === user.departmentId : b.subjectId === user.id
  if (!own) throw new AppError('FORBIDDEN', 'staff appeal only the score of their department or their own')
  const row: AppealRow = { id: randomUUID(), period: b.period, subject_type: b.subjectType, subject_id: b.subjectId, department_id: dept, reason: b.reason, status: 'open', decision: null, points: null, created_by: user.id, created_at: deps.now(), decided_by: null, decided_at: null }
  await deps.db.write((trx) => trx('score_appeals').insert(row))
  return appealView(row)
}

export async function decideScoreAppeal(deps: Deps, user: User, id: string, b: { accept: boolean; reason: string; points: number }) {
  const now = deps.now()
  return deps.db.write(async (trx) => {
    const r = (await trx('score_appeals').where({ id }).first()) as AppealRow | undefined
    if (!r) throw new AppError('NOT_FOUND', `no appeal ${id}`)
    await overseen(deps, user, r.department_id)
    if (r.status !== 'open') throw new AppError('CONFLICT', `the appeal is already ${r.status}`)
    const points = b.accept ? b.points : 0
    await trx('score_appeals').where({ id, status: 'open' }).update({ status: b.accept ? 'accepted' : 'rejected', decision: b.reason, points, decided_by: user.id, decided_at: now })
    if (b.accept && points !== 0)
      await trx('score_adjustments').insert({ id: randomUUID(), period: r.period, subject_type: r.subject_type, subject_id: r.subject_id, department_id: r.department_id, points, reason: `申诉成立：${b.reason}`, source: 'appeal', created_by: user.id, created_at: now })
    return appealView({ ...r, status: b.accept ? 'accepted' : 'rejected', decision: b.reason, points, decided_by: user.id, decided_at: now })
  })
}

/** Publishes a snapshot of the month's scores (as the publishing supervisor sees them) to the hall, or withdraws it. */
export async function publishScores(deps: Deps, user: User, b: { period: string; subjectType: SubjectType; published: boolean }, ip: string) {
  const s = await scores(deps, user, { period: b.period, subject: b.subjectType })
  const snapshot = s.rows.map((r) => ({ subjectId: r.subjectId, subjectName: r.subjectName, score: r.score }))
  const now = deps.now()
  await deps.db.write((trx) =>
    trx('score_publications')
      .insert({ period: b.period, subject_type: b.subjectType, published: b.published, snapshot: JSON.stringify(snapshot), published_by: user.id, published_at: now })
      .onConflict(['period', 'subject_type'])
      .merge(),
  )
  await audit(deps, { actorId: user.id, action: 'supervision.publishScores', target: `${b.period}:${b.subjectType}`, ip, success: true, details: { published: b.published, rows: snapshot.length } })
  return { period: b.period, subjectType: b.subjectType, published: b.published, rows: snapshot }
}

export async function publishedScores(deps: Deps, q: { period?: string; subject: SubjectType }) {
  const k = deps.db.knex
  if (!q.period) {
    const rows = (await k('score_publications').where({ subject_type: q.subject }).andWhere('published', true).orderBy('period', 'desc').select('period')) as { period: string }[]
    return { subject: q.subject, periods: rows.map((r) => r.period) }
  }
  const row = (await k('score_publications').where({ period: q.period, subject_type: q.subject }).andWhere('published', true).first()) as { snapshot: string; published_at: number | string } | undefined
  if (!row) throw new AppError('NOT_FOUND', `no published scores for ${q.period}`)
  return { period: q.period, subject: q.subject, publishedAt: Number(row.published_at), rows: JSON.parse(row.snapshot) as unknown[] }
}
