import { fileURLToPath } from 'node:url'
import { createCalendar, officialSchedule } from '@sunlight/calendar'
import { createApp } from './app'
import { createLogger } from './logger'
import { loadDefinitionsFrom } from './services/catalog'

// The only bootstrap: environment → dependencies → app → listen.
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const templatesDir = process.env.SUNLIGHT_TEMPLATES ?? fileURLToPath(new URL('../../templates/', import.meta.url))

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' })
const catalog = await loadDefinitionsFrom(templatesDir)
for (const e of catalog.filter((x) => !x.definition))
  logger.warn({ file: e.file, errors: e.diagnostics.filter((d) => d.severity === 'error').length }, 'definition not published: invalid')
const app = createApp({ logger, calendar: createCalendar(officialSchedule), catalog })
const server = app.listen(port, host, () => {
  process.stdout.write(`Sunlight is running at http://${host}:${port}/  (${catalog.filter((e) => e.definition).length} items published)\n`)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
