import { randomUUID } from 'node:crypto'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { caseByNumberAndCode } from './cases'
import { hallSettings, overdueDays, workdayDeadline } from './consultations'
import { listDepartments, visibleDepartments } from './org'

/**
 * 好差评 (domain.md §6, GB/T 39046 Table 9 / A.8).
 *
 * The API takes 1–5 STARS, 5 best. GB/T 39046 codes satisfaction the other way round
 * (1 非常满意 … 5 非常不满意), so the stored and exchanged `satisfaction` code is 6 − stars:
 *   ★★★★★ 5 → 1 非常满意 · ★★★★ 4 → 2 满意 · ★★★ 3 → 3 基本满意 · ★★ 2 → 4 不满意 · ★ 1 → 5 非常不满意.
 * 1–2 stars (GB 4–5) are 差评: a comment is required and a follow-up opens (回访核实 → 整改 → 反馈)
 * that the case's department must answer within `rectificationDays` working days (default 5).
 * One rating per case (一事一评), only once the case is concluded; a second one gets 409.
 */
export const ratingChannels = ['pc', 'mobile', 'qrcode', 'hallTablet', 'hallTerminal', 'phone', 'sms'] as const
export type RatingChannel = (typeof ratingChannels)[number]
/** 评价渠道 names of GB/T 39046 Table 9. */
export const ratingChannelZh: Record<RatingChannel, string> = { pc: 'PC端', mobile: '移动服务端', qrcode: '二维码', hallTablet: '政务大厅平板电脑', hallTerminal: '政务大厅其他终端', phone: '电话', sms: '短信' }
export const satisfactionOf = (stars: number): number => 6 - stars
export const satisfactionZh = ['', '非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const
export const isBad = (stars: number): boolean => stars <= 2

interface RatingRow {
  id: string
  case_id: string
  case_no: string
  item_key: string
  item_version: number
  department_id: string
  stars: number
  satisfaction: number
  bad: boolean | number
  comment: string | null
  channel: string
  rated_at: number | string
}

interface FollowUpRow {
  id: string
  rating_id: string
  department_id: string
  status: 'open' | 'closed'
  opened_at: number | string
  due_at: number | string
  revisit: string | null
  substantiated: boolean | number | null
  rectification: string | null
  feedback: string | null
  answered_by: string | null
  answered_at: number | string | null
  overdue_days: number | null
}

const uniqueViolation = (e: unknown) => {
  const code = (e as { code?: string }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export async function rateCase(deps: Deps, r: { caseNo: string; queryCode: string; stars: number; comment?: string; channel: RatingChannel }, ip: string) {
  const { row, state } = await caseByNumberAndCode(deps, r.caseNo, r.queryCode, ip)
  if (state.status !== 'concluded') throw new AppError('UNPROCESSABLE', 'only a concluded case can be rated', { refusal: 'rating.notConcluded', status: state.status })
  const taken = () => new AppError('CONFLICT', 'this case has already been rated (一事一评)', { refusal: 'rating.once' })
  if (await deps.db.knex('ratings').where({ case_id: row.id }).first()) throw taken()
  const now = deps.now()
  const bad = isBad(r.stars)
  const dueAt = bad ? workdayDeadline(deps, now, (await hallSettings(deps)).rectificationDays) : undefined
  const id = randomUUID()
  try {
    await deps.db.knex.transaction(async (trx) => {
      await trx('ratings').insert({
        id,
        case_id: row.id,
        case_no: row.case_no,
        item_key: row.item_key,
        item_version: row.item_version,
        department_id: row.department_id,
        stars: r.stars,
        satisfaction: satisfactionOf(r.stars),
        bad,
        comment: r.comment || null,
        channel: r.channel,
        rater_name: state.applicant.name,
        rated_at: now,
      })
      if (dueAt !== undefined)
        await trx('rating_followups').insert({ id: randomUUID(), rating_id: id, case_id: row.id, department_id: row.department_id, status: 'open', opened_at: now, due_at: dueAt })
    })
  } catch (e) {
    if (uniqueViolation(e)) throw taken() // two ratings raced: the unique case_id lets one through
    throw e
  }
  return { caseNo: row.case_no, stars: r.stars, satisfaction: satisfactionOf(r.stars), bad, followUp: dueAt === undefined ? null : { status: 'open', dueDay: deps.calendar.dueDay(dueAt) } }
}

const followUpView = (deps: Deps, f: FollowUpRow, internal: boolean) => ({
  status: f.status,
  openedAt: Number(f.opened_at),
  dueDay: deps.calendar.dueDay(Number(f.due_at)),
  substantiated: f.substantiated === null ? null : Boolean(f.substantiated),
  rectification: f.rectification,
  feedback: f.feedback,
  answeredAt: f.answered_at === null ? null : Number(f.answered_at),
  overdueDays: f.status === 'open' ? overdueDays(deps, Number(f.due_at), deps.now()) : (f.overdue_days ?? 0),
  ...(internal ? { id: f.id, dueAt: Number(f.due_at), revisit: f.revisit, answeredBy: f.answered_by } : {}),
})

/** The applicant's view: their rating and, for a 差评, how the follow-up stands (no staff names, no internal notes). */
export async function ratingForApplicant(deps: Deps, caseNo: string, queryCode: string, ip: string) {
  const { row } = await caseByNumberAndCode(deps, caseNo, queryCode, ip)
  const rating = (await deps.db.knex('ratings').where({ case_id: row.id }).first()) as RatingRow | undefined
  if (!rating) return { caseNo, rating: null, followUp: null }
  const f = (await deps.db.knex('rating_followups').where({ rating_id: rating.id }).first()) as FollowUpRow | undefined
  return {
    caseNo,
    rating: { stars: rating.stars, satisfaction: rating.satisfaction, satisfactionZh: satisfactionZh[rating.satisfaction], comment: rating.comment, channel: rating.channel, ratedAt: Number(rating.rated_at) },
    followUp: f ? followUpView(deps, f, false) : null,
  }
}

export interface RatingFilters {
  bad?: boolean
  followUp?: 'open' | 'closed'
  overdue?: boolean
  itemKey?: string
  page: number
  pageSize: number
}

/** Ratings of the departments the user sees (staff: own; supervisors: their level and below), newest first. */
export async function listRatings(deps: Deps, user: User, f: RatingFilters) {
  const visible = await visibleDepartments(deps, user)
  const k = deps.db.knex
  const q = k('ratings').leftJoin('rating_followups', 'rating_followups.rating_id', 'ratings.id')
  if (visible !== 'all') q.whereIn('ratings.department_id', [...visible])
  if (f.bad !== undefined) q.where('ratings.bad', f.bad)
  if (f.itemKey) q.where('ratings.item_key', f.itemKey)
  if (f.followUp) q.where('rating_followups.status', f.followUp)
  if (f.overdue) q.where('rating_followups.status', 'open').andWhere('rating_followups.due_at', '<', deps.now())
  const total = Number(((await q.clone().count({ n: '*' }).first()) as { n: number | string }).n)
  const rows = (await q
    .select('ratings.*', k.ref('rating_followups.id').as('f_id'))
    .orderBy('ratings.rated_at', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)) as (RatingRow & { f_id: string | null })[]
  const ids = rows.flatMap((r) => (r.f_id ? [r.f_id] : []))
  const followUps = new Map(((ids.length ? await k('rating_followups').whereIn('id', ids) : []) as FollowUpRow[]).map((x) => [x.rating_id, x]))
  const names = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map((r) => {
      const fu = followUps.get(r.id)
      return {
        id: r.id,
        caseId: r.case_id,
        caseNo: r.case_no,
        itemKey: r.item_key,
        itemVersion: r.item_version,
        departmentId: r.department_id,
        department: names.get(r.department_id) ?? null,
        stars: r.stars,
        satisfaction: r.satisfaction,
        bad: Boolean(r.bad),
        comment: r.comment,
        channel: r.channel,
        ratedAt: Number(r.rated_at),
        followUp: fu ? followUpView(deps, fu, true) : null,
      }
    }),
  }
}

export interface FollowUpAnswer {
  revisit: string
  substantiated: boolean
  rectification?: string
  feedback: string
}

/**
 * 回访核实 → 整改 → 反馈 in one answer by staff of the case's department: the revisit result, whether
 * the criticism was substantiated, the rectification measures (required when it was), and the
 * feedback given to the applicant. Closes the follow-up; answering twice gets 409.
 */
export async function answerFollowUp(deps: Deps, user: User, ratingId: string, a: FollowUpAnswer) {
  const visible = await visibleDepartments(deps, user)
  const f = (await deps.db.knex('rating_followups').where({ rating_id: ratingId }).first()) as FollowUpRow | undefined
  if (!f || (visible !== 'all' && !visible.has(f.department_id))) throw new AppError('NOT_FOUND', `no follow-up for rating ${ratingId}`, { ratingId })
  if (!user.roles.includes('staff') || user.departmentId !== f.department_id) throw new AppError('FORBIDDEN', "the follow-up is answered by staff of the case's department")
  if (f.status !== 'open') throw new AppError('CONFLICT', 'this follow-up is already closed', { status: f.status })
  const now = deps.now()
  const late = overdueDays(deps, Number(f.due_at), now)
  const n = await deps.db
    .knex('rating_followups')
    .where({ id: f.id, status: 'open' })
    .update({ status: 'closed', revisit: a.revisit, substantiated: a.substantiated, rectification: a.rectification ?? null, feedback: a.feedback, answered_by: user.id, answered_at: now, overdue_days: late })
  if (n === 0) throw new AppError('CONFLICT', 'this follow-up is already closed')
  await audit(deps, { actorId: user.id, action: 'rating.followUp', target: ratingId, success: true, details: { substantiated: a.substantiated, overdueDays: late } })
  return { ratingId, status: 'closed', overdueDays: late }
}
