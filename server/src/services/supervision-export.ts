import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { withCardLevels } from './case-card-levels'
import type { CaseRow } from './case-store'
import { cardQuery, cardView, type CardRow } from './supervision-cards'
import { drillQuery, figureOf, resolveScope, type CaseDrill, type FigureName } from './supervision-dashboard'
import { levelZh, type SubjectType } from './supervision-model'
import { scores } from './supervision-scores'
import { csv, xlsx, type Cell } from './xlsx'

/** Exports a dashboard figure, the drill-down list, cards or scores as CSV or XLSX (headers in Chinese). */

export interface ExportQuery extends CaseDrill {
  what: FigureName | 'cases' | 'cardList' | 'scores'
  format: 'csv' | 'xlsx'
  period?: string
  subject: SubjectType
}

const STATUS_ZH: Record<string, string> = { submitted: '已提交', awaitingSupplement: '待补正', handling: '办理中', paused: '暂停', concluded: '已办结' }
const CLOCK_ZH: Record<string, string> = { normal: '正常', warning: '预警', yellow: '黄牌', red: '红牌' }
const CARD_STATUS_ZH: Record<string, string> = { pending: '待发', issued: '已发', answered: '已反馈', appealed: '申诉中', revoked: '申诉成立已撤销', ordered: '督办中', closed: '已办结', dismissed: '不予发牌' }
const day = (deps: Deps, t: number | null | undefined) => (t === null || t === undefined ? '' : deps.calendar.dayOf(t))
const pct = (r: number | null) => (r === null ? '' : Math.round(r * 10000) / 100)

async function table(deps: Deps, user: User, q: ExportQuery): Promise<{ title: string; rows: Cell[][] }> {
  if (q.what === 'scores') {
    const period = q.period ?? deps.calendar.dayOf(deps.now()).slice(0, 7)
    const s = await scores(deps, user, { period, subject: q.subject, department: q.department })
    return {
      title: `效能评估${period}`,
      rows: [['对象编号', '对象名称', '得分', '黄牌', '红牌', '预警', '连续预警组', '办结件数', '提前办结', '提前办结加分', '数据上报不完整(%)', '上报扣分', '人工调整'], ...s.rows.map((r) => [r.subjectId, r.subjectName, r.score, r.components.yellow, r.components.red, r.components.warnings, r.components.warningRuns, r.components.concluded, r.components.early, r.components.earlyBonus, r.components.incompletePercent, r.components.reportingDeduction, r.components.adjustments])],
    }
  }
  const s = await resolveScope(deps, user, q)
  if (q.what === 'cardList') {
    const rows = (await cardQuery(deps.db.knex, s.ids === null ? 'all' : new Set(s.ids), { level: q.cardLevel === 'any' ? undefined : (q.cardLevel as CardRow['level'] | undefined) }).orderBy('created_at', 'desc').limit(q.pageSize)) as CardRow[]
    const names = new Map(s.departments.map((d) => [d.id, d.name]))
    return {
      title: '监察发牌',
      rows: [['发牌编号', '办件编号', '责任部门', '监察规则', '级别', '状态', '发牌日期', '反馈期限', '督办期限', '监察内容'], ...rows.map((r) => cardView(r, names)).map((c) => [c.id, c.caseNo, c.departmentName, c.ruleName, levelZh[c.level], CARD_STATUS_ZH[c.status] ?? c.status, day(deps, c.issuedAt), day(deps, c.feedbackDueAt), c.orderDueDay, c.message])],
    }
  }
  if (q.what === 'cases' || q.what === 'overdue') {
    const drill = q.what === 'overdue' ? { ...q, level: 'overdue', status: 'open' } : q
    const rows = await withCardLevels(deps.db.knex, (await drillQuery(deps, s, drill).select('cases.*').orderBy('cases.created_at', 'desc').limit(q.pageSize)) as CaseRow[])
    const names = new Map(s.departments.map((d) => [d.id, d.name]))
    return {
      title: q.what === 'overdue' ? '超期办件' : '办件清单',
      rows: [['办件编号', '事项', '部门', '申请人', '状态', '时限状态', '最高牌级', '收件日期', '承诺期限', '办结日期'], ...rows.map((r) => [r.case_no, r.item_key, names.get(r.department_id) ?? r.department_id, r.applicant_name, STATUS_ZH[r.status] ?? r.status, CLOCK_ZH[r.level] ?? r.level, r.card_level ? (CLOCK_ZH[r.card_level] ?? r.card_level) : '', day(deps, Number(r.created_at)), r.promised_due_at ? deps.calendar.dueDay(Number(r.promised_due_at)) : '', r.concluded_at ? day(deps, Number(r.concluded_at)) : ''])],
    }
  }
  const f = (await figureOf(deps, s, q.what, q)) as Record<string, unknown>
  switch (q.what) {
    case 'live': {
      const m = f.matrix as { status: string; level: string; n: number }[]
      return { title: '实时办件', rows: [['状态', '时限状态', '件数'], ...m.map((r) => [STATUS_ZH[r.status] ?? r.status, CLOCK_ZH[r.level] ?? r.level, r.n])] }
    }
    case 'departments': {
      const rows = f.rows as { departmentId: string; departmentName: string; created: number; concluded: number; onTime: number; onTimeRate: number | null; early: number; avgDurationDays: number | null; open: number; overdueOpen: number }[]
      return { title: '部门效能', rows: [['部门编号', '部门', '收件', '办结', '按时办结', '按时办结率(%)', '提前办结', '平均办理天数', '在办', '在办超期'], ...rows.map((r) => [r.departmentId, r.departmentName, r.created, r.concluded, r.onTime, pct(r.onTimeRate), r.early, r.avgDurationDays, r.open, r.overdueOpen])] }
    }
    case 'trend': {
      const days = f.days as { day: string; created: number; concluded: number; onTime: number }[]
      return { title: '趋势', rows: [['日期', '收件', '办结', '按时办结'], ...days.map((d) => [d.day, d.created, d.concluded, d.onTime])] }
    }
    case 'flow': {
      const nodes = f.nodes as { node: string; name: string; completed: number; avgWaitHours: number | null }[]
      return { title: '环节等待', rows: [['环节', '名称', '完成次数', '平均等待(小时)'], ...nodes.map((x) => [x.node, x.name, x.completed, x.avgWaitHours])] }
    }
    case 'cards': {
      const rows = f.byDepartment as { departmentId: string; departmentName: string; warning: number; yellow: number; red: number }[]
      return { title: '发牌统计', rows: [['部门编号', '部门', '预警', '黄牌', '红牌'], ...rows.map((r) => [r.departmentId, r.departmentName, r.warning, r.yellow, r.red])] }
    }
    case 'interactions': {
      const r = f.ratings as { byDepartment: { departmentId: string; departmentName: string; total: number; bad: number; avgStars: number | null }[] }
      const c = f.complaints as { byDepartment: { departmentId: string; total: number; open: number; overdue: number }[] }
      const rows = r.byDepartment.map((x) => {
        const cx = c.byDepartment.find((y) => y.departmentId === x.departmentId)
        return [x.departmentId, x.departmentName, x.total, x.bad, x.avgStars, cx?.total ?? 0, cx?.open ?? 0, cx?.overdue ?? 0]
      })
      for (const cx of c.byDepartment) if (!r.byDepartment.some((x) => x.departmentId === cx.departmentId)) rows.push([cx.departmentId, cx.departmentId, 0, 0, null, cx.total, cx.open, cx.overdue])
      return { title: '评价与投诉', rows: [['部门编号', '部门', '评价数', '差评数', '平均星级', '投诉数', '未办结投诉', '超期投诉'], ...rows] }
    }
  }
}

export async function exportFigure(deps: Deps, user: User, q: ExportQuery): Promise<{ contentType: string; filename: string; body: Buffer | string }> {
  const t = await table(deps, user, q)
  const stamp = deps.calendar.dayOf(deps.now()).replace(/-/g, '')
  const base = `supervision-${q.what}-${stamp}`
  if (q.format === 'xlsx') return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${base}.xlsx`, body: xlsx(t.title, t.rows) }
  return { contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, body: csv(t.rows) }
}
