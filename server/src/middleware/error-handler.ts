import type { Context, Next } from 'koa'
import { AppError, errorBody } from '../errors'
import type { Logger } from '../logger'

/**
 * First middleware: turns every thrown error into the one envelope. AppErrors keep their status
 * and code; body-parser errors become 4xx; anything else is logged and answered with a generic 500
 * that leaks nothing. A request that matched no route gets a 404 in the same envelope.
 */
export function errorHandler(options: { logger: Logger }) {
  return async function errorHandler(ctx: Context, next: Next) {
    try {
      await next()
      if (ctx.status === 404 && ctx.body === undefined)
        throw new AppError('NOT_FOUND', `no route for ${ctx.method} ${ctx.path}`, { method: ctx.method, path: ctx.path })
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status
        ctx.body = errorBody(err.code, err.message, err.details)
        return
      }
      const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string }
      const status = e.status ?? e.statusCode
      if (status && status >= 400 && status < 500) {
        ctx.status = status
        const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST'
        const message = e.expose && e.message ? e.message : 'bad request'
        ctx.body = errorBody(code, message, { issues: [{ path: '/body', message }] })
        return
      }
      options.logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error')
      ctx.status = 500
      ctx.body = errorBody('INTERNAL', 'internal error', { requestId: ctx.state.requestId })
    }
  }
}
