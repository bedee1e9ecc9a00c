import { randomUUID } from 'node:crypto'
import { passwordProblem } from '../auth/passwords'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { stateOf, type CaseRow } from './case-store'
import { createUser, login } from './identity'

/**
 * Members of the public may apply without an account; signing up links their cases to them so
 * they can follow every application without keeping query passwords. Rate-limited per address.
 */
export async function signUp(deps: Deps, input: { username: string; password: string; name: string; phone?: string }, ip: string) {
  if (!deps.limiter.hit(`signup:${ip}`, 10, 3_600_000, deps.now())) throw new AppError('TOO_MANY_REQUESTS', 'too many sign-ups from this address; try again later')
  const problem = passwordProblem(input.password)
  if (problem) throw new AppError('VALIDATION_FAILED', `the password needs ${problem}`, { issues: [{ path: '/body/password', message: problem }] })
  const taken = await deps.db.knex('users').where({ username: input.username }).first()
  if (taken) throw new AppError('CONFLICT', 'this username is taken', { issues: [{ path: '/body/username', message: 'taken' }] })
  const user = await createUser(deps, { id: `app-${randomUUID()}`, username: input.username, name: input.name, password: input.password, departmentId: null, roles: ['applicant'] })
  await audit(deps, { actorId: user.id, action: 'signup', target: input.username, ip, success: true })
  return login(deps, input.username, input.password, ip)
}

/** The signed-in applicant's own cases, newest first. */
export async function myCases(deps: Deps, user: User) {
  const rows = (await deps.db.knex('cases').where({ applicant_user_id: user.id }).orderBy('created_at', 'desc').limit(200)) as CaseRow[]
  return {
    items: rows.map((r) => {
      const s = stateOf(r)
      return { caseNo: r.case_no, itemKey: r.item_key, status: r.status, result: s.result ?? null, submittedAt: s.submittedAt }
    }),
  }
}
