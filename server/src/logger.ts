import pino from 'pino'

export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error' | 'debug'>

export function createLogger(options: { level?: string } = {}): Logger {
  return pino({ level: options.level ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime })
}

/** A logger that drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' })
