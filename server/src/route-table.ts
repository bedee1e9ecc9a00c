import { Router } from '@koa/router'
import type { Context } from 'koa'
import { z } from 'zod'
import type { Principal, Role, User } from './auth/roles'
import { AppError } from './errors'
import { parseInput } from './validate'

export type Access = 'public' | readonly Role[]

export interface RouteContext<B, Q, P> {
  body: B
  query: Q
  params: P
  principal: Principal
  /** The signed-in user; set whenever access is not 'public'. */
  user: User
  koa: Context
}

export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  summary: string
  tag: string
  /** Who may call it: the anonymous public, or users holding one of these roles. Required: a route without it does not compile. */
  access: Access
  body?: z.ZodType<B>
  query?: z.ZodType<Q>
  params?: z.ZodType<P>
  /** Allowed while the user must still change the password (login, me, password, logout). */
  beforePasswordChange?: boolean
  status?: number
  handler(ctx: RouteContext<B, Q, P>): unknown | Promise<unknown>
}

/** Declares a route; the type ties the handler's inputs to the zod schemas. */
export function defineRoute<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec
}

const STATE_CHANGING = new Set(['post', 'put', 'delete'])

/**
 * Mounts a route table. For each request: authorise by role (401 without a session, 403 without
 * the role), CSRF on every state-changing request made with a session (header X-CSRF-Token must
 * equal the session's token), then parse params, query and body with their schemas (400 naming
 * each field), then the handler. Department scoping happens in services, which get the user.
 */
export function mountRoutes(routes: readonly RouteSpec[]): Router {
  const router = new Router()
  for (const r of routes) {
    router[r.method](r.path, async (ctx) => {
      const principal = (ctx.state.principal as Principal | undefined) ?? { kind: 'public' }
      if (r.access !== 'public') {
        if (principal.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'sign in first')
        if (!r.access.some((role) => principal.user.roles.includes(role)))
          throw new AppError('FORBIDDEN', `this needs one of the roles: ${r.access.join(', ')}`, { roles: [...r.access] })
        if (principal.user.mustChangePassword && !r.beforePasswordChange)
          throw new AppError('FORBIDDEN', 'change your password first', { reason: 'PASSWORD_CHANGE_REQUIRED' })
      }
      if (STATE_CHANGING.has(r.method) && principal.kind === 'user' && ctx.get('x-csrf-token') !== principal.csrf)
        throw new AppError('FORBIDDEN', 'missing or wrong X-CSRF-Token header', { reason: 'CSRF' })
      const params = r.params ? parseInput(r.params, ctx.params, 'params') : undefined
      const query = r.query ? parseInput(r.query, ctx.query, 'query') : undefined
      const rawBody = (ctx.request as unknown as { body?: unknown }).body
      const body = r.body ? parseInput(r.body, rawBody ?? {}, 'body') : undefined
      const result = await r.handler({
        body,
        query,
        params,
        principal,
        user: principal.kind === 'user' ? principal.user : (undefined as never),
        koa: ctx,
      })
      if (result !== undefined && ctx.body === undefined) ctx.body = result
      if (r.status) ctx.status = r.status
    })
  }
  return router
}

/** An OpenAPI 3.1 document generated from the same schemas the routes parse with. */
export function openApiDocument(routes: readonly RouteSpec[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const toJson = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' })
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}')
    const params: unknown[] = []
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue
      const js = toJson(schema) as { properties?: Record<string, unknown>; required?: string[] }
      for (const [name, s] of Object.entries(js.properties ?? {}))
        params.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s })
    }
    paths[path] = {
      ...paths[path],
      [r.method]: {
        summary: r.summary,
        tags: [r.tag],
        'x-access': r.access === 'public' ? ['public'] : [...r.access],
        security: r.access === 'public' ? [] : [{ session: [] }],
        parameters: params,
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body) } } } } : {}),
        responses: {
          [String(r.status ?? 200)]: { description: 'OK' },
          '4XX': { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sl_session' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message', 'details'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } },
        },
      },
    },
  }
}
