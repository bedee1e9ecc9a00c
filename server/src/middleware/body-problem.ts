import { pointer } from '@sunlight/definition'
import { AppError } from '../errors'

/** The pointer (under /body) of the first own `__proto__` key in a parsed JSON value, breadth first. */
export function protoKeyPath(value: unknown): string | undefined {
  let level: [unknown, string[]][] = [[value, ['body']]]
  while (level.length) {
    const next: [unknown, string[]][] = []
    for (const [node, path] of level) {
      if (!node || typeof node !== 'object') continue
      if (Object.prototype.hasOwnProperty.call(node, '__proto__')) return pointer(...path, '__proto__')
      for (const [k, v] of Object.entries(node)) next.push([v, [...path, k]])
    }
    level = next
  }
  return undefined
}

/**
 * The error for a body the parser refused. Too large and malformed JSON name the body; a
 * `__proto__` key (refused to keep prototype pollution out) names the exact key, so a form field
 * holding such an object is named like any other invalid field.
 */
export function bodyProblem(err: unknown): AppError {
  const e = err as { status?: number; message?: string; body?: unknown }
  if (e.status === 413) {
    const message = 'the request body is larger than 2 MB'
    return new AppError('PAYLOAD_TOO_LARGE', message, { issues: [{ path: '/body', message }] })
  }
  if (typeof e.body === 'string' && /forbidden prototype property/.test(e.message ?? '')) {
    let path: string | undefined
    try {
      path = protoKeyPath(JSON.parse(e.body))
    } catch {
      path = undefined
    }
    const message = 'a "__proto__" key is not allowed'
    return new AppError('BAD_REQUEST', `invalid body: ${path ?? '/body'} ${message}`, { issues: [{ path: path ?? '/body', code: 'forbidden_key', message }] })
  }
  const message = 'the request body is not valid JSON'
  return new AppError('BAD_REQUEST', message, { issues: [{ path: '/body', message }] })
}
