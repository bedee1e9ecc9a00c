import { formatInstant, type Calendar } from '@sunlight/calendar'
import { dictionaryLabel, defaultDictionaries, type PowerItemDefinition, type StepNode } from '@sunlight/definition'
import { simulate, type SimulationResult, type SimulationScript } from '@sunlight/engine'
import { sampleFormValues } from './sample-data'

export type ScriptStep = SimulationScript['steps'][number]
export type ScenarioKind = 'happy' | 'worst'

const HOUR = 3_600_000
const SURNAMES = ['张', '李', '王', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙']

/** One staff member per step (so separation of duties holds), extra signers for 会签, the extension approver. */
export function actorsFor(def: PowerItemDefinition): SimulationScript['actors'] {
  const actors: SimulationScript['actors'] = { applicant: { name: '申请人', kind: 'applicant' } }
  const department = def.item.department.name
  let n = 0
  const person = (post: string) => `${SURNAMES[n++ % SURNAMES.length]}${dictionaryLabel(defaultDictionaries.post, post) ?? post}`
  for (const s of def.flow.nodes) {
    if (s.type !== 'step') continue
    actors[s.id] = { name: person(s.post), kind: 'staff', department, posts: [s.post] }
    for (let i = 2; i <= (s.countersign?.count ?? 1); i++) actors[`${s.id}#${i}`] = { name: person(s.post), kind: 'staff', department, posts: [s.post] }
  }
  const ext = def.timeLimits.extension
  if (ext) actors.extensionApprover = { name: person(ext.approverPost), kind: 'staff', department, posts: [ext.approverPost] }
  return actors
}

const acceptanceOf = (def: PowerItemDefinition) => def.flow.nodes.find((n): n is StepNode => n.type === 'step' && n.kind === 'acceptance')

/** `hour` o'clock on the first working day after the day of `instant` (or that day, with `sameDay`). */
function workdayAt(cal: Calendar, instant: number, hour: number, sameDay = false): number {
  let day = cal.dayOf(instant)
  if (!sameDay || !cal.isWorkday(day)) day = cal.dayOf(cal.addWorkdays(instant, 1) - 1)
  return cal.startOfDay(day) + hour * HOUR
}

export interface GeneratedScenario {
  script: SimulationScript
  result: SimulationResult
  /** Why generation stopped before the case concluded (a refusal, a calendar gap, too many steps). */
  stopped?: string
}

/**
 * Builds a scripted case from the flow by running the engine step by step: the happy path takes
 * one working day per step; the worst path asks for 补正 before acceptance, uses the first special
 * procedure and the full extension where the flow allows them, and finishes every step on the last
 * day of its limit. Exclusive gateways go wherever the sample application leads them.
 */
export function generateScenario(def: PowerItemDefinition, cal: Calendar, startDay: string, kind: ScenarioKind): GeneratedScenario {
  const script: SimulationScript = { actors: actorsFor(def), steps: [] }
  const acc = acceptanceOf(def)
  let t = cal.startOfDay(startDay) + 9.5 * HOUR
  const push = (at: number, actor: string, command: Record<string, unknown>) => {
    t = Math.max(t, at)
    script.steps.push({ at: formatInstant(t), actor, command })
  }
  const materials = Object.fromEntries(def.item.materials.map((m) => [m.id, { provided: true, originalChecked: m.originals > 0 }]))
  const form = sampleFormValues(def.form)
  const applicantName = typeof form.applicantName === 'string' ? form.applicantName : '张三'
  const worstMaterial = def.item.materials.find((m) => m.mandatory)
  push(t, 'applicant', { type: 'submit', caseId: 'sim-1', caseNo: 'SIM20260001', queryCode: '000000', channel: 'online', applicant: { name: applicantName }, form, materials: kind === 'worst' && worstMaterial ? { ...materials, [worstMaterial.id]: { provided: false } } : materials })
  const window = acc?.id ?? 'applicant'
  if (kind === 'worst' && acc?.operations.includes('requestSupplement')) {
    push(workdayAt(cal, t, 10), window, { type: 'requestSupplement', items: [worstMaterial ? { materialId: worstMaterial.id, description: `请补充：${worstMaterial.name}` } : { description: '申请表信息填写不完整，请补正' }], reason: '材料不齐全，一次性告知需补正内容' })
    push(workdayAt(cal, t, 15, false) + 2 * 24 * HOUR, 'applicant', { type: 'supplement', materials: worstMaterial ? { [worstMaterial.id]: { provided: true } } : {} })
  }
  push(workdayAt(cal, t, 10, kind === 'happy'), window, { type: 'accept', opinion: '材料齐全，符合法定形式，予以受理' })

  let special = kind === 'worst' ? def.timeLimits.specialProcedures[0] : undefined
  let extension = kind === 'worst' ? def.timeLimits.extension : undefined
  let result = simulate(def, script, cal)
  for (let guard = 0; guard < 120; guard++) {
    const last = result.entries[result.entries.length - 1]
    if (last?.outcome === 'refused') return { script, result, stopped: last.refusal?.messageZh ?? 'refused' }
    const state = result.state
    if (!state || state.status === 'concluded') return { script, result }
    const task = state.tasks[0]
    const step = def.flow.nodes.find((n): n is StepNode => n.id === task?.node && n.type === 'step')
    if (!task || !step) return { script, result, stopped: '没有待办环节' }
    const due = cal.addLimit(task.enteredAt, step.limit)
    let at = kind === 'happy' ? workdayAt(cal, t, 10) : Math.max(t + HOUR, cal.startOfDay(cal.dueDay(due)) + 16 * HOUR)
    if (special && step.operations.includes('specialProcedure')) {
      push(workdayAt(cal, t, 10), step.id, { type: 'startSpecialProcedure', node: step.id, procedure: special.type, reason: `依法需${special.name}` })
      push(cal.startOfDay(cal.dueDay(cal.addLimit(t, special.max))) + 10 * HOUR, step.id, { type: 'endSpecialProcedure', outcome: `${special.name}结束，结论：符合条件` })
      special = undefined
      at = Math.max(at, t + HOUR)
    }
    if (extension && step.operations.includes('extend')) {
      push(t + HOUR, 'extensionApprover', { type: 'extend', value: extension.max.value, reason: '情况复杂，经负责人批准延长期限' })
      extension = undefined
    }
    if (step.countersign) {
      const signers = step.countersign.mode === 'all' ? step.countersign.count : 1
      for (let i = 1; i <= signers; i++) push(at + (i - 1) * HOUR, i === 1 ? step.id : `${step.id}#${i}`, { type: 'countersign', node: step.id, approve: true, opinion: '同意' })
    } else push(at, step.id, { type: 'complete', node: step.id, opinion: step.kind === 'acceptance' ? '予以受理' : '经审查，符合法定条件，同意' })
    try {
      result = simulate(def, script, cal)
    } catch (e) {
      return { script, result, stopped: (e as { messageZh?: string }).messageZh ?? String(e) }
    }
  }
  return { script, result, stopped: '步骤过多，已停止生成' }
}

/** Runs a (possibly hand-edited) script; engine misuse and calendar gaps come back as text. */
export function runScript(def: PowerItemDefinition, cal: Calendar, script: SimulationScript): { result?: SimulationResult; error?: string } {
  try {
    return { result: simulate(def, script, cal) }
  } catch (e) {
    return { error: (e as { messageZh?: string }).messageZh ?? (e as Error).message ?? String(e) }
  }
}
