import { caseFacts, collectFormFields, defaultDictionaries, eventFacts, itemFacts, type PowerItemDefinition } from '@sunlight/definition'
import { operationNamesZh, statusNamesZh } from '@sunlight/engine'
import type { Operand, OperandType } from './condition'

type Schema = Record<string, unknown>
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

function schemaAt(form: unknown, pointer: string): Schema | undefined {
  let cur: unknown = { form }
  for (const seg of pointer.split('/').slice(1)) cur = isObj(cur) ? cur[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  return isObj(cur) ? cur : undefined
}

const typeOf = (t: string): OperandType => (t === 'number' || t === 'integer' ? 'number' : t === 'boolean' ? 'boolean' : t === 'array' ? 'array' : 'string')

function optionsOf(s: Schema | undefined): Operand['options'] {
  if (!s || !Array.isArray(s.enum)) return undefined
  return s.enum.map((e) =>
    isObj(e) ? { label: String(e.label ?? e.value), value: e.value as string | number | boolean } : { label: String(e), value: e as string | number | boolean },
  )
}

/** Form fields as operands; `prefix` is 'form.' for flow, monitoring and discretion conditions, '' for form linkage. */
export function formOperands(form: unknown, prefix: 'form.' | '' = 'form.', exclude?: string): Operand[] {
  return collectFormFields(form)
    .filter((f) => !f.path.includes('*') && f.path !== exclude)
    .map((f) => {
      const s = schemaAt(form, f.pointer)
      return { path: prefix + f.path, label: f.title ? `${f.title}` : f.path, type: typeOf(f.type), options: optionsOf(s) }
    })
}

const dict = (name: keyof typeof defaultDictionaries) => defaultDictionaries[name].map((e) => ({ label: e.zh, value: e.code }))

const CASE_NUMBERS = new Set(['supplementRounds', 'specialProcedureDays', 'extensionDays', 'returnCount', 'suspendCount', 'countersignFor', 'countersignAgainst', 'fee', 'amount'])
const caseOptions: Partial<Record<string, Operand['options']>> = {
  channel: [
    { label: '网上申请', value: 'online' },
    { label: '窗口受理', value: 'window' },
  ],
  status: Object.entries(statusNamesZh).map(([value, label]) => ({ label, value })),
  result: dict('result'),
  specialProcedure: dict('specialProcedure'),
}

/** Case facts (`case.returnCount`…), labelled by `label(name)`. */
export function caseOperands(label: (name: string) => string): Operand[] {
  return caseFacts.map((name) => ({ path: `case.${name}`, label: label(name), type: CASE_NUMBERS.has(name) ? 'number' : 'string', options: caseOptions[name] }))
}

/** Facts of the event being watched (`event.operation`…), for monitoring points. */
export function eventOperands(def: PowerItemDefinition | null, label: (name: string) => string): Operand[] {
  const steps = (def?.flow.nodes ?? []).filter((n) => n.type === 'step').map((n) => ({ label: n.name, value: n.id }))
  const options: Partial<Record<string, Operand['options']>> = {
    operation: Object.entries(operationNamesZh).map(([value, label]) => ({ label, value })),
    post: dict('post'),
    node: steps,
    level: [
      { label: '预警', value: 'warning' },
      { label: '黄牌', value: 'yellow' },
      { label: '红牌', value: 'red' },
    ],
  }
  return eventFacts.map((name) => ({ path: `event.${name}`, label: label(name), type: 'string' as const, options: options[name] }))
}

export function itemOperands(label: (name: string) => string): Operand[] {
  return itemFacts.map((name) => ({ path: `item.${name}`, label: label(name), type: 'string' as const, options: name === 'category' ? dict('category') : undefined }))
}

/** The watched step's clock (`step.overdue`, `step.level`), for monitoring points on a step. */
export function stepOperands(label: (name: string) => string): Operand[] {
  return [
    { path: 'step.overdue', label: label('overdue'), type: 'boolean' },
    {
      path: 'step.level',
      label: label('level'),
      type: 'string',
      options: [
        { label: '正常', value: 'normal' },
        { label: '预警', value: 'warning' },
        { label: '黄牌', value: 'yellow' },
        { label: '红牌', value: 'red' },
      ],
    },
  ]
}
