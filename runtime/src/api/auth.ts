import { http, setCsrf, withCsrf } from './http'
import type { SessionUser } from './types'

/** Sign in; the session cookie is set by the server and the CSRF token kept for later calls. */
export async function login(username: string, password: string): Promise<SessionUser> {
  const r = await withCsrf(() => http.post<{ user: SessionUser; csrfToken: string }>('/api/auth/login', { username, password }))
  setCsrf(r.csrfToken)
  return r.user
}

/** The signed-in user, or undefined when there is no session. */
export async function fetchMe(): Promise<SessionUser | undefined> {
  try {
    const r = await http.get<{ user: SessionUser; csrfToken: string }>('/api/auth/me')
    setCsrf(r.csrfToken)
    return r.user
  } catch {
    return undefined
  }
}

export async function logout(): Promise<void> {
  await http.post('/api/auth/logout')
  setCsrf('')
}
