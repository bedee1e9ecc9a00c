import { collectFormFields } from '@sunlight/definition'
import { refusal } from '../refusal'
import type { Command } from '../types'
import { acceptanceStep, emit, event, refuse, type Ctx, type Decision } from './context'

type Submit = Extract<Command, { type: 'submit' }>

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/**
 * Submission online or at the window. Required top-level form fields must be filled and every
 * material must be one of the item's. Missing mandatory materials do not stop a submission —
 * they stop acceptance (the pre-check lists them so the window can ask for them at once).
 */
export function submit(ctx: Ctx<Submit>): Decision {
  const { cmd, def } = ctx
  const missing = collectFormFields(def.form)
    .filter((f) => f.required && !f.path.includes('.') && isEmpty(cmd.form[f.path]))
    .map((f) => f.title ?? f.path)
  if (missing.length) return refuse(refusal('form.required', { fields: missing.join(', '), fieldsZh: missing.join('、') }))
  for (const id of Object.keys(cmd.materials))
    if (!def.item.materials.some((m) => m.id === id)) return refuse(refusal('materials.unknown', { material: id }))
  const acc = acceptanceStep(def)
  return emit(
    event(ctx, 'case:submitted', {
      data: {
        caseNo: cmd.caseNo,
        queryCode: cmd.queryCode,
        itemKey: def.key,
        definitionVersion: def.version,
        channel: cmd.channel,
        applicant: cmd.applicant,
        form: cmd.form,
        materials: cmd.materials,
        receivedDay: ctx.cal.receiptDay(ctx.now),
      },
      route: { left: [], entered: [acc.id], waiting: [], joined: [], decisions: [] },
    }),
  )
}
