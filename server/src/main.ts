import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app'
import { boot } from './bootstrap'
import { createLogger } from './logger'

// The only bootstrap: environment → dependencies → app → listen.
const env = process.env
const port = Number(env.PORT ?? 3000)
const host = env.HOST ?? '127.0.0.1'
const root = fileURLToPath(new URL('../../', import.meta.url))
const sqliteFile = env.SUNLIGHT_DB ?? `${root}data/sunlight.sqlite`
const demo = env.SUNLIGHT_DEMO !== '0'
const logger = createLogger({ level: env.LOG_LEVEL ?? 'info' })

if (!env.DATABASE_URL) mkdirSync(dirname(sqliteFile), { recursive: true })
if (!demo && !(env.SUNLIGHT_ADMIN_USER && env.SUNLIGHT_ADMIN_PASSWORD))
  logger.warn('SUNLIGHT_DEMO=0 without SUNLIGHT_ADMIN_USER / SUNLIGHT_ADMIN_PASSWORD: no administrator will be created on a new database')

const deps = await boot({
  db: { databaseUrl: env.DATABASE_URL, sqliteFile },
  logger,
  config: { secureCookies: env.SUNLIGHT_SECURE_COOKIES === '1', uploadDir: env.SUNLIGHT_UPLOADS ?? `${root}data/uploads` },
  demo: demo ? { templatesDir: env.SUNLIGHT_TEMPLATES ?? `${root}templates` } : undefined,
  admin: env.SUNLIGHT_ADMIN_USER && env.SUNLIGHT_ADMIN_PASSWORD ? { username: env.SUNLIGHT_ADMIN_USER, password: env.SUNLIGHT_ADMIN_PASSWORD } : undefined,
})
const server = createApp(deps).listen(port, host, () => {
  process.stdout.write(`Sunlight is running at http://${host}:${port}/  (${deps.db.kind}${deps.db.kind === 'sqlite' ? ` ${sqliteFile}` : ''}${demo ? ', demo data' : ''})\n`)
})
const stop = () => server.close(() => void deps.db.close().then(() => process.exit(0)))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
