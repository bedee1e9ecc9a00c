import { parseExpression } from '@sunlight/expression'
import { z } from 'zod'

/**
 * The shapes of e-supervision (电子监察, domain.md §5): global rules, cards and their lifecycle,
 * the efficiency-score formula. Shared by the routes (request validation) and the services.
 */

export const cardLevels = ['warning', 'yellow', 'red'] as const
export type CardLevel = (typeof cardLevels)[number]
export const levelRank: Record<CardLevel, number> = { warning: 1, yellow: 2, red: 3 }
export const levelZh: Record<CardLevel, string> = { warning: '预警', yellow: '黄牌', red: '红牌' }

export const ruleKinds = ['time', 'flow', 'content'] as const
export type RuleKind = (typeof ruleKinds)[number]

export const clockKinds = ['promised', 'statutory', 'step', 'specialProcedure', 'preAcceptance'] as const
export const counterKinds = ['supplementRounds', 'returnCount', 'suspendCount'] as const
export const reasonOperations = ['refuse', 'return', 'suspend', 'void', 'extend', 'startSpecialProcedure', 'conclude', 'withdraw', 'transfer'] as const
export const builtinPoints = ['penaltyOutsideBand', 'gradeChangedAfterNotice', 'feeMismatch'] as const

/** What makes a rule fire. Time triggers are evaluated at the scheduler tick, the others after case commands. */
export const triggerSchema = z.discriminatedUnion('type', [
  /** A case clock reached a level (the scheduler's `warnings` row for clock × level). */
  z.object({ type: z.literal('clock'), clock: z.enum(clockKinds), level: z.enum(cardLevels) }).strict(),
  /** A definition's own monitoring point fired (time points at the tick, event points after a command); the card takes the point's level unless the rule's level is higher. */
  z.object({ type: z.literal('monitoringPoint') }).strict(),
  /** A consultation or complaint still unanswered `days` working days after its due instant (negative: before it). */
  z.object({ type: z.literal('request'), request: z.enum(['consultation', 'complaint']), days: z.number().int().min(-30).max(365) }).strict(),
  /** A bad-rating follow-up (差评整改) still open `days` working days after its due instant. */
  z.object({ type: z.literal('ratingFollowUp'), days: z.number().int().min(-30).max(365) }).strict(),
  /** A 督办 order whose deadline passed without the card being closed (湛江: then a red card). */
  z.object({ type: z.literal('orderOverdue'), days: z.number().int().min(0).max(365) }).strict(),
  /** 补正 / 退回 / 暂停 more than `threshold` times. */
  z.object({ type: z.literal('count'), counter: z.enum(counterKinds), threshold: z.number().int().min(0).max(100) }).strict(),
  /** An abnormal operation recorded without a reason. */
  z.object({ type: z.literal('missingReason'), operations: z.array(z.enum(reasonOperations)).min(1).max(reasonOperations.length) }).strict(),
  /** Accepted while a mandatory material is not provided (or its original not checked when the item asks for originals). */
  z.object({ type: z.literal('acceptedIncomplete') }).strict(),
  /** One person handled two steps that must be separate (the definition's separation groups; optionally acceptance vs. the deciding step). */
  z.object({ type: z.literal('sameHandler'), acceptanceVsDecision: z.boolean().default(true) }).strict(),
  /** A content check the engine records as it happens (罚款超出裁量幅度, 告知后变更裁量等级, 收费与标准不一致). */
  z.object({ type: z.literal('builtin'), point: z.enum(builtinPoints) }).strict(),
])
export type Trigger = z.infer<typeof triggerSchema>

export const TIME_TRIGGERS: readonly Trigger['type'][] = ['clock', 'request', 'ratingFollowUp', 'orderOverdue']

/** Roots a message template may name: {{case.caseNo}}, {{item.name}}, {{rule.name}}, {{level.name}}, {{department.name}}, {{source.message}}, {{request.no}}. */
export const templateRoots = ['case', 'item', 'rule', 'level', 'department', 'source', 'request'] as const
const placeholder = /\{\{\s*([a-z]+)\.([A-Za-z0-9_.]+)\s*\}\}/g

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9.-]{1,63}$/, 'an id such as time.promised.yellow'),
    name: z.string().trim().min(1).max(100),
    kind: z.enum(ruleKinds),
    enabled: z.boolean().default(true),
    level: z.enum(cardLevels),
    /** 发牌方式: auto = issued at once (state Y), manual = held for a supervisor's confirmation (state D). */
    mode: z.enum(['auto', 'manual']).default('auto'),
    trigger: triggerSchema,
    /** Optional extra condition over the case facts (`case.x`, `item.x`), in the safe expression language. */
    condition: z.string().trim().max(500).optional(),
    /** Message template; placeholders are substituted as text, never executed. */
    template: z.string().trim().min(1).max(500),
    /** Days the unit has to give feedback (DZJC feedback_endtime = now + 30 days). */
    feedbackDays: z.number().int().min(1).max(365).default(30),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.condition) {
      const p = parseExpression(r.condition)
      if (!p.ok) ctx.addIssue({ code: 'custom', path: ['condition'], message: `not a valid expression: ${p.error.message}` })
    }
    for (const m of r.template.matchAll(placeholder))
      if (!(templateRoots as readonly string[]).includes(m[1] ?? ''))
        ctx.addIssue({ code: 'custom', path: ['template'], message: `unknown placeholder {{${m[1]}.${m[2]}}}; roots: ${templateRoots.join(', ')}` })
    const timeTrigger = TIME_TRIGGERS.includes(r.trigger.type)
    if (r.trigger.type !== 'monitoringPoint' && timeTrigger !== (r.kind === 'time'))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: timeTrigger ? 'a time trigger needs kind "time"' : 'only time triggers have kind "time"' })
  })
export type RuleInput = z.input<typeof ruleSchema>
export type Rule = z.output<typeof ruleSchema> & { version: number; updatedAt: number | null; updatedBy: string | null }

export const rulesBodySchema = z
  .object({ rules: z.array(ruleSchema).min(1).max(200) })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>()
    b.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` })
      seen.add(r.id)
    })
  })

/** Card states. pending (待发, manual rules) → issued → answered (feedback) → appealed → revoked | back; ordered (督办) → closed. */
export const cardStatuses = ['pending', 'issued', 'answered', 'appealed', 'revoked', 'ordered', 'closed', 'dismissed'] as const
export type CardStatus = (typeof cardStatuses)[number]
/** States in which a card counts (scores, highest card per case). */
export const COUNTING: readonly CardStatus[] = ['issued', 'answered', 'appealed', 'ordered', 'closed']
export const OPEN: readonly CardStatus[] = ['pending', 'issued', 'answered', 'appealed', 'ordered']

export const subjectTypes = ['department', 'window', 'staff'] as const
export type SubjectType = (typeof subjectTypes)[number]

export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')

/**
 * Efficiency-score formula. Default from the worked municipal formula (domain.md §5.5 [EJ-SCORE]):
 * base 100; 黄牌 −5; 红牌 −10; three consecutive 预警 −3; +1 when ≥10 % of the month's completions
 * are early, then +1 per further 10 %; incomplete data reporting −1 per 1 % (at most −5); manual
 * adjustments (绩效登记) and accepted appeals added; floored at 0.
 */
export const scoreParamsSchema = z
  .object({
    base: z.number().min(0).max(1000).default(100),
    yellowPoints: z.number().min(0).max(100).default(5),
    redPoints: z.number().min(0).max(100).default(10),
    warningRunLength: z.number().int().min(1).max(20).default(3),
    warningRunPoints: z.number().min(0).max(100).default(3),
    earlyThreshold: z.number().min(0).max(1).default(0.1),
    earlyStep: z.number().min(0.01).max(1).default(0.1),
    earlyPointsPerStep: z.number().min(0).max(100).default(1),
    reportingPointsPerPercent: z.number().min(0).max(100).default(1),
    reportingMax: z.number().min(0).max(100).default(5),
  })
  .strict()
export type ScoreParams = z.output<typeof scoreParamsSchema>

export const DEFAULT_SCORE_EXPRESSION = 'max(0, base - yellowPoints * yellow - redPoints * red - warningRunPoints * warningRuns + earlyBonus - reportingDeduction + adjustments)'
/** Variables the score expression may read. */
export const scoreVariables = ['base', 'yellowPoints', 'redPoints', 'warningRunPoints', 'yellow', 'red', 'warnings', 'warningRuns', 'concluded', 'early', 'earlyShare', 'earlyBonus', 'incompletePercent', 'reportingDeduction', 'adjustments'] as const

export const scoreFormulaSchema = z
  .object({
    /** First month the formula applies to; it applies until a later formula starts. */
    fromPeriod: period,
    expression: z.string().trim().min(1).max(1000).default(DEFAULT_SCORE_EXPRESSION),
    params: scoreParamsSchema.default(scoreParamsSchema.parse({})),
    /** Where the formula comes from (a document number, a decision). */
    source: z.string().trim().min(1).max(300),
  })
  .strict()
  .superRefine((f, ctx) => {
    const p = parseExpression(f.expression)
    if (!p.ok) ctx.addIssue({ code: 'custom', path: ['expression'], message: `not a valid expression: ${p.error.message}` })
  })
export type ScoreFormula = z.output<typeof scoreFormulaSchema>
