import { formatInstant, type Calendar } from '@sunlight/calendar'
import { defaultDictionaries, type PowerItemDefinition } from '@sunlight/definition'
import type { CaseEvent, MaterialSubmission } from '@sunlight/engine'

/**
 * Case events → the national exchange datasets (domain.md §3.1, GB/T 39046-2020 tables 5–9 and
 * the up_pro_* upload tables). Pure: the feed (exchange.ts) loads what it needs and calls this.
 * Field names are English; each one's national name is in the comment of its interface.
 * Times are 'YYYY-MM-DD HH:mm:ss' China time, as the national tables use.
 */

export type Dataset = 'application' | 'acceptance' | 'process' | 'result' | 'specialProcedure' | 'material'

const DATASETS: Record<Dataset, { zh: string; standard: string; upTable?: string }> = {
  application: { zh: '办事申请', standard: 'GB/T 39046-2020 表5' },
  acceptance: { zh: '受理', standard: 'GB/T 39046-2020 表6', upTable: 'up_pro_accept' },
  process: { zh: '办理过程', standard: 'GB/T 39046-2020 表7', upTable: 'up_pro_process' },
  result: { zh: '办结', standard: 'GB/T 39046-2020 表8', upTable: 'up_pro_result' },
  specialProcedure: { zh: '特别程序', standard: 'GB/T 39046-2020 表7 (11–21)', upTable: 'up_pro_special_procedure' },
  material: { zh: '材料', standard: 'GB/T 39046-2020 表5 材料', upTable: 'up_pro_material' },
}

export interface ExchangeRecord {
  /** Stable per record: a re-fetch or an update ('U') carries the same guid. */
  row_guid: string
  /** I insert, U update (the end of a special procedure updates its start row). */
  cd_operation: 'I' | 'U'
  /** The feed request that delivered it. */
  cd_batch: string
  /** When the batch was produced. */
  cd_time: string
  dataset: Dataset
  datasetZh: string
  standard: string
  upTable?: string
  outboxId: number
  caseId: string
  caseNo: string
  departmentId: string
  data: Record<string, unknown>
}

export interface CaseContext {
  caseId: string
  caseNo: string
  departmentId: string
  def: PowerItemDefinition
  /** 受理/处理单位 name, 统一社会信用代码, 行政区划. */
  unit: { name: string; creditCode: string | null; regionCode: string | null }
  /** The case's events (at least up to the one being mapped), in seq order. */
  events: readonly CaseEvent[]
  cal: Calendar
  /** 办结结果 dictionary code → BJJGDM. */
  resultCodes: Readonly<Record<string, string>>
}

/**
 * BJJGDM, version A (domain.md §3.3): 0 出证办结 · 1 退回办结 · 2 作废办结 · 3 删除办结 · 4 转报办结 ·
 * 5 补交逾期办结 · 6 其他办结. A region with other codes stores its map in the settings row
 * `exchange_result_codes` (a JSON object result → code); dictionaries, not enums.
 */
export const defaultResultCodes: Readonly<Record<string, string>> = {
  approved: '0',
  decided: '0',
  penalised: '0',
  done: '0',
  denied: '1',
  refused: '1',
  returned: '1',
  withdrawn: '1',
  voided: '2',
  forwarded: '4',
  supplementExpired: '5',
  notPenalised: '6',
  merged: '6',
  other: '6',
}

/** Outbox event types that produce at least one record (the completeness figure expects them). */
export const EXCHANGED_TYPES: readonly string[] = [
  'case:submitted',
  'case:accepted',
  'case:refused',
  'case:supplementRequested',
  'case:supplemented',
  'case:specialProcedureStarted',
  'case:specialProcedureEnded',
  'case:extended',
  'case:suspended',
  'case:resumed',
  'step:completed',
  'step:signed',
  'step:returned',
  'step:withdrawn',
  'step:transferred',
  'case:merged',
  'case:mergedInto',
  'case:concluded',
  'case:voided',
]

const time = (t: number | undefined) => (t === undefined ? null : formatInstant(t))
const CHANNEL_CODE: Record<string, string> = { window: '1', online: '2' } // dictionary handlingForm
const OTHER_ACTIONS_ZH: Record<string, string> = {
  'case:supplementRequested': '一次性告知补正',
  'case:suspended': '暂停',
  'case:resumed': '恢复',
  'step:withdrawn': '撤回',
  'step:transferred': '转办',
  'step:signed': '会签',
  'case:merged': '并案',
}

function nodeName(def: PowerItemDefinition, id: string | undefined): string | null {
  const n = def.flow.nodes.find((x) => x.id === id)
  return n ? n.name : null
}

/** When the step's task began: the latest earlier event whose route entered it. */
function stepStart(ctx: CaseContext, node: string | undefined, beforeSeq: number): number | undefined {
  let at: number | undefined
  for (const e of ctx.events) {
    if (e.seq >= beforeSeq) break
    if (node && e.route?.entered.includes(node)) at = e.at
  }
  return at
}

function materialRecords(ctx: CaseContext, e: CaseEvent, materials: Record<string, MaterialSubmission>, method: string) {
  return Object.entries(materials).map(([id, m]) => ({
    guid: `${ctx.caseId}-${e.seq}-m-${id}`,
    dataset: 'material' as const,
    data: {
      caseNo: ctx.caseNo, // 办件编号
      materialId: id,
      materialName: ctx.def.item.materials.find((x) => x.id === id)?.name ?? id, // 材料名称
      collected: m.provided ? '1' : '0', // 是否收取
      method, // 收取方式
      count: m.files?.length || (m.provided ? 1 : 0), // 收取数量
      collectTime: time(e.at), // 收取时间
      originalChecked: m.originalChecked ?? null, // 验原件
      attachments: (m.files ?? []).map((f) => ({ name: f.name, sha256: f.sha256 ?? null })), // 附件
    },
  }))
}

function resultRecord(ctx: CaseContext, e: CaseEvent, result: string | undefined) {
  const code = result ?? 'other'
  const entry = defaultDictionaries.result.find((r) => r.code === code)
  return {
    guid: `${ctx.caseId}-result`,
    dataset: 'result' as const,
    data: {
      caseNo: ctx.caseNo, // 办件编号
      handler: e.actor.name, // 办理人
      finishTime: time(e.at), // 办结时间
      resultCode: ctx.resultCodes[code] ?? ctx.resultCodes.other ?? '6', // 办结结果代码 (BJJGDM)
      result: code, // 办结结果 (dictionary `result`)
      resultName: entry?.zh ?? code,
      description: e.reason ?? e.opinion ?? entry?.zh ?? null, // 办件结果描述
      certificateName: null, // 结果证照名称 (documents)
      certificateNo: null, // 结果证照编号
      issuingUnit: ctx.unit.name, // 发证/盖章单位
      regionCode: ctx.unit.regionCode, // 行政区划
    },
  }
}

function processRecord(ctx: CaseContext, e: CaseEvent, action: '通过' | '退回' | '其他', status: '1' | '2', actionName?: string) {
  return {
    guid: `${ctx.caseId}-${e.seq}`,
    dataset: 'process' as const,
    data: {
      caseNo: ctx.caseNo, // 办件编号
      action, // 业务动作 通过/退回/其他
      actionName: actionName ?? action,
      stepName: nodeName(ctx.def, e.node) ?? actionName ?? null, // 环节名称
      handler: e.actor.name, // 环节处理人
      opinion: e.opinion ?? e.reason ?? null, // 环节处理意见
      startTime: time(stepStart(ctx, e.node, e.seq) ?? e.at), // 环节开始时间
      endTime: time(e.at), // 环节结束时间
      unit: ctx.unit.name, // 处理单位
      unitCreditCode: ctx.unit.creditCode, // 处理单位统一社会信用代码
      stepStatus: status, // 环节办理状态 1 待办 / 2 已办
    },
  }
}

function specialProcedureRecord(ctx: CaseContext, start: CaseEvent, end: CaseEvent | undefined) {
  const type = start.type === 'case:extended' ? 'extension' : String(start.data.procedure ?? '')
  const rule = ctx.def.timeLimits.specialProcedures.find((s) => s.type === type)
  const limit = start.type === 'case:extended' ? { value: start.data.value, unit: start.data.unit } : rule?.max
  return {
    guid: `${ctx.caseId}-sp-${start.seq}`,
    dataset: 'specialProcedure' as const,
    data: {
      caseNo: ctx.caseNo, // 办件编号
      typeCode: start.type === 'case:extended' ? '1' : '2', // 特别程序种类代码 (A.7: 1 延长审批, 2 其他)
      typeName: start.type === 'case:extended' ? '延长审批' : (rule?.name ?? defaultDictionaries.specialProcedure.find((d) => d.code === type)?.zh ?? type), // 种类名称
      startTime: time(start.at), // 开始时间
      reason: start.reason ?? null, // 启动理由或依据
      applicant: start.actor.name, // 申请人
      limit: limit ?? null, // 时限 + 单位
      endTime: start.type === 'case:extended' ? time(start.at) : time(end?.at), // 结束时间
      result: end ? String(end.data.outcome ?? '') : null, // 结果
      opinion: end?.opinion ?? null, // 办理意见
      handler: (end ?? start).actor.name, // 办理人
      unit: ctx.unit.name, // 办理单位
      unitCreditCode: ctx.unit.creditCode,
    },
  }
}

type Draft = { guid: string; dataset: Dataset; data: Record<string, unknown>; op?: 'I' | 'U' }

/** The records one event produces (none for monitor:raised). */
export function mapEvent(ctx: CaseContext, e: CaseEvent): Draft[] {
  const def = ctx.def
  const item = def.item
  switch (e.type) {
    case 'case:submitted': {
      const d = e.data as { applicant: { name: string; idType?: string; idNumber?: string; phone?: string }; channel: string; materials: Record<string, MaterialSubmission> }
      return [
        {
          guid: `${ctx.caseId}-apply`,
          dataset: 'application',
          data: {
            caseNo: ctx.caseNo, // 办件编号
            implCode: item.implCode, // 实施编码
            itemName: item.name, // 事项名称
            caseType: item.caseType === 'instant' ? '即办件' : '承诺件', // 办件类型
            caseTypeCode: item.caseType === 'instant' ? '1' : '2', // 办件类型代码
            applicantName: d.applicant.name, // 申请者名称
            applicantIdType: d.applicant.idType ?? null, // 申请者证件类型代码 (GA/T 2000.156)
            applicantIdNumber: d.applicant.idNumber ?? null, // 申请者证件号码
            contactPhone: d.applicant.phone ?? null, // 联系人手机
            sourceCode: CHANNEL_CODE[d.channel] ?? '9', // 申报来源代码 (= 办理形式)
            applyTime: time(e.at), // 申请时间
            regionCode: ctx.unit.regionCode, // 行政区划
          },
        },
        ...materialRecords(ctx, e, d.materials ?? {}, d.channel === 'online' ? '网上提交' : '窗口提交'),
      ]
    }
    case 'case:accepted': {
      const start = Number(e.data.clockStart ?? e.at)
      let promised: number | undefined
      try {
        promised = ctx.cal.addLimit(start, item.promisedLimit)
      } catch {
        promised = undefined // the calendar does not cover the day yet: sent as null, never guessed
      }
      return [
        {
          guid: `${ctx.caseId}-accept`,
          dataset: 'acceptance',
          data: {
            caseNo: ctx.caseNo, // 办件编号
            basicCode: item.basicCode, // 基本编码
            implCode: item.implCode, // 实施编码
            itemName: item.name, // 事项名称
            acceptUnit: ctx.unit.name, // 受理单位
            acceptUnitCreditCode: ctx.unit.creditCode, // 受理单位统一社会信用代码
            acceptor: e.actor.name, // 受理人员
            acceptTime: time(e.at), // 受理时间
            acceptDocNo: null, // 受理文书编号 (documents)
            promisedFinishTime: promised === undefined ? null : time(promised - 1000), // 承诺办结时间: the last second of the promised day
            promisedLimit: item.promisedLimit, // 承诺时限
            caseType: item.caseType === 'instant' ? '即办件' : '承诺件', // 办件类型
            regionCode: ctx.unit.regionCode, // 区划
          },
        },
      ]
    }
    case 'step:completed': {
      const out: Draft[] = [processRecord(ctx, e, e.data.approve === false ? '其他' : '通过', '2', e.data.approve === false ? '不同意' : undefined)]
      if (e.route?.end) out.push(resultRecord(ctx, e, e.route.end.result))
      return out
    }
    case 'step:returned':
      return [processRecord(ctx, e, '退回', '2')]
    case 'step:signed': {
      const out: Draft[] = [processRecord(ctx, e, '其他', '2', OTHER_ACTIONS_ZH[e.type])]
      if (e.route?.end) out.push(resultRecord(ctx, e, e.route.end.result))
      return out
    }
    case 'step:transferred':
      return [processRecord(ctx, e, '其他', '1', OTHER_ACTIONS_ZH[e.type])]
    case 'step:withdrawn':
    case 'case:supplementRequested':
    case 'case:suspended':
    case 'case:resumed':
    case 'case:merged':
      return [processRecord(ctx, e, '其他', '2', OTHER_ACTIONS_ZH[e.type])]
    case 'case:supplemented':
      return materialRecords(ctx, e, (e.data.materials as Record<string, MaterialSubmission>) ?? {}, '补正提交')
    case 'case:specialProcedureStarted':
    case 'case:extended':
      return [specialProcedureRecord(ctx, e, undefined)]
    case 'case:specialProcedureEnded': {
      const start = [...ctx.events].reverse().find((x) => x.seq < e.seq && x.type === 'case:specialProcedureStarted')
      return start ? [{ ...specialProcedureRecord(ctx, start, e), op: 'U' }] : []
    }
    case 'case:refused':
    case 'case:concluded':
    case 'case:voided':
    case 'case:mergedInto':
      return [resultRecord(ctx, e, (e.data.result as string | undefined) ?? e.route?.end?.result)]
    default:
      return []
  }
}

/** Stamps the drafts of one outbox row with the exchange envelope. */
export function envelope(ctx: CaseContext, outboxId: number, drafts: readonly Draft[], batch: string, cdTime: string): ExchangeRecord[] {
  return drafts.map((d) => ({
    row_guid: d.guid,
    cd_operation: d.op ?? 'I',
    cd_batch: batch,
    cd_time: cdTime,
    dataset: d.dataset,
    datasetZh: DATASETS[d.dataset].zh,
    standard: DATASETS[d.dataset].standard,
    ...(DATASETS[d.dataset].upTable ? { upTable: DATASETS[d.dataset].upTable } : {}),
    outboxId,
    caseId: ctx.caseId,
    caseNo: ctx.caseNo,
    departmentId: ctx.departmentId,
    data: d.data,
  }))
}
