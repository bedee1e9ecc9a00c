/**
 * A refused command: a guard said no. Refusals are data, with a code the UI can act on and
 * a message in English and Chinese that says why.
 */
type P = Record<string, string | number>
const r = (en: (p: P) => string, zh: (p: P) => string) => ({ en, zh })

export const refusalMessages = {
  'case.concluded': r(() => 'the case is concluded; nothing more can be done on it', () => '办件已办结，不能再进行任何操作'),
  'case.exists': r(() => 'the case was already submitted', () => '办件已提交，不能重复提交'),
  'case.not_submitted': r(() => 'the case has not been submitted', () => '办件尚未提交'),
  'case.status': r((p) => `"${p.operation}" is not possible while the case is ${p.status}`, (p) => `办件当前状态（${p.statusZh}）下不能执行“${p.operationZh}”`),
  'case.merged': r((p) => `the case was merged into ${p.into}; act on that case`, (p) => `本案已并入 ${p.into}，请在主案件上办理`),
  'actor.not_staff': r(() => 'only staff may do this', () => '只有工作人员可以执行此操作'),
  'actor.not_applicant': r(() => 'only the applicant may do this', () => '只有申请人可以执行此操作'),
  'post.mismatch': r((p) => `this needs the post "${p.post}", which the actor does not hold`, (p) => `此操作需要“${p.post}”岗位，当前人员不具备`),
  'task.not_found': r((p) => `there is no open task at "${p.node}"`, (p) => `环节“${p.node}”没有待办任务`),
  'task.assigned': r((p) => `the task is assigned to ${p.assignee}`, (p) => `该任务已转交给 ${p.assignee} 办理`),
  'operation.not_allowed': r((p) => `step "${p.node}" does not allow "${p.operation}"`, (p) => `环节“${p.node}”不允许执行“${p.operationZh}”`),
  'reason.required': r((p) => `"${p.operation}" needs a reason`, (p) => `“${p.operationZh}”必须填写理由`),
  'opinion.required': r((p) => `step "${p.node}" needs an opinion`, (p) => `环节“${p.node}”必须填写意见`),
  'materials.incomplete': r((p) => `mandatory materials are missing: ${p.missing}`, (p) => `缺少必须提交的材料：${p.missingZh}`),
  'materials.unknown': r((p) => `"${p.material}" is not a material of this item`, (p) => `“${p.material}”不是本事项的申请材料`),
  'form.required': r((p) => `required form fields are empty: ${p.fields}`, (p) => `表单必填项未填写：${p.fieldsZh}`),
  'field.not_writable': r((p) => `step "${p.node}" may not change the field "${p.field}"`, (p) => `环节“${p.node}”无权修改字段“${p.field}”`),
  'supplement.empty': r(() => 'a supplement request must list every item at once (一次性告知) and cannot be empty', () => '补正告知必须一次性列明全部需补正内容，不能为空'),
  'supplement.none_pending': r(() => 'no supplement was requested', () => '当前没有待补正事项'),
  'supplement.incomplete': r((p) => `the requested materials are still missing: ${p.missing}`, (p) => `仍缺少要求补正的材料：${p.missingZh}`),
  'pause.active': r((p) => `the case is already paused (${p.kind})`, (p) => `办件已处于暂停计时状态（${p.kindZh}）`),
  'pause.none': r(() => 'the case is not suspended', () => '办件未处于暂停状态'),
  'special_procedure.not_allowed': r((p) => `special procedure "${p.procedure}" is not allowed for this item`, (p) => `本事项未设定特别程序“${p.procedure}”`),
  'special_procedure.none': r(() => 'no special procedure is running', () => '当前没有进行中的特别程序'),
  'extension.not_allowed': r(() => 'this item has no extension rule', () => '本事项未设定延期规则'),
  'extension.exceeds': r((p) => `an extension of ${p.requested} would exceed the maximum ${p.max}`, (p) => `延期 ${p.requested} 将超过上限 ${p.max}`),
  'return.invalid_target': r((p) => `"${p.to}" is not an earlier step of this case`, (p) => `“${p.to}”不是本案已办理过的前序环节`),
  'return.parallel': r(() => 'cannot return out of a parallel section while other branches are open', () => '并行环节未全部完成，不能退回到并行之前的环节'),
  'withdraw.not_allowed': r(() => 'only the person who completed the previous step may withdraw it, before the next step acts', () => '只有上一环节办理人可在下一环节办理前撤回'),
  'transfer.invalid': r((p) => `${p.to} does not hold the post "${p.post}"`, (p) => `${p.to} 不具备“${p.post}”岗位`),
  'countersign.not_countersign': r((p) => `step "${p.node}" is not a countersign step`, (p) => `环节“${p.node}”不是会签环节`),
  'countersign.duplicate': r(() => 'this person has already signed', () => '该人员已会签'),
  'countersign.pending': r((p) => `countersign needs ${p.needed} signature(s); use countersign`, (p) => `会签尚需 ${p.needed} 人签署`),
  'duty.separation': r((p) => `the same person may not handle both "${p.a}" and "${p.b}" of one case`, (p) => `同一人员不得在同一办件中同时办理“${p.a}”和“${p.b}”（岗位分离）`),
  'penalty.no_standard': r(() => 'this item has no discretion standard', () => '本事项未设定裁量基准'),
  'penalty.unknown_grade': r((p) => `"${p.grade}" is not a grade of the discretion standard`, (p) => `“${p.grade}”不是裁量基准中的等级`),
  'penalty.outside_band': r((p) => `the amount ${p.amount} is outside the band ${p.band} of grade "${p.grade}"; give a reason`, (p) => `罚款金额 ${p.amount} 超出“${p.grade}”等级的裁量幅度 ${p.band}，必须说明理由`),
  'penalty.grade_changed': r(() => 'the penalty grade changed after the prior notice; give a reason', () => '事先告知后变更裁量等级，必须说明理由'),
  'penalty.twice': r((p) => `case ${p.caseNo} was merged into another case; one act is never fined twice`, (p) => `案件 ${p.caseNo} 已并案处理，一事不再罚`),
  'fee.mismatch': r((p) => `fee ${p.amount} differs from the standard ${p.standard}; give a reason`, (p) => `收费金额 ${p.amount} 与收费标准 ${p.standard} 不一致，必须说明理由`),
  'fee.unknown': r((p) => `"${p.item}" is not a fee of this item`, (p) => `“${p.item}”不是本事项的收费项目`),
  'merge.invalid': r((p) => `${p.detail}`, (p) => `${p.detailZh}`),
  'result.unknown': r((p) => `"${p.result}" is not a result code`, (p) => `“${p.result}”不是办结结果代码`),
  'calendar.unknown': r((p) => `calendar unknown for ${p.date}`, (p) => `日历未覆盖 ${p.date}，请补充节假日安排`),
  'time.backwards': r((p) => `the command's time is before the case's last event (${p.last})`, (p) => `操作时间早于办件最后一条记录（${p.last}）`),
} satisfies Record<string, { en: (p: P) => string; zh: (p: P) => string }>

export type RefusalCode = keyof typeof refusalMessages

export interface Refusal {
  code: RefusalCode
  message: string
  messageZh: string
  details: P
}

export function refusal(code: RefusalCode, details: P = {}): Refusal {
  const m = refusalMessages[code]
  return { code, message: m.en(details), messageZh: m.zh(details), details }
}

export const operationNamesZh: Record<string, string> = {
  submit: '提交申请',
  accept: '受理',
  refuse: '不予受理',
  requestSupplement: '补正告知',
  supplement: '补正材料',
  startSpecialProcedure: '启动特别程序',
  endSpecialProcedure: '结束特别程序',
  extend: '延期',
  suspend: '暂停',
  resume: '恢复',
  return: '退回',
  withdraw: '撤回',
  transfer: '转办',
  countersign: '会签',
  complete: '办理',
  merge: '并案',
  mergeInto: '并入他案',
  conclude: '办结',
  void: '作废',
}

export const statusNamesZh: Record<string, string> = {
  submitted: '待受理',
  awaitingSupplement: '待补正',
  handling: '办理中',
  paused: '暂停计时',
  concluded: '已办结',
}

export const pauseNamesZh: Record<string, string> = { supplement: '补正', specialProcedure: '特别程序', suspension: '暂停' }
