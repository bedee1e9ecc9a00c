import type { CaseState, SupplementItem } from '@sunlight/engine'

/** The commands the API accepts (server/src/services/commands.ts); the actor is the signed-in user. */
export type StaffCommandInput =
  | { type: 'accept'; opinion?: string }
  | { type: 'refuse'; reason: string }
  | { type: 'requestSupplement'; items: SupplementItem[]; reason?: string; node?: string }
  | { type: 'startSpecialProcedure'; procedure: string; reason: string; node?: string }
  | { type: 'endSpecialProcedure'; outcome: string }
  | { type: 'extend'; value: number; reason: string }
  | { type: 'suspend'; reason: string }
  | { type: 'resume'; reason?: string }
  | { type: 'return'; node: string; to: string; reason: string }
  | { type: 'withdraw'; node: string; reason?: string }
  | { type: 'transfer'; node: string; toUserId: string; reason?: string }
  | { type: 'countersign'; node: string; approve: boolean; opinion: string }
  | {
      type: 'complete'
      node: string
      opinion?: string
      approve?: boolean
      reason?: string
      form?: Record<string, unknown>
      penalty?: { grade: string; amount: number; reason?: string }
    }
  | { type: 'merge'; caseNos: string[]; reason: string }
  | { type: 'conclude'; result: string; reason: string }
  | { type: 'void'; reason: string }

/** A button on the case page: the step operation (`specialProcedure` → start) or a case-level one. */
export type OperationName =
  | 'complete'
  | 'accept'
  | 'refuse'
  | 'requestSupplement'
  | 'return'
  | 'suspend'
  | 'resume'
  | 'specialProcedure'
  | 'endSpecialProcedure'
  | 'extend'
  | 'transfer'
  | 'countersign'
  | 'withdraw'
  | 'merge'
  | 'conclude'
  | 'void'

/** The inputs an operation's dialog shows; `required` mirrors the engine's guards. */
export type DialogField = 'opinion' | 'approve' | 'reason' | 'items' | 'to' | 'toUserId' | 'procedure' | 'outcome' | 'value' | 'result' | 'caseNos' | 'penalty'

export interface DialogSpec {
  fields: DialogField[]
  required: DialogField[]
  /** Operations that are signs of trouble: the button is styled as a warning. */
  cautious: boolean
}

export interface DialogValues {
  opinion: string
  approve: boolean
  reason: string
  items: SupplementItem[]
  to: string
  toUserId: string
  procedure: string
  outcome: string
  value: number
  result: string
  caseNos: string
  penalty?: { grade: string; amount: number | undefined }
}

export const emptyDialogValues = (): DialogValues => ({
  opinion: '',
  approve: true,
  reason: '',
  items: [],
  to: '',
  toUserId: '',
  procedure: '',
  outcome: '',
  value: 1,
  result: '',
  caseNos: '',
})

const spec = (fields: DialogField[], required: DialogField[], cautious = false): DialogSpec => ({ fields, required, cautious })

/**
 * The dialog of an operation. Reasons are required where the guards require them: refusal, return,
 * suspension, extension, special procedure, merge, conclusion, voiding, a second 补正 round, a
 * negative opinion (checked in `missingFields`).
 */
export function dialogSpec(op: OperationName, ctx: { opinionRequired: boolean; supplementRounds: number; penalty: boolean }): DialogSpec {
  switch (op) {
    case 'complete': {
      const fields: DialogField[] = ['opinion', 'approve', 'reason']
      if (ctx.penalty) fields.push('penalty')
      return spec(fields, ctx.opinionRequired ? ['opinion'] : [])
    }
    case 'accept':
      return spec(['opinion'], [])
    case 'refuse':
      return spec(['reason'], ['reason'], true)
    case 'requestSupplement':
      return spec(['items', 'reason'], ctx.supplementRounds > 0 ? ['items', 'reason'] : ['items'], ctx.supplementRounds > 0)
    case 'return':
      return spec(['to', 'reason'], ['to', 'reason'], true)
    case 'suspend':
      return spec(['reason'], ['reason'], true)
    case 'resume':
      return spec(['reason'], [])
    case 'specialProcedure':
      return spec(['procedure', 'reason'], ['procedure', 'reason'])
    case 'endSpecialProcedure':
      return spec(['outcome'], ['outcome'])
    case 'extend':
      return spec(['value', 'reason'], ['value', 'reason'])
    case 'transfer':
      return spec(['toUserId', 'reason'], ['toUserId'])
    case 'countersign':
      return spec(['approve', 'opinion'], ['opinion'])
    case 'withdraw':
      return spec(['reason'], [])
    case 'merge':
      return spec(['caseNos', 'reason'], ['caseNos', 'reason'])
    case 'conclude':
      return spec(['result', 'reason'], ['result', 'reason'], true)
    case 'void':
      return spec(['reason'], ['reason'], true)
  }
}

const blank = (s: string) => s.trim() === ''

/** Required inputs left empty (a negative opinion also needs its reason, as the engine demands). */
export function missingFields(op: OperationName, s: DialogSpec, v: DialogValues): DialogField[] {
  const missing = s.required.filter((f) => {
    switch (f) {
      case 'items':
        return v.items.length === 0 || v.items.some((i) => blank(i.description))
      case 'value':
        return !Number.isInteger(v.value) || v.value < 1
      case 'caseNos':
        return parseCaseNos(v.caseNos).length === 0
      case 'approve':
      case 'penalty':
        return false
      default:
        return blank(v[f])
    }
  })
  if (op === 'complete' && !v.approve && blank(v.reason) && !missing.includes('reason')) missing.push('reason')
  if (s.fields.includes('penalty') && v.penalty && v.penalty.grade && v.penalty.amount === undefined) missing.push('penalty')
  return missing
}

/** Case numbers typed in a box, separated by spaces, commas or new lines. */
export function parseCaseNos(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))]
}

const opt = (s: string) => (blank(s) ? undefined : s.trim())

/** The API command for an operation on a step (`node`) with the dialog's values and the form patch. */
export function buildCommand(op: OperationName, node: string, v: DialogValues, formPatch?: Record<string, unknown>): StaffCommandInput {
  const reason = v.reason.trim()
  switch (op) {
    case 'complete': {
      const c: Extract<StaffCommandInput, { type: 'complete' }> = { type: 'complete', node }
      if (opt(v.opinion)) c.opinion = v.opinion.trim()
      if (!v.approve) c.approve = false
      if (opt(v.reason)) c.reason = reason
      if (formPatch) c.form = formPatch
      if (v.penalty?.grade && v.penalty.amount !== undefined) c.penalty = { grade: v.penalty.grade, amount: v.penalty.amount, ...(opt(v.reason) ? { reason } : {}) }
      return c
    }
    case 'accept':
      return opt(v.opinion) ? { type: 'accept', opinion: v.opinion.trim() } : { type: 'accept' }
    case 'refuse':
      return { type: 'refuse', reason }
    case 'requestSupplement': {
      const items = v.items.map((i) => (i.materialId ? { materialId: i.materialId, description: i.description.trim() } : { description: i.description.trim() }))
      return { type: 'requestSupplement', items, node, ...(opt(v.reason) ? { reason } : {}) }
    }
    case 'return':
      return { type: 'return', node, to: v.to, reason }
    case 'suspend':
      return { type: 'suspend', reason }
    case 'resume':
      return opt(v.reason) ? { type: 'resume', reason } : { type: 'resume' }
    case 'specialProcedure':
      return { type: 'startSpecialProcedure', procedure: v.procedure, reason, node }
    case 'endSpecialProcedure':
      return { type: 'endSpecialProcedure', outcome: v.outcome.trim() }
    case 'extend':
      return { type: 'extend', value: v.value, reason }
    case 'transfer':
      return { type: 'transfer', node, toUserId: v.toUserId.trim(), ...(opt(v.reason) ? { reason } : {}) }
    case 'countersign':
      return { type: 'countersign', node, approve: v.approve, opinion: v.opinion.trim() }
    case 'withdraw':
      return { type: 'withdraw', node, ...(opt(v.reason) ? { reason } : {}) }
    case 'merge':
      return { type: 'merge', caseNos: parseCaseNos(v.caseNos), reason }
    case 'conclude':
      return { type: 'conclude', result: v.result, reason }
    case 'void':
      return { type: 'void', reason }
  }
}

/**
 * The buttons for one step: its allowed operations, plus resume / end of a special procedure when
 * the case is paused that way (those act on the case, not on a step).
 */
export function buttonsFor(operations: readonly string[], state: Pick<CaseState, 'pauses' | 'status'>): OperationName[] {
  const known = new Set<string>(['complete', 'accept', 'refuse', 'requestSupplement', 'return', 'suspend', 'specialProcedure', 'extend', 'transfer', 'countersign', 'withdraw', 'merge', 'conclude', 'void'])
  const out = operations.filter((o) => known.has(o)) as OperationName[]
  const open = state.pauses.find((p) => p.to === undefined)
  if (open?.kind === 'suspension') return [...out.filter((o) => o !== 'suspend'), 'resume']
  if (open?.kind === 'specialProcedure') return [...out.filter((o) => o !== 'specialProcedure'), 'endSpecialProcedure']
  return out
}

/** Steps a case can be returned to from `node`: the steps completed before, most recent first, once each. */
export function returnTargets(state: Pick<CaseState, 'completed'>, node: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const c of [...state.completed].reverse()) {
    if (c.node === node || seen.has(c.node)) continue
    seen.add(c.node)
    out.push(c.node)
  }
  return out
}

/** A fresh idempotency key for one click (retries of the same click reuse it). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return `op-${c.randomUUID()}`
  return `op-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

/** Who a step can be transferred to: colleagues holding its post, never oneself (the engine refuses that). */
export function transferTargets<T extends { id: string; name: string; posts: readonly string[]; self: boolean }>(colleagues: readonly T[], post: string): T[] {
  return colleagues.filter((c) => !c.self && c.posts.includes(post))
}
