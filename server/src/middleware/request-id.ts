import { randomUUID } from 'node:crypto'
import type { Context, Next } from 'koa'

/** Gives every request an id (from the header when it is a sane token), echoed back and logged. */
export function requestId(options: { header?: string } = {}) {
  const header = options.header ?? 'x-request-id'
  return async function requestId(ctx: Context, next: Next) {
    const given = ctx.get(header)
    ctx.state.requestId = /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID()
    ctx.set(header, ctx.state.requestId as string)
    await next()
  }
}
