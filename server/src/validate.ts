import type { z } from 'zod'
import { AppError } from './errors'

/**
 * Parses request input with a zod schema. Bad input becomes a 400 whose details name every
 * offending field as a JSON pointer, e.g. `{ path: '/query/n', message: '…' }`. Never a 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  const issues = r.error.issues.map((i) => ({
    path: `/${where}${i.path.map((p) => `/${String(p)}`).join('')}`,
    code: i.code,
    message: i.message,
  }))
  throw new AppError('VALIDATION_FAILED', `invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues })
}
