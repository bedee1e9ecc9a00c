import type { Knex } from 'knex'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { audit } from './audit'
import { ruleSchema, templateRoots, type Rule, type RuleInput } from './supervision-model'

/**
 * Global supervision rules (监察规则). Defaults follow the DZJC rule set (domain.md §5.2: 16 default
 * rules {投诉, 咨询, 业务办理, 特别程序, 网上办事} × {预警, 黄, 红} plus 出证黄牌) and the derived
 * non-time anomaly list (§5.3). The table is filled with the defaults on first read; a supervisor
 * replaces the whole list (PUT), and every rule whose content changed gets version + 1, so it may
 * fire once more per case (DZJC: once per business × rule × version).
 */

const CASE_HEAD = '办件编号为{{case.caseNo}}，项目名称为{{item.name}}'
const d = (r: RuleInput): RuleInput => r

export const defaultRules: readonly RuleInput[] = [
  d({ id: 'time.promised.warning', name: '承诺时限预警', kind: 'time', level: 'warning', trigger: { type: 'clock', clock: 'promised', level: 'warning' }, template: `${CASE_HEAD}，承诺时限为{{case.promisedDeadline}}，即将超过承诺时限，请速办理。` }),
  d({ id: 'time.promised.yellow', name: '承诺时限黄牌', kind: 'time', level: 'yellow', trigger: { type: 'clock', clock: 'promised', level: 'yellow' }, template: `${CASE_HEAD}，承诺时限为{{case.promisedDeadline}}，已超过承诺时限，予以黄牌警告，请在反馈期限内说明情况并尽快办结。` }),
  d({ id: 'time.statutory.red', name: '法定时限红牌', kind: 'time', level: 'red', trigger: { type: 'clock', clock: 'statutory', level: 'red' }, template: `${CASE_HEAD}，法定时限为{{case.statutoryDeadline}}，已超过法定时限，予以红牌警告，请立即办结并说明原因。` }),
  d({ id: 'time.step.warning', name: '环节时限预警', kind: 'time', level: 'warning', trigger: { type: 'clock', clock: 'step', level: 'warning' }, template: '{{source.message}}' }),
  d({ id: 'time.step.yellow', name: '环节时限黄牌', kind: 'time', level: 'yellow', trigger: { type: 'clock', clock: 'step', level: 'yellow' }, template: '{{source.message}}' }),
  d({ id: 'time.step.red', name: '环节时限红牌', kind: 'time', level: 'red', trigger: { type: 'clock', clock: 'step', level: 'red' }, template: '{{source.message}}' }),
  d({ id: 'time.specialProcedure.warning', name: '特别程序时限预警', kind: 'time', level: 'warning', trigger: { type: 'clock', clock: 'specialProcedure', level: 'warning' }, template: '{{source.message}}' }),
  d({ id: 'time.specialProcedure.yellow', name: '特别程序时限黄牌', kind: 'time', level: 'yellow', trigger: { type: 'clock', clock: 'specialProcedure', level: 'yellow' }, template: '{{source.message}}' }),
  d({ id: 'time.specialProcedure.red', name: '特别程序时限红牌', kind: 'time', level: 'red', trigger: { type: 'clock', clock: 'specialProcedure', level: 'red' }, template: '{{source.message}}' }),
  d({ id: 'time.preAcceptance.warning', name: '网上预受理时限预警', kind: 'time', level: 'warning', trigger: { type: 'clock', clock: 'preAcceptance', level: 'warning' }, template: '{{source.message}}' }),
  d({ id: 'time.preAcceptance.yellow', name: '网上预受理时限黄牌', kind: 'time', level: 'yellow', trigger: { type: 'clock', clock: 'preAcceptance', level: 'yellow' }, template: '{{source.message}}' }),
  d({ id: 'time.preAcceptance.red', name: '网上预受理时限红牌', kind: 'time', level: 'red', trigger: { type: 'clock', clock: 'preAcceptance', level: 'red' }, template: '{{source.message}}' }),
  d({ id: 'time.consultation.warning', name: '咨询办理预警', kind: 'time', level: 'warning', trigger: { type: 'request', request: 'consultation', days: -2 }, template: '咨询编号为{{request.no}}，标题为“{{request.title}}”，答复期限为{{request.dueDay}}，即将超期，请速答复。' }),
  d({ id: 'time.consultation.yellow', name: '咨询超时黄牌', kind: 'time', level: 'yellow', trigger: { type: 'request', request: 'consultation', days: 1 }, template: '咨询编号为{{request.no}}，标题为“{{request.title}}”，答复期限为{{request.dueDay}}，已超期，予以黄牌警告。' }),
  d({ id: 'time.consultation.red', name: '咨询超时红牌', kind: 'time', level: 'red', trigger: { type: 'request', request: 'consultation', days: 2 }, template: '咨询编号为{{request.no}}，标题为“{{request.title}}”，答复期限为{{request.dueDay}}，严重超期，予以红牌警告。' }),
  d({ id: 'time.complaint.warning', name: '投诉办理预警', kind: 'time', level: 'warning', trigger: { type: 'request', request: 'complaint', days: -2 }, template: '投诉编号为{{request.no}}，标题为“{{request.title}}”，办理期限为{{request.dueDay}}，即将超期，请速办理。' }),
  d({ id: 'time.complaint.yellow', name: '投诉超时黄牌', kind: 'time', level: 'yellow', trigger: { type: 'request', request: 'complaint', days: 1 }, template: '投诉编号为{{request.no}}，标题为“{{request.title}}”，办理期限为{{request.dueDay}}，已超期，予以黄牌警告。' }),
  d({ id: 'time.complaint.red', name: '投诉超时红牌', kind: 'time', level: 'red', trigger: { type: 'request', request: 'complaint', days: 2 }, template: '投诉编号为{{request.no}}，标题为“{{request.title}}”，办理期限为{{request.dueDay}}，严重超期，予以红牌警告。' }),
  d({ id: 'time.ratingFollowUp.yellow', name: '差评整改超时黄牌', kind: 'time', level: 'yellow', trigger: { type: 'ratingFollowUp', days: 0 }, template: '办件编号为{{request.no}}的差评整改期限为{{request.dueDay}}，已超期未反馈，予以黄牌警告。' }),
  d({ id: 'time.order.red', name: '督办逾期红牌', kind: 'time', level: 'red', trigger: { type: 'orderOverdue', days: 0 }, template: '{{source.message}}（督办期限{{request.dueDay}}已过仍未办结，予以红牌警告并提出整改建议。）' }),
  d({ id: 'flow.point', name: '事项监察点', kind: 'flow', level: 'warning', trigger: { type: 'monitoringPoint' }, template: '{{source.message}}' }),
  d({ id: 'flow.supplement', name: '多次补正', kind: 'flow', level: 'warning', trigger: { type: 'count', counter: 'supplementRounds', threshold: 2 }, template: `${CASE_HEAD}，已要求补正{{case.supplementRounds}}次，超过规定次数，请核查是否存在刁难申请人情形。` }),
  d({ id: 'flow.returns', name: '多次退回', kind: 'flow', level: 'warning', trigger: { type: 'count', counter: 'returnCount', threshold: 2 }, template: `${CASE_HEAD}，已退回{{case.returnCount}}次，请核查办理是否规范。` }),
  d({ id: 'flow.suspensions', name: '多次暂停', kind: 'flow', level: 'warning', trigger: { type: 'count', counter: 'suspendCount', threshold: 1 }, template: `${CASE_HEAD}，已暂停{{case.suspendCount}}次，请核查暂停理由是否充分。` }),
  d({ id: 'flow.missingReason', name: '异常操作无理由', kind: 'flow', level: 'yellow', trigger: { type: 'missingReason', operations: ['refuse', 'return', 'suspend', 'void', 'extend', 'startSpecialProcedure'] }, template: `${CASE_HEAD}，{{source.message}}未说明理由。` }),
  d({ id: 'flow.acceptedIncomplete', name: '材料不全受理', kind: 'flow', level: 'yellow', trigger: { type: 'acceptedIncomplete' }, template: `${CASE_HEAD}，受理时必备材料{{source.message}}未齐全或未核验原件。` }),
  d({ id: 'flow.sameHandler', name: '应回避环节同一人办理', kind: 'flow', level: 'yellow', trigger: { type: 'sameHandler', acceptanceVsDecision: true }, template: `${CASE_HEAD}，{{source.message}}，违反受理与审批相分离的规定。` }),
  d({ id: 'content.penaltyOutsideBand', name: '罚款超出裁量幅度', kind: 'content', level: 'yellow', trigger: { type: 'builtin', point: 'penaltyOutsideBand' }, template: `${CASE_HEAD}，罚款超出裁量幅度：{{source.message}}` }),
  d({ id: 'content.gradeChangedAfterNotice', name: '告知后变更裁量等级', kind: 'content', level: 'warning', trigger: { type: 'builtin', point: 'gradeChangedAfterNotice' }, template: `${CASE_HEAD}，告知后变更裁量等级：{{source.message}}` }),
  d({ id: 'content.feeMismatch', name: '收费与标准不一致', kind: 'content', level: 'yellow', trigger: { type: 'builtin', point: 'feeMismatch' }, template: `${CASE_HEAD}，收费与标准不一致：{{source.message}}` }),
]

interface RuleRow {
  id: string
  kind: string
  name: string
  enabled: boolean | number
  level: string
  mode: string
  version: number
  trigger: string
  condition: string | null
  template: string
  feedback_days: number
  position: number
  updated_by: string | null
  updated_at: number | string | null
}

const toRule = (r: RuleRow): Rule =>
  ({
    ...ruleSchema.parse({
      id: r.id,
      name: r.name,
      kind: r.kind,
      enabled: !!r.enabled,
      level: r.level,
      mode: r.mode,
      trigger: JSON.parse(r.trigger),
      ...(r.condition ? { condition: r.condition } : {}),
      template: r.template,
      feedbackDays: r.feedback_days,
    }),
    version: r.version,
    updatedAt: r.updated_at === null ? null : Number(r.updated_at),
    updatedBy: r.updated_by,
  }) as Rule

const toRow = (r: Rule, position: number) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  enabled: r.enabled,
  level: r.level,
  mode: r.mode,
  version: r.version,
  trigger: JSON.stringify(r.trigger),
  condition: r.condition ?? null,
  template: r.template,
  feedback_days: r.feedbackDays,
  position,
  updated_by: r.updatedBy,
  updated_at: r.updatedAt,
})

/** What makes two versions of a rule different (everything but bookkeeping). */
const content = (r: Rule) => JSON.stringify([r.kind, r.name, r.enabled, r.level, r.mode, r.trigger, r.condition ?? null, r.template, r.feedbackDays])

async function ensureDefaults(k: Knex | Knex.Transaction): Promise<void> {
  const n = (await k('supervision_rules').count({ n: '*' }).first()) as { n: number | string }
  if (Number(n.n) > 0) return
  const rows = defaultRules.map((r, i) => toRow({ ...(ruleSchema.parse(r) as Rule), version: 1, updatedAt: null, updatedBy: null }, i))
  await k('supervision_rules').insert(rows).onConflict('id').ignore()
}

/** Rules are read on every scheduler tick and case command: each process keeps them for a few seconds. */
const CACHE_MS = 5_000
const cache = new WeakMap<object, { at: number; rules: Rule[] }>()

/** The rules if this process read them in the last few seconds; otherwise undefined (call loadRules). */
export function cachedRules(deps: Deps): Rule[] | undefined {
  const hit = cache.get(deps.db)
  return hit && Date.now() - hit.at < CACHE_MS ? hit.rules : undefined
}

/** `k`: the caller's transaction when called inside one (SQLite has a single connection). */
export async function loadRules(deps: Deps, k: Knex | Knex.Transaction = deps.db.knex): Promise<Rule[]> {
  const hit = cache.get(deps.db)
  const now = Date.now()
  if (hit && now - hit.at < CACHE_MS) return hit.rules
  await ensureDefaults(k)
  const rules = ((await k('supervision_rules').orderBy('position')) as RuleRow[]).map(toRule)
  cache.set(deps.db, { at: now, rules })
  return rules
}

export async function getRules(deps: Deps) {
  return { rules: await loadRules(deps), placeholders: templateRoots.map((r) => `{{${r}.…}}`) }
}

/** Replaces the rule list; changed rules get version + 1, removed rules are deleted (their cards stay). Audited with before and after. */
export async function putRules(deps: Deps, user: User, input: readonly RuleInput[], ip: string) {
  const now = deps.now()
  const before = await loadRules(deps)
  const byId = new Map(before.map((r) => [r.id, r]))
  const next: Rule[] = input.map((raw) => {
    const r = ruleSchema.parse(raw) as Rule
    const old = byId.get(r.id)
    const candidate = { ...r, version: old?.version ?? 1, updatedAt: old?.updatedAt ?? null, updatedBy: old?.updatedBy ?? null }
    if (old && content(old) === content(candidate)) return old
    return { ...candidate, version: old ? old.version + 1 : 1, updatedAt: now, updatedBy: user.id }
  })
  await deps.db.write(async (trx) => {
    await trx('supervision_rules').delete()
    await trx('supervision_rules').insert(next.map(toRow))
  })
  cache.delete(deps.db)
  const changed = next.filter((r) => byId.get(r.id)?.version !== r.version).map((r) => r.id)
  const removed = before.filter((r) => !next.some((n) => n.id === r.id)).map((r) => r.id)
  await audit(deps, { actorId: user.id, action: 'supervision.rules', target: 'supervision_rules', ip, success: true, details: { changed, removed, before: before.filter((r) => changed.includes(r.id) || removed.includes(r.id)), after: next.filter((r) => changed.includes(r.id)) } })
  return getRules(deps)
}
