import type { Context, Next } from 'koa'
import type { Logger } from '../logger'

/** One line per request with its id, status and duration. */
export function accessLog(options: { logger: Logger }) {
  return async function accessLog(ctx: Context, next: Next) {
    const start = performance.now()
    try {
      await next()
    } finally {
      options.logger.info(
        { requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - start) },
        'request',
      )
    }
  }
}
