import { defaultDictionaries, dictionaryLabel, type PowerItemDefinition } from '@sunlight/definition'
import { operationNamesZh, statusNamesZh, type CaseEvent, type CaseState } from '@sunlight/engine'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { audit } from './audit'
import { eventsOf, stateOf, type CaseRow } from './case-store'
import { caseByNumberAndCode, caseForUser } from './cases'
import { drawable, mm, renderDefinition } from './document-pdf'
import { contentOf, SUMMARY_COLUMNS, type SummaryRow } from './document-store'
import { definitionAt } from './items-store'
import { listDepartments } from './org'

/** Chinese names of event types, as the 案卷 lists them. */
export const EVENT_NAMES_ZH: Record<string, string> = {
  'case:submitted': '提交申请',
  'case:accepted': '受理',
  'case:refused': '不予受理',
  'case:supplementRequested': '告知补正',
  'case:supplemented': '补正材料',
  'case:specialProcedureStarted': '启动特别程序',
  'case:specialProcedureEnded': '特别程序结束',
  'case:extended': '延期',
  'case:suspended': '暂停',
  'case:resumed': '恢复',
  'step:completed': '办理完成',
  'step:signed': '会签',
  'step:returned': '退回',
  'step:withdrawn': '撤回',
  'step:transferred': '转办',
  'case:merged': '并案',
  'case:mergedInto': '并入他案',
  'case:concluded': '办结',
  'case:voided': '作废',
  'monitor:raised': '监察提示',
}

const pad = (n: number) => String(n).padStart(2, '0')
/** "2026-03-02 09:00" in China time (UTC+8, no daylight saving). */
export function chinaTime(instant: number): string {
  const d = new Date(instant + 8 * 3600_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

const limitText = (l: { value: number; unit: string }) => `${l.value}${l.unit === 'workdays' ? '个工作日' : '日'}`
const resultZh = (r?: string) => (r ? (dictionaryLabel(defaultDictionaries.result, r) ?? r) : '')
const postZh = (p?: string) => (p ? (dictionaryLabel(defaultDictionaries.post, p) ?? p) : '')

const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text: drawable(text), ...extra })
const table = (widths: (string | number)[], head: string[], rows: string[][]): Content => ({
  table: { headerRows: 1, widths, body: [head.map((h) => cell(h, { bold: true, fillColor: '#eeeeee' })), ...rows.map((r) => r.map((c) => cell(c)))] },
  layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 },
  fontSize: 10.5,
})

/** One line per step event with its opinion or reason: who, which post, when (案卷 "办理意见"). */
export function opinionRows(def: PowerItemDefinition, events: readonly CaseEvent[]): string[][] {
  const name = (id?: string) => {
    const n = def.flow.nodes.find((x) => x.id === id)
    return n ? n.name : (id ?? '')
  }
  return events
    .filter((e) => e.type !== 'monitor:raised')
    .map((e) => {
      const words = [e.opinion, e.reason ? `理由：${e.reason}` : undefined, e.type === 'case:specialProcedureEnded' && typeof e.data.outcome === 'string' ? `结果：${e.data.outcome}` : undefined]
      const penalty = e.data.penalty as { grade?: string; amount?: number } | undefined
      if (penalty?.grade) words.push(`裁量等级：${def.discretion[0]?.grades.find((g) => g.id === penalty.grade)?.name ?? penalty.grade}，罚款 ${penalty.amount ?? 0} 元`)
      return [String(e.seq), chinaTime(e.at), e.node ? name(e.node) : '—', EVENT_NAMES_ZH[e.type] ?? operationNamesZh[e.operation] ?? e.type, `${e.actor.name}${e.post ? `（${postZh(e.post)}）` : ''}`, words.filter(Boolean).join('；') || '—']
    })
}

export interface CaseFileInput {
  def: PowerItemDefinition
  row: Pick<CaseRow, 'case_no' | 'id'>
  state: CaseState
  events: readonly CaseEvent[]
  documents: SummaryRow[]
  department: string
  printedAt: number
  printedBy: string
}

/**
 * 案卷 as one PDF for the archive: cover, 卷内目录, the materials list, the opinions of every step
 * and every issued document (superseded ones listed with their replacement), each part on its own page.
 */
export function caseFileDefinition(x: CaseFileInput): TDocumentDefinitions {
  const { def, state: s } = x
  const current = x.documents.filter((d) => !d.superseded_by)
  const cover: Content[] = [
    { text: drawable(x.department), fontSize: 16, alignment: 'center', margin: [0, mm(30), 0, mm(8)] },
    { text: '行政权力事项办理案卷', fontSize: 26, alignment: 'center', margin: [0, 0, 0, mm(20)] },
    table(
      [90, '*'],
      ['项目', '内容'],
      [
        ['办件编号', x.row.case_no],
        ['事项名称', def.item.name],
        ['事项类别', dictionaryLabel(defaultDictionaries.category, def.item.category) ?? def.item.category],
        ['实施机关', def.item.department.name],
        ['申请人（当事人）', s.applicant.name],
        ['收件日期', s.receivedDay],
        ['受理时间', s.acceptedAt ? chinaTime(s.acceptedAt) : '未受理'],
        ['办结时间', s.concludedAt ? chinaTime(s.concludedAt) : '未办结'],
        ['办理状态', `${statusNamesZh[s.status] ?? s.status}${s.result ? ` · ${resultZh(s.result)}` : ''}`],
        ['承诺时限 / 法定时限', `${limitText(def.item.promisedLimit)} / ${limitText(def.item.statutoryLimit)}`],
        ['事项版本', `${def.key} 第 ${def.version} 版`],
        ['卷内文书', `${current.length} 件`],
      ],
    ),
    { text: drawable(`立卷：${x.printedBy}\u3000打印时间：${chinaTime(x.printedAt)}`), fontSize: 10, alignment: 'right', margin: [0, mm(10), 0, 0] },
  ]
  const contents: Content[] = [
    { text: '卷内目录', fontSize: 20, alignment: 'center', margin: [0, 0, 0, mm(6)], pageBreak: 'before' },
    table([30, '*'], ['序号', '内容'], [['一', '案卷封面'], ['二', '申请材料清单'], ['三', '各环节办理意见'], ...current.map((d, i) => [String(i + 4), `${d.title}（${d.doc_no}）`])]),
  ]
  const materials: Content[] = [
    { text: '申请材料清单', fontSize: 20, alignment: 'center', margin: [0, 0, 0, mm(6)], pageBreak: 'before' },
    table(
      [24, '*', 40, 48, '*'],
      ['序号', '材料名称', '已提交', '核验原件', '文件'],
      def.item.materials.map((m, i) => {
        const sub = s.materials[m.id]
        return [String(i + 1), `${m.name}${m.mandatory ? '' : '（非必要）'}`, sub?.provided ? '是' : '否', sub?.originalChecked ? '是' : '—', (sub?.files ?? []).map((f) => f.name).join('\n') || '—']
      }),
    ),
  ]
  const opinions: Content[] = [
    { text: '各环节办理意见', fontSize: 20, alignment: 'center', margin: [0, 0, 0, mm(6)], pageBreak: 'before' },
    table([16, 58, 46, 46, 84, '*'], ['序', '时间', '环节', '操作', '办理人', '意见 / 理由'], opinionRows(def, x.events)),
  ]
  const documents: Content[] = current.flatMap((d) => {
    const c = contentOf(d)
    return [
      { text: drawable(c.title), fontSize: 22, alignment: 'center', margin: [0, 0, 0, mm(6)], pageBreak: 'before' } as Content,
      { text: drawable(c.docNo), alignment: 'right', margin: [0, 0, 0, mm(8)] } as Content,
      ...c.paragraphs.map((p) => ({ text: drawable(p.text), leadingIndent: p.addressee ? 0 : 32, margin: [0, 0, 0, 2] }) as Content),
      { stack: [drawable(c.department), drawable(c.date)], alignment: 'right', margin: [0, mm(14), 0, 0], unbreakable: true } as Content,
    ]
  })
  const superseded = x.documents.filter((d) => d.superseded_by)
  if (superseded.length)
    documents.push({ text: '已被替代的文书', fontSize: 14, margin: [0, mm(8), 0, 2], pageBreak: current.length ? undefined : 'before' }, table(['*', '*', '*'], ['文书', '文号', '重新制发理由'], superseded.map((d) => [d.title, d.doc_no, d.reissue_reason ?? '—'])))
  return {
    pageSize: 'A4',
    pageMargins: [mm(28), mm(30), mm(26), mm(30)],
    info: { title: `案卷 ${x.row.case_no}`, author: x.department, subject: def.item.name, creator: 'Sunlight', producer: 'Sunlight', creationDate: new Date(x.printedAt) },
    defaultStyle: { font: 'NotoSansSC', fontSize: 14, lineHeight: 1.35 },
    content: [...cover, ...contents, ...materials, ...opinions, ...documents],
    footer: (page: number, pages: number) => ({ text: `${x.row.case_no}\u3000第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 9, margin: [0, mm(10), 0, 0] }),
  }
}

/** The whole 案卷 of a case the user may see, as one PDF (audited: who printed which file when). */
export async function caseFilePdf(deps: Deps, user: User, caseId: string): Promise<{ caseNo: string; pdf: Buffer }> {
  const row = await caseForUser(deps, user, caseId)
  const def = await definitionAt(deps, row.item_key, row.item_version)
  const events = await eventsOf(deps.db.knex, row.id)
  const documents = (await deps.db.knex('documents').where({ case_id: row.id }).orderBy('issued_at').orderBy('seq').select(...SUMMARY_COLUMNS)) as SummaryRow[]
  const department = (await listDepartments(deps)).find((d) => d.id === row.department_id)?.name ?? def.item.department.name
  const now = deps.now()
  const pdf = await renderDefinition(caseFileDefinition({ def, row, state: stateOf(row), events, documents, department, printedAt: now, printedBy: user.name }))
  await audit(deps, { actorId: user.id, action: 'case.filePrinted', target: row.id, success: true, details: { caseNo: row.case_no } })
  return { caseNo: row.case_no, pdf }
}

/**
 * The applicant's receipt (申请回执) as PDF. The query password is never stored in plain text: the
 * applicant sends it (they hold it since the submit answer), it is checked against the stored hash
 * and printed back. Materials are listed as received, with what is still missing.
 */
export function receiptDefinition(def: PowerItemDefinition, caseNo: string, queryCode: string, s: CaseState, printedAt: number): TDocumentDefinitions {
  const missing = def.item.materials.filter((m) => m.mandatory && s.materials[m.id]?.provided !== true)
  return {
    pageSize: 'A4',
    pageMargins: [mm(28), mm(30), mm(26), mm(30)],
    info: { title: `申请回执 ${caseNo}`, author: def.item.department.name, creator: 'Sunlight', producer: 'Sunlight', creationDate: new Date(printedAt) },
    defaultStyle: { font: 'NotoSansSC', fontSize: 14, lineHeight: 1.4 },
    content: [
      { text: '申请回执', fontSize: 24, alignment: 'center', margin: [0, 0, 0, mm(8)] },
      table(
        [110, '*'],
        ['项目', '内容'],
        [
          ['办件编号', caseNo],
          ['查询密码', queryCode],
          ['申请事项', def.item.name],
          ['受理机关', def.item.department.name],
          ['申请人', s.applicant.name],
          ['提交方式', s.channel === 'window' ? '窗口收件' : '网上申请'],
          ['收件日期', s.receivedDay],
          ['承诺办结时限', `受理之日起 ${limitText(def.item.promisedLimit)}`],
          ['已提交材料', def.item.materials.filter((m) => s.materials[m.id]?.provided).map((m) => m.name).join('\n') || '—'],
          ['尚缺材料', missing.map((m) => m.name).join('\n') || '无'],
        ],
      ),
      { text: '请妥善保管办件编号和查询密码：凭此在网上办事大厅查询办理进度、在线补正材料、下载文书。查询密码不会再次显示，工作人员不会向您索要。', fontSize: 11, margin: [0, mm(8), 0, 0] },
      ...(def.item.consultationPhone ? [{ text: drawable(`咨询电话：${def.item.consultationPhone}`), fontSize: 11 }] : []),
      { text: drawable(`${def.item.department.name}\n${chinaTime(printedAt).slice(0, 10)}`), alignment: 'right', margin: [0, mm(14), 0, 0] },
    ],
  }
}

export async function receiptPdf(deps: Deps, caseNo: string, queryCode: string, ip: string): Promise<Buffer> {
  const { def, state } = await caseByNumberAndCode(deps, caseNo, queryCode, ip)
  return renderDefinition(receiptDefinition(def, caseNo, queryCode, state, deps.now()))
}
