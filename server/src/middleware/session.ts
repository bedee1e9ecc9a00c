import type { Context, Next } from 'koa'
import type { Deps } from '../deps'
import { principalFromToken } from '../services/identity'

export const SESSION_COOKIE = 'sl_session'

/** Resolves the session cookie into `ctx.state.principal` (the anonymous public when absent or expired). */
export function session(options: { deps: Deps }) {
  return async function session(ctx: Context, next: Next) {
    ctx.state.principal = await principalFromToken(options.deps, ctx.cookies.get(SESSION_COOKIE))
    await next()
  }
}
