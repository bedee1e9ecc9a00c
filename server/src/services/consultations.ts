import { randomInt, randomUUID } from 'node:crypto'
import { CalendarUnknownError } from '@sunlight/calendar'
import type { User } from '../auth/roles'
import { safeEqual, sha256 } from '../auth/tokens'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { nextValue } from './counters'
import { listDepartments, visibleDepartments, type Department } from './org'

/**
 * 咨询 and 投诉 (GB/T 39046 Table 10) share one lifecycle, kept here; complaints.ts adds the
 * complaint categories and routing. A request is submitted without an account and gets a number
 * (ZX/TS + day + gap-free sequence) and a 6-digit query password (stored hashed). It has a time
 * limit in working days counted from the submission instant (due_at, 24:00 of the last day), may
 * be extended once with a reason while not yet overdue, is answered by the handling department
 * (or a supervisor above it) and closed by the asker or by staff once answered:
 * submitted → answered → closed.
 */
export type RequestKind = 'consultation' | 'complaint'
const prefixOf: Record<RequestKind, string> = { consultation: 'ZX', complaint: 'TS' }

/** Configurable hall rules, stored in `settings` under 'hall' (admin: PUT /api/admin/hall-settings; schema in complaints.ts). */
export interface HallSettings {
  consultationDays: number
  complaintDays: number
  /** 差评 整改 deadline, working days (local rules: 5 in 德州, 15 in a Sichuan city). */
  rectificationDays: number
  /** Complaint categories and who handles each: 'department' (the unit complained about) or a function name (complaints.ts routeComplaint). */
  complaintCategories: { code: string; nameZh: string; handler: string }[]
  /** function → government department id → the department performing it there (e.g. discipline → { sc: 'sc-jw' }). */
  functions: Record<string, Record<string, string>>
}

/** Defaults: 5 / 10 / 5 working days; the routing example of domain.md §2.2 (EJ-8 §8). */
export const defaultHallSettings: HallSettings = {
  consultationDays: 5,
  complaintDays: 10,
  rectificationDays: 5,
  complaintCategories: [
    { code: 'conduct', nameZh: '违规操作/服务态度', handler: 'serviceCenter' }, // → 行政服务中心
    { code: 'fees', nameZh: '违规收费/吃拿卡要', handler: 'integrity' }, // → 纠风办
    { code: 'discipline', nameZh: '违纪', handler: 'discipline' }, // → 监察 (纪委监委)
    { code: 'delay', nameZh: '超时办理/推诿拖延', handler: 'department' },
    { code: 'other', nameZh: '其他', handler: 'department' },
  ],
  functions: {},
}

export async function hallSettings(deps: Deps): Promise<HallSettings> {
  const row = (await deps.db.knex('settings').where({ key: 'hall' }).first()) as { value: string } | undefined
  if (!row) return defaultHallSettings
  return { ...defaultHallSettings, ...(JSON.parse(row.value) as Partial<HallSettings>) } // validated when saved
}

/** `addLimit` in working days, as a 422 (not a 500) when the holiday table does not reach that far. */
export function workdayDeadline(deps: Deps, from: number, days: number): number {
  try {
    return deps.calendar.addLimit(from, { value: days, unit: 'workdays' })
  } catch (e) {
    if (e instanceof CalendarUnknownError) throw new AppError('UNPROCESSABLE', e.message, { date: e.date, messageZh: e.messageZh })
    throw e
  }
}

/** Working days a deadline is exceeded by at `at` (at least 1 once past it: overdue by one second counts); 0 if not past. */
export function overdueDays(deps: Deps, dueAt: number, at: number): number {
  if (at <= dueAt) return 0
  try {
    return Math.max(1, deps.calendar.workdaysBetween(deps.calendar.dueDay(dueAt), deps.calendar.dayOf(at)))
  } catch {
    return Math.max(1, Math.ceil((at - dueAt) / 86_400_000))
  }
}

export interface RequestRow {
  id: string
  kind: RequestKind
  request_no: string
  query_code_hash: string
  name: string
  phone: string
  title: string
  content: string
  is_public: boolean | number
  category: string | null
  item_key: string | null
  target_department_id: string | null
  target_person: string | null
  target_case_no: string | null
  channel: string
  department_id: string
  routed_by: string
  status: 'submitted' | 'answered' | 'closed'
  limit_days: number
  submitted_at: number | string
  due_at: number | string
  extension_days: number | null
  extension_reason: string | null
  extended_at: number | string | null
  reply: string | null
  replied_by_name: string | null
  replied_at: number | string | null
  overdue_days: number | null
  closed_at: number | string | null
  region_code: string | null
}

/** What the public types into the form. */
export interface Submission {
  name: string
  phone: string
  title: string
  content: string
  isPublic: boolean
}

export interface NewRequest extends Submission {
  kind: RequestKind
  channel: string
  category?: string
  itemKey?: string
  targetDepartmentId?: string
  targetPerson?: string
  targetCaseNo?: string
  department: Department
  routedBy: string
  limitDays: number
}

const hashCode = (id: string, code: string) => sha256(`${id}:${code}`)
const num = (v: number | string | null) => (v === null ? null : Number(v))

/** Anti-automation on the public forms: 30 submissions per IP per 10 minutes. */
export function limitSubmissions(deps: Deps, ip: string): void {
  if (!deps.limiter.hit(`hall-submit:${ip}`, 30, 600_000, deps.now())) throw new AppError('TOO_MANY_REQUESTS', 'too many submissions from this address; wait a few minutes')
}

export async function createRequest(deps: Deps, r: NewRequest) {
  const now = deps.now()
  const dueAt = workdayDeadline(deps, now, r.limitDays)
  const id = randomUUID()
  const queryCode = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const no = await deps.db.knex.transaction(async (trx) => {
    const day = deps.calendar.dayOf(now).replace(/-/g, '')
    const requestNo = `${prefixOf[r.kind]}${day}${String(await nextValue(trx, `${r.kind}No:${day}`)).padStart(6, '0')}`
    await trx('hall_requests').insert({
      id,
      kind: r.kind,
      request_no: requestNo,
      query_code_hash: hashCode(id, queryCode),
      name: r.name,
      phone: r.phone,
      title: r.title,
      content: r.content,
      is_public: r.isPublic,
      category: r.category ?? null,
      item_key: r.itemKey ?? null,
      target_department_id: r.targetDepartmentId ?? null,
      target_person: r.targetPerson ?? null,
      target_case_no: r.targetCaseNo ?? null,
      channel: r.channel,
      department_id: r.department.id,
      routed_by: r.routedBy,
      status: 'submitted',
      limit_days: r.limitDays,
      submitted_at: now,
      due_at: dueAt,
      region_code: r.department.regionCode,
    })
    return requestNo
  })
  return { no, queryCode, status: 'submitted', dueAt, dueDay: deps.calendar.dueDay(dueAt), handlingDepartment: r.department.name }
}

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `invalid body: /body/${field} ${message}`, { issues: [{ path: `/body/${field}`, message }] })

/**
 * The department a request is about: the one named, else the one holding the item, else the one
 * handling the case (a case number alone reveals nothing else about the case). 400 naming the field.
 */
export async function resolveTarget(deps: Deps, t: { itemKey?: string; departmentId?: string; caseNo?: string }): Promise<{ department: Department; itemKey?: string }> {
  const k = deps.db.knex
  const item = t.itemKey ? ((await k('items').where({ key: t.itemKey }).whereNotNull('published_version').whereNot({ status: 'cancelled' }).first()) as { department_id: string } | undefined) : undefined
  if (t.itemKey && !item) throw invalid('itemKey', 'no published item with this key')
  const kase = t.caseNo ? ((await k('cases').where({ case_no: t.caseNo }).first()) as { department_id: string; item_key: string } | undefined) : undefined
  if (t.caseNo && !kase) throw invalid('caseNo', 'no case with this number; name the department or the item instead')
  const id = t.departmentId ?? item?.department_id ?? kase?.department_id
  if (!id) throw invalid('departmentId', 'name the department, the item or the case number')
  const department = (await listDepartments(deps)).find((d) => d.id === id)
  if (!department) throw invalid('departmentId', 'no such department')
  return { department, itemKey: t.itemKey ?? kase?.item_key }
}

export interface ConsultationInput extends Submission {
  itemKey?: string
  departmentId?: string
}

/** 咨询: answered by the department asked (or holding the item), within `consultationDays` working days. */
export async function submitConsultation(deps: Deps, c: ConsultationInput, ip: string) {
  limitSubmissions(deps, ip)
  const { department, itemKey } = await resolveTarget(deps, c)
  const { consultationDays } = await hallSettings(deps)
  const { name, phone, title, content, isPublic } = c
  return createRequest(deps, { name, phone, title, content, isPublic, kind: 'consultation', channel: 'online', itemKey, targetDepartmentId: department.id, department, routedBy: 'department', limitDays: consultationDays })
}

/** Public look-up: rate-limited per IP; an unknown number and a wrong password get the same 404. */
export async function requestByNumberAndCode(deps: Deps, kind: RequestKind, no: string, code: string, ip: string): Promise<RequestRow> {
  if (!deps.limiter.hit(`hall-track:${ip}`, 30, 60_000, deps.now())) throw new AppError('TOO_MANY_REQUESTS', 'too many look-ups; wait a minute')
  const row = (await deps.db.knex('hall_requests').where({ kind, request_no: no }).first()) as RequestRow | undefined
  if (!row || !safeEqual(row.query_code_hash, hashCode(row.id, code))) throw new AppError('NOT_FOUND', `no ${kind} with this number and query password`)
  return row
}

/** What the asker sees: no staff names, no internal routing. */
export async function publicRequestView(deps: Deps, row: RequestRow) {
  const dept = (await listDepartments(deps)).find((d) => d.id === row.department_id)
  const dueAt = Number(row.due_at)
  return {
    no: row.request_no,
    kind: row.kind,
    title: row.title,
    category: row.category,
    status: row.status,
    submittedAt: Number(row.submitted_at),
    dueDay: deps.calendar.dueDay(dueAt),
    extension: row.extension_days === null ? null : { days: row.extension_days, reason: row.extension_reason },
    handlingDepartment: dept?.name ?? null,
    reply: row.reply,
    repliedAt: num(row.replied_at),
    overdue: row.status === 'submitted' && deps.now() > dueAt,
    closedAt: num(row.closed_at),
  }
}

/**
 * Who sees a request: its handling department's staff; supervisors (and legal reviewers) at their
 * level and below, by handling department or by the department complained about; administrators all.
 */
export async function requestScope(deps: Deps, user: User) {
  return { visible: await visibleDepartments(deps, user), oversees: user.roles.includes('supervisor') || user.roles.includes('admin') }
}

const seesRow = (s: Awaited<ReturnType<typeof requestScope>>, row: RequestRow) =>
  s.visible === 'all' || s.visible.has(row.department_id) || (s.oversees && !!row.target_department_id && s.visible.has(row.target_department_id))

export async function requestForUser(deps: Deps, user: User, kind: RequestKind, id: string): Promise<RequestRow> {
  const row = (await deps.db.knex('hall_requests').where({ kind, id }).first()) as RequestRow | undefined
  if (!row || !seesRow(await requestScope(deps, user), row)) throw new AppError('NOT_FOUND', `no ${kind} ${id}`, { id })
  return row
}

/** Staff of the handling department, a supervisor above it, or an administrator. */
async function handlerOf(deps: Deps, user: User, kind: RequestKind, id: string): Promise<RequestRow> {
  const row = await requestForUser(deps, user, kind, id)
  const own = user.departmentId === row.department_id && (user.roles.includes('staff') || user.roles.includes('supervisor'))
  const s = await requestScope(deps, user)
  const above = s.oversees && (s.visible === 'all' || s.visible.has(row.department_id))
  if (!own && !above) throw new AppError('FORBIDDEN', `this ${kind} is handled by another department`)
  return row
}

/** Updates a row only if its status is still `from` (two answers racing: the second gets 409). */
async function transition(deps: Deps, row: RequestRow, from: RequestRow['status'], patch: Record<string, unknown>, what: string, where: Record<string, null> = {}) {
  if (row.status !== from) throw new AppError('CONFLICT', `cannot ${what}: the ${row.kind} is ${row.status}`, { status: row.status })
  const n = await deps.db.knex('hall_requests').where({ id: row.id, status: from, ...where }).update(patch)
  if (n === 0) throw new AppError('CONFLICT', `cannot ${what}: the ${row.kind} was changed meanwhile; reload it`)
}

export async function answerRequest(deps: Deps, user: User, kind: RequestKind, id: string, reply: string) {
  const row = await handlerOf(deps, user, kind, id)
  const now = deps.now()
  const late = overdueDays(deps, Number(row.due_at), now) // 超期天数, kept for supervision
  await transition(deps, row, 'submitted', { status: 'answered', reply, replied_by: user.id, replied_by_name: user.name, replied_at: now, overdue_days: late }, 'answer')
  await audit(deps, { actorId: user.id, action: `${kind}.answer`, target: row.request_no, success: true, details: { overdueDays: late } })
  return { id, no: row.request_no, status: 'answered', overdueDays: late }
}

export async function extendRequest(deps: Deps, user: User, kind: RequestKind, id: string, days: number, reason: string) {
  const row = await handlerOf(deps, user, kind, id)
  if (row.extension_days !== null) throw new AppError('CONFLICT', `this ${kind} was already extended once`, { refusal: 'extension.once' })
  const now = deps.now()
  if (row.status === 'submitted' && now > Number(row.due_at))
    throw new AppError('UNPROCESSABLE', 'the time limit has already passed; an extension must be granted before it ends', { refusal: 'extension.overdue' })
  const dueAt = workdayDeadline(deps, Number(row.submitted_at), row.limit_days + days)
  await transition(deps, row, 'submitted', { due_at: dueAt, extension_days: days, extension_reason: reason, extended_by: user.id, extended_at: now }, 'extend', { extension_days: null })
  await audit(deps, { actorId: user.id, action: `${kind}.extend`, target: row.request_no, success: true, details: { days, reason } })
  return { id, no: row.request_no, dueAt, dueDay: deps.calendar.dueDay(dueAt) }
}

export async function closeRequest(deps: Deps, row: RequestRow, by: User | undefined) {
  await transition(deps, row, 'answered', { status: 'closed', closed_by: by?.id ?? 'public', closed_at: deps.now() }, 'close')
  await audit(deps, { actorId: by?.id ?? null, action: `${row.kind}.close`, target: row.request_no, success: true })
  return { no: row.request_no, status: 'closed' }
}

export const closeByStaff = async (deps: Deps, user: User, kind: RequestKind, id: string) => closeRequest(deps, await handlerOf(deps, user, kind, id), user)
