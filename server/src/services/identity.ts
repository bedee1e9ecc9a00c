import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords'
import type { Principal, Role, User } from '../auth/roles'
import { randomToken, sha256 } from '../auth/tokens'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'

interface UserRow {
  id: string
  username: string
  name: string
  password_hash: string
  department_id: string | null
  roles: string
  posts: string
  must_change_password: boolean | number
  failed_logins: number
  locked_until: number | string | null
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    departmentId: r.department_id,
    roles: JSON.parse(r.roles) as Role[],
    posts: JSON.parse(r.posts) as string[],
    mustChangePassword: Boolean(r.must_change_password),
  }
}

export async function createUser(
  deps: Deps,
  u: { id: string; username: string; name: string; password: string; departmentId: string | null; roles: Role[]; posts?: string[]; mustChangePassword?: boolean },
): Promise<User> {
  await deps.db.knex('users').insert({
    id: u.id,
    username: u.username,
    name: u.name,
    password_hash: await hashPassword(u.password, deps.config.bcryptCost),
    department_id: u.departmentId,
    roles: JSON.stringify(u.roles),
    posts: JSON.stringify(u.posts ?? []),
    must_change_password: u.mustChangePassword ?? false,
    failed_logins: 0,
    created_at: deps.now(),
  })
  return { id: u.id, username: u.username, name: u.name, departmentId: u.departmentId, roles: u.roles, posts: u.posts ?? [], mustChangePassword: u.mustChangePassword ?? false }
}

/**
 * Signs in. Per-IP limit on failures (20 in 10 minutes, then 429 — an office behind one address can
 * still sign in normally); after `lockAfter` consecutive failures the account is
 * locked for `lockMs`. The same answer for an unknown user and a wrong password (no enumeration).
 * Every attempt is audited.
 */
export async function login(deps: Deps, username: string, password: string, ip: string): Promise<{ token: string; csrf: string; user: User }> {
  const now = deps.now()
  if (deps.limiter.blocked(`loginFail:${ip}`, 20, 600_000, now)) {
    await audit(deps, { action: 'login', target: username, ip, success: false, details: { reason: 'rateLimited' } })
    throw new AppError('TOO_MANY_REQUESTS', 'too many failed sign-ins from this address; wait ten minutes')
  }
  const row = (await deps.db.knex('users').where({ username }).first()) as UserRow | undefined
  const fail = async (reason: string) => {
    deps.limiter.hit(`loginFail:${ip}`, 20, 600_000, now)
    await audit(deps, { actorId: row?.id, action: 'login', target: username, ip, success: false, details: { reason } })
    throw new AppError('UNAUTHENTICATED', 'wrong username or password')
  }
  if (!row) return fail('unknownUser')
  if (row.locked_until !== null && Number(row.locked_until) > now) {
    await audit(deps, { actorId: row.id, action: 'login', target: username, ip, success: false, details: { reason: 'locked' } })
    throw new AppError('FORBIDDEN', 'the account is locked after repeated failures; try again later', { reason: 'LOCKED', until: Number(row.locked_until) })
  }
  if (!(await verifyPassword(password, row.password_hash))) {
    const failed = row.failed_logins + 1
    const lock = failed >= deps.config.lockAfter
    await deps.db.knex('users').where({ id: row.id }).update({ failed_logins: lock ? 0 : failed, locked_until: lock ? now + deps.config.lockMs : null })
    return fail(lock ? 'wrongPasswordLocked' : 'wrongPassword')
  }
  await deps.db.knex('users').where({ id: row.id }).update({ failed_logins: 0, locked_until: null })
  const token = randomToken()
  const csrf = randomToken(24)
  await deps.db.knex('sessions').insert({ id_hash: sha256(token), user_id: row.id, csrf_token: csrf, created_at: now, expires_at: now + deps.config.sessionAbsoluteMs, last_seen_at: now })
  await audit(deps, { actorId: row.id, action: 'login', target: username, ip, success: true })
  return { token, csrf, user: toUser(row) }
}

interface CachedSession {
  principal: Extract<Principal, { kind: 'user' }>
  expiresAt: number
  lastSeenAt: number
  /** Wall-clock time the entry was read from the database. */
  loadedAt: number
}

/**
 * Sessions are read on every request; each process keeps a resolved session for a few seconds.
 * Expiry (idle and absolute) is still checked on every request against the cached times, and
 * signing out or changing the password drops the entries at once in this process; another
 * process may honour a revoked session for at most SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000
const sessionCache = new Map<string, CachedSession>()

function forgetSessions(match: (c: CachedSession, idHash: string) => boolean): void {
  for (const [k, v] of sessionCache) if (match(v, k)) sessionCache.delete(k)
}

/** The principal behind a session cookie; expired or idle sessions are deleted. */
export async function principalFromToken(deps: Deps, token: string | undefined): Promise<Principal> {
  if (!token) return { kind: 'public' }
  const now = deps.now()
  const idHash = sha256(token)
  let c = sessionCache.get(idHash)
  if (!c || Date.now() - c.loadedAt > SESSION_CACHE_MS) {
    sessionCache.delete(idHash)
    const s = (await deps.db.knex('sessions').where({ id_hash: idHash }).first()) as
      | { id_hash: string; user_id: string; csrf_token: string; expires_at: number | string; last_seen_at: number | string }
      | undefined
    if (!s) return { kind: 'public' }
    const row = (await deps.db.knex('users').where({ id: s.user_id }).first()) as UserRow | undefined
    if (!row) return { kind: 'public' }
    c = { principal: { kind: 'user', user: toUser(row), sessionId: idHash, csrf: s.csrf_token }, expiresAt: Number(s.expires_at), lastSeenAt: Number(s.last_seen_at), loadedAt: Date.now() }
    if (sessionCache.size > 10_000) sessionCache.clear()
    sessionCache.set(idHash, c)
  }
  if (c.expiresAt <= now || now - c.lastSeenAt > deps.config.sessionIdleMs) {
    sessionCache.delete(idHash)
    await deps.db.knex('sessions').where({ id_hash: idHash }).delete()
    return { kind: 'public' }
  }
  if (now - c.lastSeenAt > 60_000) {
    c.lastSeenAt = now
    await deps.db.knex('sessions').where({ id_hash: idHash }).update({ last_seen_at: now })
  }
  return c.principal
}

export async function logout(deps: Deps, sessionId: string): Promise<void> {
  forgetSessions((_c, id) => id === sessionId)
  await deps.db.knex('sessions').where({ id_hash: sessionId }).delete()
}

export async function changePassword(deps: Deps, user: User, current: string, next: string, ip: string): Promise<void> {
  const row = (await deps.db.knex('users').where({ id: user.id }).first()) as UserRow
  if (!(await verifyPassword(current, row.password_hash))) {
    await audit(deps, { actorId: user.id, action: 'passwordChange', ip, success: false })
    throw new AppError('VALIDATION_FAILED', 'the current password is wrong', { issues: [{ path: '/body/currentPassword', message: 'wrong password' }] })
  }
  const problem = passwordProblem(next)
  if (problem) throw new AppError('VALIDATION_FAILED', `the new password needs ${problem}`, { issues: [{ path: '/body/newPassword', message: problem }] })
  if (next === current) throw new AppError('VALIDATION_FAILED', 'the new password must differ', { issues: [{ path: '/body/newPassword', message: 'same as the current one' }] })
  await deps.db.knex('users').where({ id: user.id }).update({ password_hash: await hashPassword(next, deps.config.bcryptCost), must_change_password: false })
  forgetSessions((c) => c.principal.user.id === user.id)
  await deps.db.knex('sessions').where({ user_id: user.id }).delete()
  await audit(deps, { actorId: user.id, action: 'passwordChange', ip, success: true })
}
