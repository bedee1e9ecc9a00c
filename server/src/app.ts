import { bodyParser } from '@koa/bodyparser'
import Koa from 'koa'
import type { Deps } from './deps'
import { AppError } from './errors'
import { accessLog } from './middleware/access-log'
import { bodyProblem } from './middleware/body-problem'
import { errorHandler } from './middleware/error-handler'
import { requestId } from './middleware/request-id'
import { securityHeaders } from './middleware/security-headers'
import { session } from './middleware/session'
import { staticApps, type StaticApp } from './middleware/static-apps'
import { defineRoute, mountRoutes, openApiDocument, type RouteSpec } from './route-table'
import { authRoutes } from './routes/auth'
import { caseRoutes } from './routes/cases'
import { catalogRoutes } from './routes/catalog'
import { documentRoutes } from './routes/documents'
import { hallRoutes } from './routes/hall'
import { interactionRoutes } from './routes/interactions'
import { homeRoutes } from './routes/home'
import { operationRoutes } from './routes/operations'
import { devRoutes, supervisionRoutes } from './routes/supervision'
import { itemRoutes } from './routes/items'
import { toolRoutes } from './routes/tools'
import { uploadRoutes } from './routes/uploads'
// runtime (#6): colleagues for transfer, transparency figures, server PDFs of receipt and 案卷
import { caseFileRoutes } from './routes/case-file'
import { colleagueRoutes } from './routes/colleagues'
import { transparencyRoutes } from './routes/transparency'
// designer: department pickers and draft document previews
import { departmentRoutes } from './routes/departments'
import { itemPreviewRoutes } from './routes/item-previews'

export const API_VERSION = '0.1.0'

/** Every route of the server, with its access rule. The authorization matrix test walks this. */
export function routeTable(deps: Deps): RouteSpec[] {
  const routes: RouteSpec[] = [
    ...homeRoutes(deps),
    ...authRoutes(deps),
    ...catalogRoutes(deps),
    ...itemRoutes(deps),
    ...toolRoutes(deps),
    ...caseRoutes(deps),
    ...documentRoutes(deps),
    ...hallRoutes(deps),
    ...interactionRoutes(deps),
    ...uploadRoutes(deps),
    ...operationRoutes(deps),
    // runtime (#6)
    ...colleagueRoutes(deps),
    ...transparencyRoutes(deps),
    ...caseFileRoutes(deps),
    // designer: department pickers and draft document previews
    ...departmentRoutes(deps),
    ...itemPreviewRoutes(deps),
    ...supervisionRoutes(deps),
    ...devRoutes(deps),
  ]
  routes.push(
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and database reachability',
      tag: 'system',
      access: 'public',
      async handler() {
        await deps.db.knex.raw('select 1')
        return { ok: true, version: API_VERSION, database: deps.db.kind }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This document',
      tag: 'system',
      access: 'public',
      handler: () => openApiDocument(routes, { title: 'Sunlight API', version: API_VERSION }),
    }),
  )
  return routes
}

/** Builds the Koa app from its dependencies. Never listens: main.ts does, tests drive app.callback(). */
export function createApp(deps: Deps, options: { staticApps?: readonly StaticApp[] } = {}): Koa {
  const app = new Koa()
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
        throw bodyProblem(err)
      },
    }),
  )
  if (options.staticApps?.length) app.use(staticApps({ apps: options.staticApps }))
  app.use(session({ deps }))
  const router = mountRoutes(routeTable(deps))
  app.use(router.routes())
  app.use(router.allowedMethods({ throw: true, methodNotAllowed: () => new AppError('METHOD_NOT_ALLOWED', 'method not allowed'), notImplemented: () => new AppError('METHOD_NOT_ALLOWED', 'this HTTP method is not supported') }))
  return app
}
