import { http, rememberCsrf } from './http'
import type { SessionAnswer } from './types'

export async function login(username: string, password: string): Promise<SessionAnswer> {
  const answer = await http.post<SessionAnswer>('/api/auth/login', { username, password })
  rememberCsrf(answer.csrfToken)
  return answer
}

export async function fetchSession(): Promise<SessionAnswer> {
  const answer = await http.get<SessionAnswer>('/api/auth/me')
  rememberCsrf(answer.csrfToken)
  return answer
}

export async function logout(): Promise<void> {
  await http.post('/api/auth/logout')
  rememberCsrf('')
}
