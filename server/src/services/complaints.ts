import { z } from 'zod'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import {
  createRequest,
  hallSettings,
  limitSubmissions,
  overdueDays,
  requestScope,
  resolveTarget,
  type HallSettings,
  type RequestKind,
  type RequestRow,
  type Submission,
} from './consultations'
import { listDepartments, type Department } from './org'

/**
 * 投诉: the complaint categories and their routing, the admin settings, and the supervision lists
 * of consultations and complaints (the shared lifecycle is in consultations.ts).
 */

const categorySchema = z.object({ code: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/), nameZh: z.string().trim().min(1).max(50), handler: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/) }).strict()

/** The hall settings as the admin API accepts them (see HallSettings). */
export const hallSettingsSchema = z
  .object({
    consultationDays: z.number().int().min(1).max(60),
    complaintDays: z.number().int().min(1).max(60),
    /** 差评 整改 deadline (local rules: 5 workdays 德州, 15 a Sichuan city). */
    rectificationDays: z.number().int().min(1).max(60),
    /** Complaint categories and who handles each: 'department' (the unit complained about) or a function name, see routeComplaint. */
    complaintCategories: z.array(categorySchema).min(1).max(50),
    /** function → government department id → the department that performs it there (e.g. discipline → { cd: 'cd-jw' }). */
    functions: z.record(z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/), z.record(z.string().max(64), z.string().max(64))),
  })
  .strict()

/**
 * Complaint routing (domain.md §2.2, EJ-8 §8): the category names a handler. 'department' is the
 * unit complained about itself; any other handler is a function (行政服务中心, 纠风办, 纪委监委…) looked
 * up in `functions` at the government the unit belongs to, then each government above it. Where no
 * level configures the function, the nearest government itself handles the complaint.
 */
export function routeComplaint(all: readonly Department[], s: HallSettings, category: string, target: Department): { department: Department; routedBy: string } {
  const handler = s.complaintCategories.find((c) => c.code === category)?.handler ?? 'department'
  if (handler === 'department') return { department: target, routedBy: `${category}:department` }
  const byId = new Map(all.map((d) => [d.id, d]))
  const map = s.functions[handler] ?? {}
  let nearest: Department | undefined
  let d: Department | undefined = target
  for (let hops = 0; d && hops <= all.length; hops++, d = d.parentId ? byId.get(d.parentId) : undefined) {
    if (d.level === 'unit') continue
    nearest ??= d
    const found = map[d.id] === undefined ? undefined : byId.get(map[d.id] as string)
    if (found) return { department: found, routedBy: `${category}:${handler}@${d.id}` }
  }
  return { department: nearest ?? target, routedBy: `${category}:${handler}:government` }
}

export interface ComplaintInput extends Submission {
  category: string
  itemKey?: string
  departmentId?: string
  caseNo?: string
  targetPerson?: string
}

/** 投诉: names what it is about (item, department or case), is routed by category, limit `complaintDays` working days. */
export async function submitComplaint(deps: Deps, c: ComplaintInput, ip: string) {
  limitSubmissions(deps, ip)
  const s = await hallSettings(deps)
  if (!s.complaintCategories.some((x) => x.code === c.category)) {
    const message = `one of: ${s.complaintCategories.map((x) => `${x.code} (${x.nameZh})`).join(', ')}`
    throw new AppError('VALIDATION_FAILED', `invalid body: /body/category ${message}`, { issues: [{ path: '/body/category', message }] })
  }
  const { department: target, itemKey } = await resolveTarget(deps, c)
  const { department, routedBy } = routeComplaint(await listDepartments(deps), s, c.category, target)
  const { name, phone, title, content, isPublic, category, targetPerson, caseNo } = c
  return createRequest(deps, {
    name,
    phone,
    title,
    content,
    isPublic,
    kind: 'complaint',
    channel: 'online',
    category,
    itemKey,
    targetDepartmentId: target.id,
    targetPerson,
    targetCaseNo: caseNo,
    department,
    routedBy,
    limitDays: s.complaintDays,
  })
}

export const complaintCategories = async (deps: Deps) => (await hallSettings(deps)).complaintCategories.map(({ code, nameZh }) => ({ code, nameZh }))

/** Checks what zod cannot (unique codes, departments that exist), then stores and audits. A handler no level configures falls back to the nearest government. */
export async function saveHallSettings(deps: Deps, user: User, s: HallSettings): Promise<HallSettings> {
  const ids = new Set((await listDepartments(deps)).map((d) => d.id))
  const issues: { path: string; message: string }[] = []
  const codes = new Set<string>()
  s.complaintCategories.forEach((c, i) => {
    if (codes.has(c.code)) issues.push({ path: `/body/complaintCategories/${i}/code`, message: `duplicate category ${c.code}` })
    codes.add(c.code)
  })
  for (const [fn, map] of Object.entries(s.functions))
    for (const [gov, dept] of Object.entries(map)) {
      if (!ids.has(gov)) issues.push({ path: `/body/functions/${fn}/${gov}`, message: `no department ${gov}` })
      if (!ids.has(dept)) issues.push({ path: `/body/functions/${fn}/${gov}`, message: `no department ${dept}` })
    }
  if (issues.length) throw new AppError('VALIDATION_FAILED', `invalid body: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues })
  await deps.db.knex('settings').insert({ key: 'hall', value: JSON.stringify(s) }).onConflict('key').merge()
  await audit(deps, { actorId: user.id, action: 'hall.settings', success: true, details: { ...s } })
  return s
}

const num = (v: number | string | null) => (v === null ? null : Number(v))

export function staffRequestView(deps: Deps, row: RequestRow, names: Map<string, string>) {
  const dueAt = Number(row.due_at)
  const now = deps.now()
  return {
    id: row.id,
    no: row.request_no,
    kind: row.kind,
    name: row.name,
    phone: row.phone,
    title: row.title,
    content: row.content,
    isPublic: Boolean(row.is_public),
    category: row.category,
    itemKey: row.item_key,
    targetDepartmentId: row.target_department_id,
    targetDepartment: row.target_department_id ? (names.get(row.target_department_id) ?? null) : null,
    targetPerson: row.target_person,
    targetCaseNo: row.target_case_no,
    channel: row.channel,
    departmentId: row.department_id,
    department: names.get(row.department_id) ?? null,
    routedBy: row.routed_by,
    status: row.status,
    limitDays: row.limit_days,
    submittedAt: Number(row.submitted_at),
    dueAt,
    dueDay: deps.calendar.dueDay(dueAt),
    extension: row.extension_days === null ? null : { days: row.extension_days, reason: row.extension_reason, at: num(row.extended_at) },
    reply: row.reply,
    repliedBy: row.replied_by_name,
    repliedAt: num(row.replied_at),
    overdueDays: row.status === 'submitted' ? overdueDays(deps, dueAt, now) : (row.overdue_days ?? 0),
    closedAt: num(row.closed_at),
  }
}

export interface RequestFilters {
  status?: 'submitted' | 'answered' | 'closed'
  overdue?: boolean
  page: number
  pageSize: number
}

export async function listRequests(deps: Deps, user: User, kind: RequestKind, f: RequestFilters) {
  const s = await requestScope(deps, user)
  const q = deps.db.knex('hall_requests').where({ kind })
  if (s.visible !== 'all') {
    const ids = [...s.visible]
    q.andWhere((w) => {
      w.whereIn('department_id', ids)
      if (s.oversees) w.orWhereIn('target_department_id', ids)
    })
  }
  if (f.status) q.andWhere('status', f.status)
  if (f.overdue) q.andWhere('status', 'submitted').andWhere('due_at', '<', deps.now())
  const total = Number(((await q.clone().count({ n: '*' }).first()) as { n: number | string }).n)
  const rows = (await (f.overdue ? q.orderBy('due_at', 'asc') : q.orderBy('submitted_at', 'desc')).limit(f.pageSize).offset((f.page - 1) * f.pageSize)) as RequestRow[]
  const names = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => staffRequestView(deps, r, names)) }
}

