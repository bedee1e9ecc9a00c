import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { ApiError } from '@sunlight/api-client'
import { i18n } from '../i18n'

/** Toasts and confirmations, imported once with their styles (the SFC auto-import only sees templates). */
export const notify = {
  success: (message: string) => ElMessage({ type: 'success', message, grouping: true }),
  info: (message: string) => ElMessage({ type: 'info', message, grouping: true }),
  warning: (message: string) => ElMessage({ type: 'warning', message, grouping: true }),
  error: (message: string) => ElMessage({ type: 'error', message, grouping: true, duration: 6000 }),
}

/** Explains a failed call in the user's language: the server's message, else a generic one. */
export function describeError(e: unknown): string {
  const t = i18n.global.t
  if (e instanceof ApiError) {
    if (e.status === 401) return t('app.errors.unauthenticated')
    if (e.status === 403) return t('app.errors.forbidden')
    if (e.status === 409) return t('app.errors.conflict', { message: e.message })
    return e.message
  }
  return e instanceof Error ? e.message : String(e)
}

export function notifyError(e: unknown): void {
  notify.error(describeError(e))
}

/** Resolves true when the user confirms. */
export async function confirm(message: string, title?: string, options: { confirmText?: string; danger?: boolean } = {}): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, title ?? t('app.confirm'), {
      confirmButtonText: options.confirmText ?? t('app.ok'),
      cancelButtonText: t('app.cancel'),
      type: options.danger ? 'warning' : 'info',
    })
    return true
  } catch {
    return false
  }
}

/** Asks for a line of text (a reason); null when cancelled. */
export async function prompt(message: string, title: string, required = true): Promise<string | null> {
  const t = i18n.global.t
  try {
    const { value } = await ElMessageBox.prompt(message, title, {
      confirmButtonText: t('app.ok'),
      cancelButtonText: t('app.cancel'),
      inputValidator: (v: string) => (!required || (v ?? '').trim().length > 0 ? true : t('app.required')),
    })
    return (value ?? '').trim()
  } catch {
    return null
  }
}
