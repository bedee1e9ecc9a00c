import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { createCalendar, officialSchedule } from '@sunlight/calendar'
import { createApp } from '../src/app'
import { silentLogger } from '../src/logger'
import { loadDefinitionsFrom } from '../src/services/catalog'

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

/** Starts the real app on an ephemeral loopback port; returns its base URL and a closer. */
export async function startApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const catalog = await loadDefinitionsFrom(templatesDir)
  const app = createApp({ logger: silentLogger, calendar: createCalendar(officialSchedule), catalog })
  const server: Server = createServer(app.callback())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
