/**
 * Code lists differ by region (PRODUCT.md: "dictionaries, not enums"). These are the
 * national defaults; a deployment passes its own to validateDefinition().
 */
export interface DictionaryEntry {
  code: string
  zh: string
  en: string
}
export type Dictionary = readonly DictionaryEntry[]

export interface Dictionaries {
  category: Dictionary
  exerciseLevel: Dictionary
  serviceObject: Dictionary
  handlingForm: Dictionary
  organisationNature: Dictionary
  post: Dictionary
  result: Dictionary
  specialProcedure: Dictionary
  documentKind: Dictionary
}

const d = (code: string, zh: string, en: string): DictionaryEntry => ({ code, zh, en })

/** GB/T 39046-2020 annex A.1 */
const category: Dictionary = [
  d('01', '行政许可', 'Administrative license'),
  d('02', '行政处罚', 'Administrative penalty'),
  d('03', '行政强制', 'Administrative enforcement'),
  d('04', '行政征收', 'Administrative levy'),
  d('05', '行政给付', 'Administrative benefit'),
  d('06', '行政检查', 'Administrative inspection'),
  d('07', '行政确认', 'Administrative confirmation'),
  d('08', '行政奖励', 'Administrative reward'),
  d('09', '行政裁决', 'Administrative adjudication'),
  d('10', '其他类别', 'Other'),
]

/** GB/T 39046-2020 annex A.2 */
const exerciseLevel: Dictionary = [
  d('1', '国家级', 'National'),
  d('2', '省级', 'Provincial'),
  d('3', '市级', 'Municipal'),
  d('4', '县级', 'County'),
  d('5', '镇（乡、街道）级', 'Township'),
  d('6', '村（社区）级', 'Village'),
  d('7', '分级管理', 'Tiered'),
]

/** GB/T 39046-2020 annex A.4 */
const serviceObject: Dictionary = [
  d('1', '自然人', 'Natural person'),
  d('2', '企业法人', 'Enterprise'),
  d('3', '事业法人', 'Public institution'),
  d('4', '社会组织法人', 'Social organisation'),
  d('5', '行政机关', 'Government body'),
  d('6', '其他组织', 'Other organisation'),
]

/** GB/T 39046-2020 annex A.5 */
const handlingForm: Dictionary = [
  d('1', '窗口办理', 'At the window'),
  d('2', '网上办理', 'Online (computer)'),
  d('3', '移动端办理', 'Online (mobile)'),
  d('4', '快递申请', 'By post'),
  d('9', '其他', 'Other'),
]

/** GB/T 39046-2020 annex A.3 */
const organisationNature: Dictionary = [
  d('1', '法定机关', 'Statutory body'),
  d('2', '授权组织', 'Authorised organisation'),
  d('3', '受委托组织', 'Commissioned organisation'),
  d('9', '其他', 'Other'),
]

/** Posts of the internal flowchart (徐州 §14: each legal step assigned to a post). Extend per region. */
const post: Dictionary = [
  d('window', '窗口受理', 'Window acceptance'),
  d('handler', '承办', 'Handling officer'),
  d('reviewer', '审核', 'Reviewer'),
  d('approver', '批准', 'Approver'),
  d('legal', '法制审核', 'Legal review'),
  d('head', '分管负责人', 'Deputy head'),
  d('chief', '主要负责人', 'Head of the body'),
  d('investigator', '执法调查', 'Investigating officer'),
  d('hearing', '听证主持', 'Hearing officer'),
  d('expert', '专家评审', 'Expert reviewer'),
  d('cashier', '收费', 'Cashier'),
  d('delivery', '送达', 'Delivery'),
]

/** 办结结果: modelled on BJJGDM (domain.md §3.3); exchange adapters map these to each region's codes. */
const result: Dictionary = [
  d('approved', '准予（出证办结）', 'Approved'),
  d('denied', '不予许可（不予批准）', 'Denied'),
  d('refused', '不予受理', 'Not accepted'),
  d('returned', '退件', 'Returned to applicant'),
  d('supplementExpired', '补正逾期', 'Supplement overdue'),
  d('voided', '作废', 'Voided'),
  d('forwarded', '转报办结', 'Forwarded'),
  d('withdrawn', '申请人撤回', 'Withdrawn by applicant'),
  d('decided', '作出决定', 'Decision made'),
  d('penalised', '给予处罚', 'Penalty imposed'),
  d('notPenalised', '不予处罚', 'No penalty'),
  d('done', '办结', 'Concluded'),
  d('merged', '并案办结', 'Merged into another case'),
  d('other', '其他办结', 'Other'),
]

/** 特别程序 (行政许可法 art. 45; GB/T 39046 A.7) */
const specialProcedure: Dictionary = [
  d('hearing', '听证', 'Hearing'),
  d('bidding', '招标', 'Tender'),
  d('auction', '拍卖', 'Auction'),
  d('inspection', '检验', 'Inspection'),
  d('testing', '检测', 'Testing'),
  d('quarantine', '检疫', 'Quarantine'),
  d('appraisal', '鉴定', 'Appraisal'),
  d('expertReview', '专家评审', 'Expert review'),
  d('publicNotice', '公示', 'Public notice'),
  d('fieldCheck', '现场核查', 'On-site verification'),
  d('consultation', '征求意见', 'Consultation of other bodies'),
]

/** 法律文书 kinds (domain.md §7.3) */
const documentKind: Dictionary = [
  d('receipt', '收件凭证', 'Receipt'),
  d('acceptanceNotice', '受理通知书', 'Acceptance notice'),
  d('refusalNotice', '不予受理通知书', 'Non-acceptance notice'),
  d('supplementNotice', '补正材料告知书', 'Supplement notice'),
  d('specialProcedureNotice', '特别程序告知书', 'Special procedure notice'),
  d('extensionNotice', '延期决定通知书', 'Extension notice'),
  d('hearingNotice', '听证告知书', 'Hearing notice'),
  d('approvalDecision', '准予行政许可决定书', 'Decision to grant'),
  d('denialDecision', '不予行政许可决定书', 'Decision to deny'),
  d('penaltyPreNotice', '行政处罚事先告知书', 'Prior notice of penalty'),
  d('penaltyHearingNotice', '行政处罚听证告知书', 'Penalty hearing notice'),
  d('penaltyDecision', '行政处罚决定书', 'Penalty decision'),
  d('enforcementDecision', '行政强制措施决定书', 'Enforcement decision'),
  d('confirmationDecision', '确认决定书', 'Confirmation decision'),
  d('rewardDecision', '奖励决定书', 'Reward decision'),
  d('adjudicationDecision', '裁决书', 'Adjudication'),
  d('inspectionRecord', '检查记录', 'Inspection record'),
  d('levyDecision', '征收决定书', 'Levy decision'),
  d('paymentDecision', '给付决定书', 'Benefit decision'),
  d('deliveryReceipt', '送达回证', 'Proof of delivery'),
  d('approvalForm', '审批表', 'Approval form'),
  d('rectificationNotice', '责令改正通知书', 'Order to rectify'),
  d('filingNotice', '备案通知书', 'Filing notice'),
  d('mediationAgreement', '调解书', 'Mediation agreement'),
  d('suspensionNotice', '中止通知书', 'Suspension notice'),
]

export const defaultDictionaries: Dictionaries = {
  category,
  exerciseLevel,
  serviceObject,
  handlingForm,
  organisationNature,
  post,
  result,
  specialProcedure,
  documentKind,
}

export function dictionaryLabel(dict: Dictionary, code: string, locale: 'zh' | 'en' = 'zh'): string | undefined {
  const entry = dict.find((e) => e.code === code)
  return entry?.[locale]
}
