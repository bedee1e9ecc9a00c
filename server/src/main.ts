import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app'
import { controlledClock } from './deps'
import { boot } from './bootstrap'
import { hallPages } from './hall-pages'
import { createLogger } from './logger'
import { reloadCalendar } from './services/calendar-admin'
import { startScheduler } from './services/scheduler'

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

// Browser tests only: a clock that POST /api/dev/clock can move (never on by default).
const clock = env.SUNLIGHT_CLOCK_CONTROL === '1' ? controlledClock() : undefined
if (clock) logger.warn('SUNLIGHT_CLOCK_CONTROL=1: the server clock can be moved by administrators (POST /api/dev/clock); never use this in production')
const deps = await boot({
  ...(clock ? { now: clock.now, clockControl: clock.control } : {}),
  db: { databaseUrl: env.DATABASE_URL, sqliteFile },
  logger,
  config: { secureCookies: env.SUNLIGHT_SECURE_COOKIES === '1', uploadDir: env.SUNLIGHT_UPLOADS ?? `${root}data/uploads` },
  demo: demo ? { templatesDir: env.SUNLIGHT_TEMPLATES ?? `${root}templates` } : undefined,
  admin: env.SUNLIGHT_ADMIN_USER && env.SUNLIGHT_ADMIN_PASSWORD ? { username: env.SUNLIGHT_ADMIN_USER, password: env.SUNLIGHT_ADMIN_PASSWORD } : undefined,
})
await reloadCalendar(deps) // the official schedule plus what administrators entered
// The built apps (pnpm start builds them first): the designer under /designer/, hall and workbench at /.
// The hall's item pages arrive with the item's heading and data in the HTML (hall-pages.ts).
const staticApps = [
  { prefix: '/designer/', dir: `${root}designer/dist` },
  { prefix: '/', dir: `${root}runtime/dist`, page: hallPages(deps, { dir: `${root}runtime/dist` }) },
].filter((a) => existsSync(`${a.dir}/index.html`))
const server = createApp(deps, { staticApps }).listen(port, host, () => {
  process.stdout.write(`Sunlight is running at http://${host}:${port}/  (${deps.db.kind}${deps.db.kind === 'sqlite' ? ` ${sqliteFile}` : ''}${demo ? ', demo data' : ''})\n`)
})
// Warnings at the engine's instants; with several processes on one PostgreSQL, one holds the lease.
const scheduler = startScheduler(deps, { intervalMs: Number(env.SUNLIGHT_SCHEDULER_MS ?? 5000), ttlMs: env.SUNLIGHT_SCHEDULER_LEASE_MS ? Number(env.SUNLIGHT_SCHEDULER_LEASE_MS) : undefined })
const stop = () => void scheduler.stop().finally(() => server.close(() => void deps.db.close().then(() => process.exit(0))))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
