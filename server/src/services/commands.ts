import { z } from 'zod'

/**
 * The commands staff send, as the API accepts them (the actor is never taken from the body: it is
 * the signed-in user). One schema per engine command; unknown properties are refused.
 */
const text = (max: number) => z.string().trim().min(1).max(max)
const reason = text(2000)
const node = z.string().min(1).max(64)
const materials = z.record(
  z.string().max(64),
  z.object({ provided: z.boolean(), originalChecked: z.boolean().optional(), files: z.array(z.object({ name: text(200), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict()).max(20).optional() }).strict(),
)
const formPatch = z.record(z.string().max(64), z.unknown())

export const staffCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), opinion: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('refuse'), reason }).strict(),
  z.object({ type: z.literal('requestSupplement'), items: z.array(z.object({ materialId: z.string().max(64).optional(), description: text(500) }).strict()).min(1).max(50), reason: z.string().max(2000).optional(), node: node.optional() }).strict(),
  z.object({ type: z.literal('supplement'), materials, form: formPatch.optional() }).strict(),
  z.object({ type: z.literal('startSpecialProcedure'), procedure: z.string().max(32), reason, node: node.optional() }).strict(),
  z.object({ type: z.literal('endSpecialProcedure'), outcome: text(2000) }).strict(),
  z.object({ type: z.literal('extend'), value: z.number().int().min(1).max(365), reason }).strict(),
  z.object({ type: z.literal('suspend'), reason }).strict(),
  z.object({ type: z.literal('resume'), reason: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('return'), node, to: node, reason }).strict(),
  z.object({ type: z.literal('withdraw'), node, reason: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('transfer'), node, toUserId: z.string().max(64), reason: z.string().max(2000).optional() }).strict(),
  z.object({ type: z.literal('countersign'), node, approve: z.boolean(), opinion: text(2000) }).strict(),
  z
    .object({
      type: z.literal('complete'),
      node,
      opinion: z.string().max(4000).optional(),
      approve: z.boolean().optional(),
      reason: z.string().max(2000).optional(),
      form: formPatch.optional(),
      fee: z.object({ item: text(200), amount: z.number().min(0).max(1e10), reason: z.string().max(2000).optional() }).strict().optional(),
      penalty: z.object({ grade: z.string().max(64), amount: z.number().min(0).max(1e12), reason: z.string().max(2000).optional() }).strict().optional(),
    })
    .strict(),
  z.object({ type: z.literal('merge'), caseNos: z.array(z.string().max(50)).min(1).max(50), reason }).strict(),
  z.object({ type: z.literal('conclude'), result: z.string().max(32), reason }).strict(),
  z.object({ type: z.literal('void'), reason }).strict(),
])

export type StaffCommand = z.infer<typeof staffCommandSchema>

export const applicantSchema = z
  .object({
    name: text(200),
    idType: z.string().max(8).optional(),
    idNumber: z.string().max(50).optional(),
    phone: z.string().max(30).optional(),
  })
  .strict()
