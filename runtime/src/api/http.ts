import { ApiError, createHttp } from '@sunlight/api-client'

/** The one transport of the app: same-origin, session cookie, CSRF header once known. */
export const http = createHttp()

let csrf = ''

/** Remembers the CSRF token of the signed-in session (from login or /api/auth/me); '' forgets it. */
export function setCsrf(token: string): void {
  csrf = token
  http.setCsrf(token)
}

/** The CSRF header for raw requests (uploads) made outside the JSON transport. */
export function csrfHeader(): Record<string, string> {
  return csrf ? { 'x-csrf-token': csrf } : {}
}

async function refreshCsrf(): Promise<boolean> {
  try {
    const me = await http.get<{ csrfToken: string }>('/api/auth/me')
    setCsrf(me.csrfToken)
    return true
  } catch {
    return false
  }
}

const isCsrfRefusal = (e: unknown) => e instanceof ApiError && e.status === 403 && e.details.reason === 'CSRF'

/**
 * Runs a state-changing call. When the browser also holds a staff session, even the hall's calls
 * need that session's CSRF token, so a CSRF refusal fetches the token once and retries.
 */
export async function withCsrf<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (e) {
    if (!isCsrfRefusal(e) || !(await refreshCsrf())) throw e
    return call()
  }
}
