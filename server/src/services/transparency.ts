import type { Calendar } from '@sunlight/calendar'
import { defaultDictionaries, dictionaryLabel, type PowerItemDefinition } from '@sunlight/definition'
import type { CaseState } from '@sunlight/engine'
import type { Deps } from '../deps'
import { stateOf, type CaseRow } from './case-store'
import { definitionAt, listPublished } from './items-store'
import { listDepartments } from './org'

/**
 * 政务公开 figures. Aggregates only: counts, rates and means per item and per department, never a
 * case number, a name or a date of one case.
 *
 * - received: cases submitted (online or at the window), voided ones (作废: entered in error) left out;
 * - concluded: of those, the cases that are 办结 (any result, incl. 不予受理 and 并案);
 * - timed: concluded cases that were accepted (only they run the promised-limit clock), except
 *   those whose deadline lies beyond the holiday table (counted in unknownCalendar, never guessed);
 * - onTime: timed cases concluded no later than their promised deadline (承诺时限 + extensions,
 *   net of pauses: special procedures, 补正 and suspensions, 行政许可法 art. 45);
 * - averageWorkdays: mean working days from the day of acceptance to the day of conclusion, net of
 *   the same pauses (the unit of 行政许可法 art. 82), one decimal; null while nothing is timed.
 */
export interface Figures {
  received: number
  concluded: number
  timed: number
  onTime: number
  unknownCalendar: number
  /** onTime / timed, 0…1 with three decimals; null when timed is 0. */
  onTimeRate: number | null
  averageWorkdays: number | null
}

interface Acc {
  received: number
  concluded: number
  timed: number
  onTime: number
  unknownCalendar: number
  workdays: number
}

const empty = (): Acc => ({ received: 0, concluded: 0, timed: 0, onTime: 0, unknownCalendar: 0, workdays: 0 })

export const DURATION_UNIT = 'workdays' as const

/** Adds one case to an accumulator. A deadline the calendar cannot compute counts as not on time. */
export function addCase(acc: Acc, def: PowerItemDefinition, s: CaseState, cal: Calendar): void {
  if (s.result === 'voided') return
  acc.received++
  if (s.status !== 'concluded') return
  acc.concluded++
  if (s.clockStart === undefined || s.concludedAt === undefined) return
  const pauses = s.pauses.map((p) => ({ from: p.from, to: p.to ?? s.concludedAt }))
  const limit = { value: def.item.promisedLimit.value + s.extension, unit: def.item.promisedLimit.unit }
  let deadline: number
  let workdays: number
  try {
    deadline = cal.deadline(s.clockStart, limit, pauses)
    workdays = cal.consumed(s.clockStart, { value: 1, unit: 'workdays' }, pauses, s.concludedAt)
  } catch {
    // The deadline falls outside the holiday table ("calendar unknown"): the case is not judged
    // on time or late, and stays out of the rate and the mean rather than be guessed.
    acc.unknownCalendar++
    return
  }
  acc.timed++
  if (s.concludedAt <= deadline) acc.onTime++
  acc.workdays += workdays
}

export function figuresOf(a: Acc): Figures {
  return {
    received: a.received,
    concluded: a.concluded,
    timed: a.timed,
    onTime: a.onTime,
    unknownCalendar: a.unknownCalendar,
    onTimeRate: a.timed ? Math.round((a.onTime / a.timed) * 1000) / 1000 : null,
    averageWorkdays: a.timed ? Math.round((a.workdays / a.timed) * 10) / 10 : null,
  }
}

type StatRow = Pick<CaseRow, 'item_key' | 'item_version' | 'department_id' | 'state'>

/**
 * Figures per published item and per department (every published item is listed, with zeros
 * when it has no case yet); `itemKey` / `departmentId` narrow both lists.
 */
export async function statistics(deps: Deps, filter: { itemKey?: string; departmentId?: string }) {
  const q = deps.db.knex('cases').select('item_key', 'item_version', 'department_id', 'state')
  if (filter.itemKey) q.where('item_key', filter.itemKey)
  if (filter.departmentId) q.where('department_id', filter.departmentId)
  const rows = (await q) as StatRow[]
  const published = await listPublished(deps)
  const depts = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  const byItem = new Map<string, Acc>()
  const byDept = new Map<string, Acc>()
  for (const { item } of published) {
    if ((filter.itemKey && item.key !== filter.itemKey) || (filter.departmentId && item.department_id !== filter.departmentId)) continue
    byItem.set(item.key, empty())
    byDept.set(item.department_id, byDept.get(item.department_id) ?? empty())
  }
  const itemDept = new Map<string, string>()
  for (const r of rows) {
    const def = await definitionAt(deps, r.item_key, Number(r.item_version))
    const s = stateOf(r as CaseRow)
    itemDept.set(r.item_key, r.department_id)
    for (const [map, key] of [[byItem, r.item_key], [byDept, r.department_id]] as const) {
      const acc = map.get(key) ?? empty()
      addCase(acc, def, s, deps.calendar)
      map.set(key, acc)
    }
  }
  const names = new Map(published.map(({ item, definition }) => [item.key, { name: definition.item.name, departmentId: item.department_id }]))
  return {
    durationUnit: DURATION_UNIT,
    asOf: deps.calendar.dayOf(deps.now()),
    items: [...byItem.entries()]
      .map(([key, a]) => {
        const departmentId = names.get(key)?.departmentId ?? itemDept.get(key) ?? ''
        return { itemKey: key, itemName: names.get(key)?.name ?? key, departmentId, department: depts.get(departmentId) ?? departmentId, ...figuresOf(a) }
      })
      .sort((x, y) => y.received - x.received || x.itemKey.localeCompare(y.itemKey)),
    departments: [...byDept.entries()]
      .map(([id, a]) => ({ departmentId: id, department: depts.get(id) ?? id, ...figuresOf(a) }))
      .sort((x, y) => y.received - x.received || x.departmentId.localeCompare(y.departmentId)),
  }
}

/** Decision kinds published under 双公示 (行政许可、行政处罚信息公示). */
export const LICENSING_KINDS = ['approvalDecision', 'denialDecision'] as const
export const PENALTY_KINDS = ['penaltyDecision'] as const

/**
 * A natural person's name as published: the surname, the rest masked (王** / 欧阳*). A legal
 * person's or organisation's name is published in full (信用信息公示).
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return '*'
  const compound = chars.length >= 4 && /^[\u4e00-\u9fff]+$/.test(name) ? 2 : 1
  return chars.slice(0, compound).join('') + '*'.repeat(chars.length - compound)
}

/** The counterpart is a legal person or organisation when identified by a 统一社会信用代码 (idType 01). */
export const isLegalPerson = (a: CaseState['applicant']): boolean => a.idType === '01'

interface DecisionRow {
  id: string
  case_id: string
  kind: string
  title: string
  doc_no: string
  item_key: string
  item_version: number | string
  department_id: string
  issued_at: number | string
  state: string
}

/** What a published decision says: never the form's free text (it may name third persons). */
export function decisionContent(def: PowerItemDefinition, kind: string, s: CaseState): string {
  const resultZh = s.result ? (dictionaryLabel(defaultDictionaries.result, s.result) ?? s.result) : undefined
  if (kind === 'penaltyDecision') {
    const ds = def.discretion[0]
    const grade = ds?.grades.find((g) => g.id === s.penalty?.grade)
    const parts = [
      ds ? `违法行为：${ds.violation}` : undefined,
      ds?.legalBasis.length ? `处罚依据：${ds.legalBasis.map((b) => `《${b.law}》${b.article ?? ''}`).join('、')}` : undefined,
      grade?.actions.length ? `处罚内容：${grade.actions.join('；')}` : undefined,
      s.penalty && s.penalty.amount > 0 ? `罚款${s.penalty.amount.toLocaleString('zh-CN')}元` : undefined,
    ]
    return parts.filter(Boolean).join('；') || def.item.name
  }
  return `${def.item.name}：${resultZh ?? (kind === 'denialDecision' ? '不予许可' : '准予许可')}`
}

/**
 * 双公示: issued (not superseded) licensing and penalty decisions, newest first. Each shows the
 * counterpart (a natural person's name masked, no personal id number; a legal person's name and
 * 统一社会信用代码), the decision number, what it decides, the deciding department and the date.
 */
export async function publishedDecisions(deps: Deps, f: { type?: 'licensing' | 'penalty'; itemKey?: string; departmentId?: string; page: number; pageSize: number }) {
  const kinds = f.type === 'licensing' ? [...LICENSING_KINDS] : f.type === 'penalty' ? [...PENALTY_KINDS] : [...LICENSING_KINDS, ...PENALTY_KINDS]
  const q = deps.db.knex('documents').join('cases', 'cases.id', 'documents.case_id').whereIn('documents.kind', kinds).whereNull('documents.superseded_by')
  if (f.itemKey) q.where('documents.item_key', f.itemKey)
  if (f.departmentId) q.where('documents.department_id', f.departmentId)
  const total = Number(((await q.clone().count({ n: '*' }).first()) as { n: number | string }).n)
  const rows = (await q
    .select('documents.id', 'documents.case_id', 'documents.kind', 'documents.title', 'documents.doc_no', 'documents.item_key', 'documents.item_version', 'documents.department_id', 'documents.issued_at', 'cases.state')
    .orderBy('documents.issued_at', 'desc')
    .orderBy('documents.doc_no', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)) as DecisionRow[]
  const depts = new Map((await listDepartments(deps)).map((d) => [d.id, d.name]))
  const items = []
  for (const r of rows) {
    const def = await definitionAt(deps, r.item_key, Number(r.item_version))
    const s = JSON.parse(r.state) as CaseState
    const legal = isLegalPerson(s.applicant)
    items.push({
      id: r.id,
      type: (PENALTY_KINDS as readonly string[]).includes(r.kind) ? ('penalty' as const) : ('licensing' as const),
      docNo: r.doc_no,
      title: r.title,
      itemKey: r.item_key,
      itemName: def.item.name,
      counterpart: legal ? s.applicant.name : maskPersonName(s.applicant.name),
      counterpartKind: legal ? ('legalPerson' as const) : ('naturalPerson' as const),
      creditCode: legal ? (s.applicant.idNumber ?? null) : null,
      content: decisionContent(def, r.kind, s),
      department: depts.get(r.department_id) ?? def.item.department.name,
      decidedOn: deps.calendar.dayOf(Number(r.issued_at)),
    })
  }
  return { total, page: f.page, pageSize: f.pageSize, items }
}
