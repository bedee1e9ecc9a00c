import { z } from 'zod'
import type { Deps } from '../deps'
import { defineRoute, type RouteSpec } from '../route-table'
import { createItem, discardDraft, openDraft, saveDraft, submitItem } from '../services/catalog-governance'
import { changeTypes } from '../services/governance-model'
import { getItem, getVersion, itemDiff, listItems, reviewQueue } from '../services/item-queries'
import { reviewVersion } from '../services/item-review'

/**
 * Catalog governance (权力清单动态调整): designers draft and submit, the legal office reviews.
 * Access: the route's roles, then the department scope in the services — another department's
 * item answers 404 (its existence is not revealed); a visible item the user may not edit, 403.
 */
const readers = ['designer', 'reviewer', 'admin'] as const
const designers = ['designer', 'admin'] as const
const reviewers = ['reviewer', 'admin'] as const

const itemKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'an item key (kebab-case, 2–80 characters)')
const keyParams = z.object({ key: itemKey }).strict()
const versionNumber = z.coerce.number().int().min(1).max(1_000_000)
const versionParams = z.object({ key: itemKey, version: versionNumber }).strict()
const text = (max: number) => z.string().trim().min(1).max(max)
const definitionObject = z.record(z.string(), z.unknown())
const departmentId = z.string().min(1).max(64)

const createBody = z.discriminatedUnion('source', [
  z.object({ source: z.literal('blank'), key: itemKey, name: text(200), category: z.string().regex(/^\d{2}$/, 'a two-digit category code').default('01'), departmentId: departmentId.optional() }).strict(),
  z.object({ source: z.literal('template'), key: itemKey, templateKey: itemKey, departmentId: departmentId.optional() }).strict(),
  z.object({ source: z.literal('import'), key: itemKey.optional(), definition: definitionObject, departmentId: departmentId.optional() }).strict(),
])

const submitBody = z
  .object({
    type: z.enum(changeTypes),
    reason: text(2000),
    legalBasis: text(2000).optional(),
    targetDepartmentId: departmentId.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.type !== 'delegate' && !b.legalBasis) ctx.addIssue({ code: 'custom', path: ['legalBasis'], message: `required for a ${b.type} request` })
    if (b.type === 'delegate' && !b.targetDepartmentId) ctx.addIssue({ code: 'custom', path: ['targetDepartmentId'], message: 'required for a delegate request: the lower department that takes the item' })
    if (b.type !== 'delegate' && b.targetDepartmentId) ctx.addIssue({ code: 'custom', path: ['targetDepartmentId'], message: 'only a delegate request has a target department' })
  })

const decision = z
  .object({ decision: z.enum(['confirm', 'reject']), reason: text(2000).optional() })
  .strict()
  .superRefine((d, ctx) => {
    if (d.decision === 'reject' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' })
  })
const filing = z.object({ note: text(2000).optional() }).strict()
const reviewBody = z
  .object({
    /** 基本信息: needs confirmation */
    basicInfo: decision,
    /** 外部流程图: needs confirmation */
    publicFlow: decision,
    /** 内部流程图: filed */
    internalFlow: filing.optional(),
    /** 裁量基准: filed */
    discretion: filing.optional(),
    /** 生效日期: today (default) or a later day within a year; add and change only. */
    effectiveDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date')
      .optional(),
  })
  .strict()

export function itemRoutes(deps: Deps): RouteSpec[] {
  const actor = (user: Parameters<typeof createItem>[1]['user'], koa: { ip: string }) => ({ user, ip: koa.ip })
  return [
    defineRoute({
      method: 'get',
      path: '/api/items',
      summary: 'Power items the user sees (drafts, in review, published, cancelled) with the version in progress',
      tag: 'items',
      access: readers,
      query: z
        .object({
          status: z.enum(['draft', 'inReview', 'published', 'cancelled']).optional(),
          department: departmentId.optional(),
          q: z.string().max(100).optional(),
        })
        .strict(),
      handler: ({ user, query }) => listItems(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items',
      summary: 'Create an item with its first draft: blank, copied from a published item (template), or imported JSON',
      tag: 'items',
      access: designers,
      status: 201,
      body: createBody,
      handler: ({ user, body, koa }) => createItem(deps, actor(user, koa), body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/items/:key',
      summary: 'One item with the summary of each version',
      tag: 'items',
      access: readers,
      params: keyParams,
      handler: ({ user, params }) => getItem(deps, user, params.key),
    }),
    defineRoute({
      method: 'get',
      path: '/api/items/:key/versions',
      summary: "The item's versions (status, change request, review, effective date), oldest first",
      tag: 'items',
      access: readers,
      params: keyParams,
      handler: async ({ user, params }) => ({ key: params.key, versions: (await getItem(deps, user, params.key)).versions }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/items/:key/versions/:version',
      summary: 'One version in full: definition, change request with its diff, review, diagnostics (drafts and submissions)',
      tag: 'items',
      access: readers,
      params: versionParams,
      handler: ({ user, params }) => getVersion(deps, user, params.key, params.version),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items/:key/draft',
      summary: 'Open the next draft from the latest version (returns the existing draft if there is one)',
      tag: 'items',
      access: designers,
      params: keyParams,
      handler: ({ user, params, koa }) => openDraft(deps, actor(user, koa), params.key),
    }),
    defineRoute({
      method: 'put',
      path: '/api/items/:key/draft',
      summary: 'Save the draft definition (may be invalid: the answer lists its diagnostics)',
      tag: 'items',
      access: designers,
      params: keyParams,
      body: z.object({ definition: definitionObject }).strict(),
      handler: ({ user, params, body, koa }) => saveDraft(deps, actor(user, koa), params.key, body.definition),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/items/:key/draft',
      summary: 'Discard the draft (an item never submitted is removed with it)',
      tag: 'items',
      access: designers,
      params: keyParams,
      handler: ({ user, params, koa }) => discardDraft(deps, actor(user, koa), params.key),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items/:key/submit',
      summary: 'Submit the draft with a change request (add | change | cancel | delegate) for legal-office review; 422 with diagnostics if it has errors',
      tag: 'items',
      access: designers,
      params: keyParams,
      body: submitBody,
      handler: ({ user, params, body, koa }) => submitItem(deps, actor(user, koa), params.key, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items/:key/versions/:version/review',
      summary: 'Review a submitted version: confirm or reject basic info and the public flowchart, file the internal flowchart and discretion; publish effective today or on a later effectiveDate',
      tag: 'items',
      access: reviewers,
      params: versionParams,
      body: reviewBody,
      handler: ({ user, params, body, koa }) => reviewVersion(deps, actor(user, koa), params.key, params.version, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/items/:key/diff',
      summary: 'Structural diff between two versions (JSON pointers; id-keyed arrays matched by id), each change tagged with its review part',
      tag: 'items',
      access: readers,
      params: keyParams,
      query: z.object({ from: z.coerce.number().int().min(0).max(1_000_000).optional(), to: versionNumber.optional() }).strict(),
      handler: ({ user, params, query }) => itemDiff(deps, user, params.key, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/review/queue',
      summary: "Submissions waiting for the legal office's review in the reviewer's departments",
      tag: 'items',
      access: reviewers,
      handler: ({ user }) => reviewQueue(deps, user),
    }),
  ]
}
