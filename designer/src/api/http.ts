import { createHttp, type Http } from '@sunlight/api-client'

/** The one transport of the designer: same-origin, session cookie, CSRF header, ApiError. */
export const http: Http = createHttp()

let csrf = ''
/** Keeps the CSRF token for the few requests that do not go through `http` (raw uploads). */
export function rememberCsrf(token: string): void {
  csrf = token
  http.setCsrf(token)
}
export const csrfToken = (): string => csrf
