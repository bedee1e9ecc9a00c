import { ApiError } from '@sunlight/api-client'

type Translate = (key: string, named?: Record<string, unknown>) => string

interface Issue {
  path?: string
  message?: string
  messageZh?: string
}

/**
 * A failed call in words the user can act on. Chinese refusals come from the engine
 * (`details.messageZh`); a stale version says someone else acted first; validation lists its
 * fields. English UI shows the server's English message.
 */
export function errorMessage(e: unknown, t: Translate, locale = 'zh-CN'): string {
  const zh = locale.startsWith('zh')
  if (!(e instanceof ApiError)) return e instanceof Error && e.message ? t('errors.unexpected', { message: e.message }) : t('errors.unexpected', { message: '' })
  if (e.status === 409 && e.code === 'CONFLICT' && 'currentVersion' in e.details) return t('errors.stale')
  if (e.status === 0) return t('errors.network')
  if (e.status === 429) return t('errors.tooMany')
  if (e.status === 413) return t('errors.tooLarge')
  if (e.status === 415) return t('errors.fileType')
  if (e.status === 401) return t('errors.signIn')
  const issues = (e.details.issues as Issue[] | undefined) ?? []
  if (issues.length) return issues.map((i) => (zh && i.messageZh ? i.messageZh : `${fieldOf(i.path ?? '')} ${i.message ?? ''}`.trim())).join('；')
  const messageZh = e.details.messageZh
  if (zh && typeof messageZh === 'string' && messageZh) return messageZh
  if (e.status === 404) return t('errors.notFound')
  if (e.status === 403) return t('errors.forbidden')
  return e.message || t('errors.unexpected', { message: e.code })
}

const fieldOf = (pointer: string) => pointer.replace(/^\/(body|query|params)\//, '').replace(/^form\//, '')

/** Field-level messages of a validation failure, keyed by form field (`/body/form/area` → `area`). */
export function formFieldErrors(e: unknown, locale = 'zh-CN'): Record<string, string> {
  if (!(e instanceof ApiError)) return {}
  const out: Record<string, string> = {}
  for (const i of (e.details.issues as Issue[] | undefined) ?? []) {
    const path = i.path ?? ''
    if (!/^\/body\/form\//.test(path)) continue
    out[fieldOf(path)] = (locale.startsWith('zh') && i.messageZh) || i.message || ''
  }
  return out
}

/** Whether an API route is missing on this server (the feature is not deployed yet). */
export function isMissingRoute(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && /^no route for /.test(e.message)
}
