import { z } from 'zod'

/**
 * The structure of a power-item definition (行政权力事项定义), as zod schemas.
 * Types (types.ts) and the editors' JSON Schema (schema/power-item.schema.json)
 * are both derived from these, so the three never drift apart.
 *
 * Meaning (references, reachability, limits, codes) is checked in validate.ts;
 * this file only says what shape each part has.
 */

export const SCHEMA_VERSION = 1

const text = (max: number) => z.string().trim().min(1).max(max)
const id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'an identifier: a letter, then letters, digits, _ or -, at most 64')
const dictCode = z.string().regex(/^[0-9A-Za-z_.-]{1,32}$/, 'a dictionary code')

export const limitUnitSchema = z.enum(['workdays', 'days'])
export const timeLimitSchema = z
  .object({
    value: z.number().int().min(0).max(3650),
    unit: limitUnitSchema,
    note: z.string().max(500).optional(),
  })
  .strict()

export const legalBasisSchema = z
  .object({
    law: text(200),
    article: z.string().max(100).optional(),
    text: z.string().max(4000).optional(),
  })
  .strict()

export const organisationSchema = z
  .object({
    name: text(200),
    /** 统一社会信用代码 (GB 32100), checked with its check digit in validate.ts */
    creditCode: z.string().optional(),
    /** 实施主体性质 (GB/T 39046 A.3): 1 法定机关 · 2 授权组织 · 3 受委托组织 · 9 其他 */
    nature: dictCode.optional(),
  })
  .strict()

export const fileRefSchema = z
  .object({
    name: text(200),
    /** Stored file key or URL path, resolved by the server. */
    ref: z.string().max(500).optional(),
  })
  .strict()

export const materialSchema = z
  .object({
    id,
    name: text(200),
    issuer: z.string().max(200).optional(),
    originals: z.number().int().min(0).max(99).default(0),
    copies: z.number().int().min(0).max(99).default(0),
    mandatory: z.boolean(),
    form: z.enum(['paper', 'electronic', 'both']).default('both'),
    /** 空白表格 */
    blankForm: fileRefSchema.optional(),
    /** 示例样表 */
    sample: fileRefSchema.optional(),
    basis: z.string().max(500).optional(),
    notes: z.string().max(1000).optional(),
  })
  .strict()

export const feeSchema = z
  .object({
    item: text(200),
    /** Human-readable standard, e.g. "每件 50 元" */
    standard: text(500),
    /** Amount in yuan when the standard is a fixed sum; the engine compares charged fees with it. */
    amount: z.number().min(0).optional(),
    basis: z.string().max(500).optional(),
    waivable: z.boolean().default(false),
  })
  .strict()

export const faqSchema = z.object({ question: text(500), answer: text(4000) }).strict()

export const responsibilitySchema = z
  .object({
    /** 责任事项, e.g. 受理责任 */
    duty: text(200),
    content: z.string().max(4000).optional(),
    basis: z.string().max(1000).optional(),
    /** 追责情形 */
    accountability: z.string().max(4000).optional(),
  })
  .strict()

export const locationSchema = z
  .object({ address: text(300), hours: z.string().max(300).optional() })
  .strict()

/** 事项公开要素: the public facts (GB/T 39046-2020 Table 4 subset). */
export const itemSchema = z
  .object({
    name: text(200),
    /** 权力类别 (dictionary `category`: 01 许可 … 10 其他) */
    category: dictCode,
    basicCode: z.string().min(1).max(36),
    implCode: z.string().min(1).max(64),
    /** 行使层级 (dictionary `exerciseLevel`) */
    exerciseLevel: dictCode.optional(),
    legalBasis: z.array(legalBasisSchema).min(1),
    department: organisationSchema,
    handlingUnit: organisationSchema.optional(),
    /** 服务对象 (dictionary `serviceObject`) */
    serviceObjects: z.array(dictCode).min(1),
    acceptanceConditions: z.string().max(8000).default(''),
    materials: z.array(materialSchema).default([]),
    fees: z.array(feeSchema).default([]),
    statutoryLimit: timeLimitSchema,
    promisedLimit: timeLimitSchema,
    /** 办件类型: 即办件 or 承诺件 */
    caseType: z.enum(['instant', 'promised']),
    locations: z.array(locationSchema).default([]),
    consultationPhone: z.string().max(100).optional(),
    supervisionPhone: z.string().max(100).optional(),
    faq: z.array(faqSchema).default([]),
    responsibilities: z.array(responsibilitySchema).default([]),
    /** 办理形式 (dictionary `handlingForm`) */
    handlingForms: z.array(dictCode).default([]),
  })
  .strict()

/** Operations a step may allow; `complete` is always allowed. */
export const operationSchema = z.enum([
  'accept',
  'refuse',
  'requestSupplement',
  'return',
  'suspend',
  'specialProcedure',
  'extend',
  'transfer',
  'countersign',
  'withdraw',
  'merge',
  'conclude',
  'void',
])

export const fieldPermissionSchema = z.enum(['read', 'write', 'hidden'])

const nodeBase = { id, name: text(100) }

export const startNodeSchema = z.object({ ...nodeBase, type: z.literal('start') }).strict()
export const endNodeSchema = z
  .object({
    ...nodeBase,
    type: z.literal('end'),
    /** 办结结果 (dictionary `result`) recorded when a case reaches this end. */
    result: dictCode,
  })
  .strict()
export const stepNodeSchema = z
  .object({
    ...nodeBase,
    type: z.literal('step'),
    /** The acceptance step (受理) is where accept / refuse / supplement happen; exactly one, right after start. */
    kind: z.enum(['acceptance', 'handling']).default('handling'),
    /** 岗位 (dictionary `post`), e.g. window / handler / reviewer / approver */
    post: dictCode,
    limit: timeLimitSchema,
    operations: z.array(operationSchema).default([]),
    opinionRequired: z.boolean().default(false),
    /** Per form field (top-level key of form.properties): read / write / hidden. Unlisted fields are read-only. */
    fieldPermissions: z.record(z.string(), fieldPermissionSchema).default({}),
    /** Ids of document templates this step issues. */
    documents: z.array(id).default([]),
    /** Shown in the public flowchart (外部流程图); internal steps are hidden from the hall. */
    public: z.boolean().default(true),
    /** Name shown to the public when it differs from the internal one. */
    publicName: z.string().max(100).optional(),
    /** 会签: several people holding the post sign; all of them or any one. */
    countersign: z
      .object({ mode: z.enum(['all', 'any']), count: z.number().int().min(2).max(50) })
      .strict()
      .optional(),
    /** A short duty description (工作职责) shown in the internal flowchart. */
    duty: z.string().max(1000).optional(),
  })
  .strict()
export const exclusiveGatewaySchema = z.object({ ...nodeBase, type: z.literal('exclusive') }).strict()
export const parallelGatewaySchema = z.object({ ...nodeBase, type: z.literal('parallel') }).strict()

export const flowNodeSchema = z.discriminatedUnion('type', [
  startNodeSchema,
  stepNodeSchema,
  exclusiveGatewaySchema,
  parallelGatewaySchema,
  endNodeSchema,
])

export const flowEdgeSchema = z
  .object({
    id,
    from: id,
    to: id,
    name: z.string().max(100).optional(),
    /** Safe-expression condition on an exclusive gateway's outgoing edge. */
    condition: z.string().max(4000).optional(),
    /** The exclusive gateway's default branch (taken when no condition holds). */
    default: z.boolean().optional(),
  })
  .strict()

export const flowSchema = z
  .object({
    nodes: z.array(flowNodeSchema).min(1),
    edges: z.array(flowEdgeSchema),
    /** Groups of step ids that must be handled by different people (回避 / separation of duties). */
    separationOfDuties: z.array(z.array(id).min(2)).default([]),
  })
  .strict()

/** Canvas layout, kept apart from the flow's meaning: the engine never reads it. */
export const layoutSchema = z
  .object({
    nodes: z.record(z.string(), z.object({ x: z.number(), y: z.number() }).strict()).default({}),
    edges: z
      .record(z.string(), z.object({ points: z.array(z.object({ x: z.number(), y: z.number() }).strict()) }).strict())
      .default({}),
  })
  .strict()

export const specialProcedureSchema = z
  .object({
    /** Dictionary `specialProcedure`: hearing, testing, inspection, quarantine, appraisal, expertReview, publicNotice, bidding, auction, fieldCheck … */
    type: dictCode,
    name: text(100),
    /** The procedure's own maximum; excluded from the case limit (行政许可法 art. 45). */
    max: timeLimitSchema,
    basis: z.string().max(500).optional(),
  })
  .strict()

export const timeLimitsSchema = z
  .object({
    specialProcedures: z.array(specialProcedureSchema).default([]),
    /** 延期 with approval, e.g. +10 working days (行政许可法 art. 42). */
    extension: z
      .object({
        max: timeLimitSchema,
        approverPost: dictCode,
        basis: z.string().max(500).optional(),
      })
      .strict()
      .optional(),
    /** Warning thresholds; defaults from a real e-supervision product (domain.md §5.2). */
    warnings: z
      .object({
        warningBeforePromised: timeLimitSchema.default({ value: 2, unit: 'workdays' }),
        yellowAfterPromised: timeLimitSchema.default({ value: 1, unit: 'workdays' }),
        redAfterStatutory: timeLimitSchema.default({ value: 1, unit: 'workdays' }),
      })
      .strict()
      .default({
        warningBeforePromised: { value: 2, unit: 'workdays' },
        yellowAfterPromised: { value: 1, unit: 'workdays' },
        redAfterStatutory: { value: 1, unit: 'workdays' },
      }),
    /** 一次性告知 must reach the applicant within this many days of receipt (行政许可法 art. 32: 5 days). */
    supplementNotice: timeLimitSchema.default({ value: 5, unit: 'workdays' }),
    /** Time the applicant has to supply requested materials before the case may be closed as 补正逾期. */
    supplementDue: timeLimitSchema.optional(),
  })
  .strict()

export const levelSchema = z.enum(['warning', 'yellow', 'red'])

export const monitoringPointSchema = z
  .object({
    id,
    name: text(100),
    /** 监察类型: 时限 / 流程 / 内容 / 收费 */
    type: z.enum(['time', 'flow', 'content', 'fee']),
    /** The step it watches; absent = the whole case. */
    node: id.optional(),
    /** Case event that triggers evaluation (e.g. step:completed, case:accepted); absent = every event. */
    on: z.string().max(64).optional(),
    /** Safe expression over { form, case, event }; the point fires when it is true. */
    expression: z.string().min(1).max(4000),
    level: levelSchema,
    /** 自动发牌 or 人工确认 */
    mode: z.enum(['auto', 'manual']).default('auto'),
    /** Message template with {{case.caseNo}}-style placeholders. */
    message: z.string().max(1000).optional(),
  })
  .strict()

export const riskPointSchema = z
  .object({
    id,
    node: id,
    description: text(1000),
    level: z.enum(['high', 'medium', 'low']),
    measures: z.array(text(500)).min(1),
    responsibleRole: z.string().max(100).optional(),
  })
  .strict()

export const fineSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('fixed'), amount: z.number().min(0) }).strict(),
  z.object({ kind: z.literal('range'), min: z.number().min(0), max: z.number().min(0) }).strict(),
  z
    .object({
      kind: z.literal('ratio'),
      /** Form field holding the base amount (违法所得, 货值 …). */
      baseField: z.string().min(1),
      minRatio: z.number().min(0),
      maxRatio: z.number().min(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('perUnit'),
      /** Form field holding the quantity (area, count …). */
      quantityField: z.string().min(1),
      unit: text(20),
      min: z.number().min(0),
      max: z.number().min(0),
    })
    .strict(),
])

export const discretionGradeSchema = z
  .object({
    id,
    /** 轻微 / 一般 / 严重 … */
    name: text(50),
    /** Safe expression over { form } telling when this grade applies (系统辅助判罚). */
    condition: z.string().max(4000).optional(),
    description: text(2000),
    fine: fineSpecSchema,
    /** Mandatory actions, e.g. 责令限期改正. */
    actions: z.array(text(500)).default([]),
  })
  .strict()

export const discretionSchema = z
  .object({
    id,
    violation: text(500),
    legalBasis: z.array(legalBasisSchema).min(1),
    /** Form field where the officer records the chosen grade (grade id). */
    gradeField: z.string().min(1),
    /** Form field holding the decided fine amount (元). */
    amountField: z.string().min(1),
    grades: z.array(discretionGradeSchema).min(1),
  })
  .strict()

export const documentTemplateSchema = z
  .object({
    id,
    /** Dictionary `documentKind`: acceptanceNotice 受理通知书, refusalNotice, supplementNotice … */
    kind: dictCode,
    title: text(100),
    /** The step that issues it. */
    node: id,
    /** The operation on that step that issues it; absent = completing the step. */
    operation: operationSchema.optional(),
    /** Body with {{form.x}}, {{case.caseNo}}, {{item.name}} placeholders (never executed: substituted as text). */
    body: text(20000),
    /** 文号 pattern: {dept}, {year}, {seq}, {seq:4}, e.g. "川宗许受〔{year}〕{seq:3}号". */
    numberPattern: z.string().min(1).max(100),
    /** Delivered to the applicant (shown in the hall) or internal. */
    toApplicant: z.boolean().default(true),
  })
  .strict()

export const formSchemaSchema = z
  .object({
    type: z.literal('object'),
    properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .passthrough()

export const powerItemDefinitionSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** Stable key of the item across versions, kebab-case. */
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'kebab-case, 2–80 characters'),
    /** Version of this item's definition (1, 2, …). */
    version: z.number().int().min(1),
    item: itemSchema,
    /** 申请表单: a Formily JSON Schema. */
    form: formSchemaSchema,
    flow: flowSchema,
    layout: layoutSchema.optional(),
    timeLimits: timeLimitsSchema,
    monitoringPoints: z.array(monitoringPointSchema).default([]),
    riskPoints: z.array(riskPointSchema).default([]),
    discretion: z.array(discretionSchema).default([]),
    documents: z.array(documentTemplateSchema).default([]),
  })
  .strict()
