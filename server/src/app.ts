import { bodyParser } from '@koa/bodyparser'
import { Router } from '@koa/router'
import type { Calendar } from '@sunlight/calendar'
import Koa from 'koa'
import { AppError } from './errors'
import type { Logger } from './logger'
import { accessLog } from './middleware/access-log'
import { errorHandler } from './middleware/error-handler'
import { requestId } from './middleware/request-id'
import { securityHeaders } from './middleware/security-headers'
import { catalogRoutes } from './routes/catalog'
import { homeRoutes } from './routes/home'
import { toolRoutes } from './routes/tools'
import type { CatalogEntry } from './services/catalog'

export interface AppDeps {
  logger: Logger
  calendar: Calendar
  catalog: readonly CatalogEntry[]
  version?: string
}

/** Builds the Koa app from its dependencies. Never listens: main.ts does, tests drive app.callback(). */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa()
  app.proxy = false
  app.use(requestId())
  app.use(accessLog({ logger: deps.logger }))
  app.use(securityHeaders())
  app.use(errorHandler({ logger: deps.logger }))
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '2mb',
      encoding: 'utf-8',
      onError(err) {
        const tooLarge = (err as { status?: number }).status === 413
        const message = tooLarge ? 'the request body is larger than 2 MB' : 'the request body is not valid JSON'
        throw new AppError(tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message, { issues: [{ path: '/body', message }] })
      },
    }),
  )

  const health = new Router()
  health.get('/api/health', (ctx) => {
    ctx.body = { ok: true, version: deps.version ?? '0.1.0', items: deps.catalog.filter((e) => e.definition).length }
  })
  for (const r of [health, homeRoutes(deps.catalog), catalogRoutes(deps.catalog), toolRoutes(deps.calendar)]) {
    app.use(r.routes())
    app.use(r.allowedMethods())
  }
  return app
}
