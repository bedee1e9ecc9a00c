import { randomInt, randomUUID } from 'node:crypto'
import { appliesOnline, validateFormData, type PowerItemDefinition } from '@sunlight/definition'
import { applyCommand, type Actor, type Applicant, type CaseEvent, type CaseState, type Command, type MaterialSubmission } from '@sunlight/engine'
import type { User } from '../auth/roles'
import { safeEqual, sha256 } from '../auth/tokens'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { Outcome, WriteGroup } from '../db/knex'
import { findCase, insertEvents, linkFiles, projection, saveEvents, stateOf, writeCaseChanges, type CaseChange, type CaseRow } from './case-store'
import type { StaffCommand } from './commands'
import { nextValue } from './counters'
import { currentPublished, definitionAt } from './items-store'
import { visibleDepartments } from './org'
import { issueCards } from './supervision-cards'
import { afterCommand, commandDrafts } from './supervision-evaluate'
import { cachedRules } from './supervision-rules'

export const staffActor = (u: User): Actor => ({ id: u.id, name: u.name, kind: 'staff', department: u.departmentId ?? undefined, posts: u.posts })

const hashCode = (caseId: string, code: string) => sha256(`${caseId}:${code}`)

function refused(r: { code: string; message: string; messageZh: string; details: Record<string, unknown> }): AppError {
  return new AppError('UNPROCESSABLE', r.message, { refusal: r.code, messageZh: r.messageZh, ...r.details })
}

/** The case, if the user may see it; otherwise NOT_FOUND (existence is not revealed). */
export async function caseForUser(deps: Deps, user: User, caseId: string): Promise<CaseRow> {
  const row = await findCase(deps.db.knex, { id: caseId })
  const visible = await visibleDepartments(deps, user)
  if (!row || (visible !== 'all' && !visible.has(row.department_id))) throw new AppError('NOT_FOUND', `no case ${caseId}`, { caseId })
  return row
}

export interface NewApplication {
  itemKey: string
  applicant: Applicant
  form: Record<string, unknown>
  materials: Record<string, MaterialSubmission>
}

/**
 * A new case, online (the public, no account needed) or at the window (staff of the item's
 * department holding its acceptance post). The form data is checked on the server against the
 * published form with the browser's rules; the case number is gap-free per day and the query
 * password is returned once and stored hashed.
 */
export async function submitApplication(deps: Deps, app: NewApplication, by: User | undefined, applicantUser?: User) {
  const { item, definition: def } = await currentPublished(deps, app.itemKey)
  if (!by && !appliesOnline(def.item.category))
    throw new AppError('UNPROCESSABLE', `"${def.item.name}" is exercised ex officio (依职权); its cases are opened by the department, not applied for online`, {
      refusal: 'item.ex_officio',
      messageZh: `“${def.item.name}”为依职权实施的事项，由行政机关立案办理，不接受在线申请`,
      issues: [{ path: '/body/itemKey', code: 'exOfficio', message: 'not open to online application', messageZh: '依职权事项不接受在线申请' }],
    })
  const staff = staffFields(def)
  const intruding = Object.keys(app.form).filter((k) => staff.has(k) && app.form[k] !== undefined && app.form[k] !== null && app.form[k] !== '')
  if (intruding.length)
    throw new AppError('VALIDATION_FAILED', `fields filled in by staff during handling cannot be submitted: ${intruding.join(', ')}`, {
      issues: intruding.map((k) => ({ path: `/body/form/${k}`, code: 'staffField', message: 'filled in by staff during handling', messageZh: '该项由工作人员在办理环节填写' })),
    })
  const check = validateFormData(def.form, app.form, { skip: staff })
  if (check.errors.length)
    throw new AppError('VALIDATION_FAILED', `the application form has ${check.errors.length} problem(s): ${check.errors.map((e) => e.path).join(', ')}`, {
      issues: check.errors.map((e) => ({ path: `/body${e.path}`, code: e.code, message: e.message, messageZh: e.messageZh })),
    })
  if (by) {
    if (by.departmentId !== item.department_id) throw new AppError('FORBIDDEN', 'window acceptance is for staff of the department that holds the item')
  }
  const now = deps.now()
  const caseId = randomUUID()
  const queryCode = String(randomInt(0, 1_000_000)).padStart(6, '0')
  return deps.db.write(async (trx) => {
    const day = deps.calendar.dayOf(now).replace(/-/g, '')
    const caseNo = `SL${day}${String(await nextValue(trx, `caseNo:${day}`)).padStart(6, '0')}`
    const actor: Actor = by ? staffActor(by) : { id: 'public', name: app.applicant.name, kind: 'applicant' }
    // The query password is returned once and stored only as a hash: it never enters the event log.
    const cmd: Command = { type: 'submit', actor, caseId, caseNo, channel: by ? 'window' : 'online', applicant: app.applicant, form: check.values, materials: app.materials }
    const r = applyCommand(def, undefined, cmd, now, deps.calendar)
    if (!r.ok) throw refused(r.refusal)
    await trx('cases').insert({
      id: caseId,
      case_no: caseNo,
      query_code_hash: hashCode(caseId, queryCode),
      item_key: def.key,
      item_version: def.version,
      department_id: item.department_id,
      applicant_name: app.applicant.name,
      applicant_user_id: applicantUser?.id ?? null,
      ...projection(def, r.state, now, deps.calendar),
      state: JSON.stringify(r.state),
      version: r.state.seq,
      created_at: now,
      updated_at: now,
    })
    await insertEvents(trx, caseId, item.department_id, r.events)
    await linkFiles(trx, caseId, app.materials)
    const missing = def.item.materials.filter((m) => m.mandatory && app.materials[m.id]?.provided !== true).map((m) => ({ id: m.id, name: m.name }))
    return { caseId, caseNo, queryCode, status: r.state.status, version: r.state.seq, missingMaterials: missing, receivedDay: r.state.receivedDay }
  })
}

/** Form fields some handling step writes: staff fill them in; applicants never submit them. */
export function staffFields(def: PowerItemDefinition): Set<string> {
  const out = new Set<string>()
  for (const n of def.flow.nodes)
    if (n.type === 'step' && n.kind !== 'acceptance') for (const [f, p] of Object.entries(n.fieldPermissions)) if (p === 'write') out.add(f)
  return out
}

/** Turns an API command into an engine command with the signed-in user as the actor. */
async function engineCommand(deps: Deps, user: User, cmd: StaffCommand): Promise<Command> {
  const actor = staffActor(user)
  if (cmd.type === 'transfer') {
    const to = (await deps.db.knex('users').where({ id: cmd.toUserId }).first()) as { id: string; name: string; posts: string; department_id: string; roles: string } | undefined
    if (!to || to.department_id !== user.departmentId)
      throw new AppError('VALIDATION_FAILED', 'transfer to a colleague of the same department', { issues: [{ path: '/body/command/toUserId', message: 'no such colleague' }] })
    const { toUserId: _drop, ...rest } = cmd
    return { ...rest, actor, to: { id: to.id, name: to.name, kind: 'staff', department: to.department_id, posts: JSON.parse(to.posts) as string[] } }
  }
  return { ...cmd, actor } as Command
}

export interface CommandResponse {
  caseId: string
  version: number
  status: string
  events: ReturnType<typeof publicEvent>[]
  tasks: string[]
}

interface CommandJob {
  deps: Deps
  user: User
  caseId: string
  cmd: StaffCommand
  engineCmd: Command
  expectedVersion: number
  idemKey?: string
  visible: Awaited<ReturnType<typeof visibleDepartments>>
  now: number
}

/**
 * Commands decided together: one read of every case involved, each command decided in memory in
 * arrival order (a later command on the same case sees the earlier one's state, so a stale
 * version still gets 409), then every outcome written with a few multi-row statements
 * (writeCaseChanges). A command that is refused or conflicts writes nothing; the others are kept.
 * On SQLite the group commit hands every pending command to one call; on PostgreSQL one each.
 */
const commandGroup: WriteGroup<CommandJob, CommandResponse> = {
  name: 'case-commands',
  async run(trx, jobs) {
    const deps = jobs[0]?.deps as Deps
    const ids = [...new Set(jobs.map((j) => j.caseId))]
    const current = new Map<string, { row: CaseRow; state: CaseState }>()
    for (let i = 0; i < ids.length; i += 500)
      for (const row of (await trx('cases').whereIn('id', ids.slice(i, i + 500))) as CaseRow[]) current.set(row.id, { row, state: stateOf(row) })
    const keys = jobs.flatMap((j) => (j.idemKey ? [j.idemKey] : []))
    const answered = new Map<string, { caseId: string; response: CommandResponse }>()
    if (keys.length)
      for (const r of (await trx('idempotency_keys').whereIn('key', keys)) as { key: string; case_id: string; response: string }[])
        answered.set(r.key, { caseId: r.case_id, response: JSON.parse(r.response) as CommandResponse })
    const changes: CaseChange[] = []
    const newKeys: { key: string; case_id: string; status: number; response: string; created_at: number }[] = []
    const outcomes: Outcome<CommandResponse>[] = []
    for (const job of jobs) {
      try {
        const seen = job.idemKey ? answered.get(job.idemKey) : undefined
        if (seen) {
          if (seen.caseId !== job.caseId) throw new AppError('CONFLICT', 'this Idempotency-Key was already used for another case')
          outcomes.push({ ok: true, value: seen.response })
          continue
        }
        const cur = current.get(job.caseId)
        if (!cur || (job.visible !== 'all' && !job.visible.has(cur.row.department_id))) throw new AppError('NOT_FOUND', `no case ${job.caseId}`, { caseId: job.caseId })
        const def = await definitionAt(deps, cur.row.item_key, cur.row.item_version, trx)
        if (cur.state.seq !== job.expectedVersion)
          throw new AppError('CONFLICT', 'the case was changed by someone else; reload it and try again', { currentVersion: cur.state.seq, expectedVersion: job.expectedVersion })
        const r = applyCommand(def, cur.state, job.engineCmd, job.now, deps.calendar)
        if (!r.ok) throw refused(r.refusal)
        changes.push({ row: cur.row, def, state: r.state, events: r.events, expectedVersion: job.expectedVersion, actorId: job.user.id, before: cur.state })
        current.set(job.caseId, { row: cur.row, state: r.state })
        const response: CommandResponse = { caseId: job.caseId, version: r.state.seq, status: r.state.status, events: r.events.map(publicEvent), tasks: r.state.tasks.map((t) => t.node) }
        if (job.idemKey) {
          answered.set(job.idemKey, { caseId: job.caseId, response })
          newKeys.push({ key: job.idemKey, case_id: job.caseId, status: 200, response: JSON.stringify(response), created_at: job.now })
        }
        outcomes.push({ ok: true, value: response })
      } catch (error) {
        outcomes.push({ ok: false, error })
      }
    }
    await writeCaseChanges(trx, deps, changes)
    for (let i = 0; i < newKeys.length; i += 100) await trx('idempotency_keys').insert(newKeys.slice(i, i + 100))
    await superviseChanges(trx, deps, changes, jobs[0]?.now ?? deps.now())
    return outcomes
  },
}

/**
 * One engine command in one transaction, with optimistic concurrency (the caller's
 * `expectedVersion` must be the case's current version, else 409) and an idempotency key (a
 * repeated key returns the first answer and does nothing again). A merge also concludes every
 * merged case in the same transaction; merges and supplements (which link files) run on their own,
 * every other command through `commandGroup`.
 */
export async function runCommand(deps: Deps, user: User, caseId: string, cmd: StaffCommand, expectedVersion: number, idempotencyKey?: string) {
  const idemKey = idempotencyKey ? `${user.id}:${idempotencyKey}` : undefined
  if (idemKey) {
    const seen = (await deps.db.knex('idempotency_keys').where({ key: idemKey }).first()) as { status: number; response: string; case_id: string } | undefined
    if (seen) {
      if (seen.case_id !== caseId) throw new AppError('CONFLICT', 'this Idempotency-Key was already used for another case')
      return JSON.parse(seen.response) as unknown
    }
  }
  const visible = await visibleDepartments(deps, user)
  const engineCmd = await engineCommand(deps, user, cmd)
  const now = deps.now()
  try {
    if (cmd.type !== 'supplement' && cmd.type !== 'merge')
      return await deps.db.writeIn(commandGroup, { deps, user, caseId, cmd, engineCmd, expectedVersion, idemKey, visible, now })
    return await deps.db.write(async (trx) => {
      // Read once, inside the transaction: the visibility check and the version check see the same row.
      const fresh = await findCase(trx, { id: caseId })
      if (!fresh || (visible !== 'all' && !visible.has(fresh.department_id))) throw new AppError('NOT_FOUND', `no case ${caseId}`, { caseId })
      const def = await definitionAt(deps, fresh.item_key, fresh.item_version, trx)
      if (fresh.version !== expectedVersion)
        throw new AppError('CONFLICT', 'the case was changed by someone else; reload it and try again', { currentVersion: fresh.version, expectedVersion })
      const r = applyCommand(def, stateOf(fresh), engineCmd, now, deps.calendar)
      if (!r.ok) throw refused(r.refusal)
      await saveEvents(trx, deps, fresh, def, r.state, r.events, expectedVersion, user.id)
      await superviseCommand(trx, deps, fresh, def, r.state, r.events, now)
      if (cmd.type === 'supplement') await linkFiles(trx, caseId, cmd.materials)
      if (cmd.type === 'merge') await mergeOthers(trx, deps, user, fresh, cmd.caseNos, cmd.reason, now)
      const response: CommandResponse = { caseId, version: r.state.seq, status: r.state.status, events: r.events.map(publicEvent), tasks: r.state.tasks.map((t) => t.node) }
      if (idemKey) await trx('idempotency_keys').insert({ key: idemKey, case_id: caseId, status: 200, response: JSON.stringify(response), created_at: now })
      return response
    })
  } catch (e) {
    // Two requests with one idempotency key raced: the loser returns the winner's answer.
    if (idemKey && !(e instanceof AppError)) {
      const seen = (await deps.db.knex('idempotency_keys').where({ key: idemKey }).first()) as { response: string } | undefined
      if (seen) return JSON.parse(seen.response) as unknown
    }
    throw e
  }
}

/**
 * Flow and content supervision rules for the command just applied, in its transaction but in a
 * savepoint of its own: a fault in supervision is logged and never blocks handling the case.
 */
async function superviseCommand(trx: import('knex').Knex.Transaction, deps: Deps, row: CaseRow, def: PowerItemDefinition, state: CaseState, events: readonly CaseEvent[], now: number) {
  try {
    await trx.transaction((sp) => afterCommand(sp, deps, row, def, state, events, now))
  } catch (e) {
    deps.logger.error({ err: e, caseId: row.id }, 'supervision rules after a command failed')
  }
}

/** superviseCommand for every change of a command group, in one savepoint (a fault skips supervision, never the commands). */
async function superviseChanges(trx: import('knex').Knex.Transaction, deps: Deps, changes: readonly CaseChange[], now: number) {
  if (changes.length === 0) return
  try {
    const rules = cachedRules(deps)
    if (rules) {
      // The usual case: the rules are at hand, so decide in memory and open a savepoint only to issue cards.
      const drafts = changes.flatMap((c) => commandDrafts(rules, deps, c.row, c.def, c.state, c.events, now))
      if (drafts.length) await trx.transaction((sp) => issueCards(sp, deps, drafts, now))
      return
    }
    await trx.transaction(async (sp) => {
      for (const c of changes) await afterCommand(sp, deps, c.row, c.def, c.state, c.events, now)
    })
  } catch (e) {
    deps.logger.error({ err: e, cases: changes.map((c) => c.row.id) }, 'supervision rules after a command group failed')
  }
}

async function mergeOthers(trx: import('knex').Knex.Transaction, deps: Deps, user: User, primary: CaseRow, caseNos: readonly string[], reason: string, now: number) {
  for (const no of caseNos) {
    const other = await findCase(trx, { case_no: no })
    if (!other || other.department_id !== primary.department_id)
      throw new AppError('UNPROCESSABLE', `case ${no} cannot be merged: not a case of this department`, { refusal: 'merge.invalid', caseNo: no })
    const def = await definitionAt(deps, other.item_key, other.item_version, trx)
    const r = applyCommand(def, stateOf(other), { type: 'mergeInto', actor: staffActor(user), into: primary.case_no, reason }, now, deps.calendar)
    if (!r.ok) throw refused({ ...r.refusal, details: { ...r.refusal.details, caseNo: no } })
    await saveEvents(trx, deps, other, def, r.state, r.events, other.version, user.id)
  }
}

export function publicEvent(e: CaseEvent) {
  return { seq: e.seq, type: e.type, at: e.at, node: e.node, actor: e.actor.name, post: e.post, opinion: e.opinion, reason: e.reason, hash: e.hash }
}

/** Public lookups are rate-limited per IP and answer "not found" alike for an unknown number and a wrong password. */
export async function caseByNumberAndCode(deps: Deps, caseNo: string, queryCode: string, ip: string): Promise<{ row: CaseRow; def: PowerItemDefinition; state: CaseState }> {
  if (!deps.limiter.hit(`track:${ip}`, 30, 60_000, deps.now())) throw new AppError('TOO_MANY_REQUESTS', 'too many look-ups; wait a minute')
  const row = await findCase(deps.db.knex, { case_no: caseNo })
  if (!row || !row.query_code_hash || !safeEqual(row.query_code_hash, hashCode(row.id, queryCode)))
    throw new AppError('NOT_FOUND', 'no case with this number and query password')
  return { row, def: await definitionAt(deps, row.item_key, row.item_version), state: stateOf(row) }
}

/** 补正 online by the applicant, with the case number and query password. */
export async function applicantSupplement(deps: Deps, caseNo: string, queryCode: string, materials: Record<string, MaterialSubmission>, ip: string) {
  const { row, def, state } = await caseByNumberAndCode(deps, caseNo, queryCode, ip)
  const now = deps.now()
  return deps.db.write(async (trx) => {
    const r = applyCommand(def, state, { type: 'supplement', actor: { id: 'public', name: state.applicant.name, kind: 'applicant' }, materials }, now, deps.calendar)
    if (!r.ok) throw refused(r.refusal)
    await saveEvents(trx, deps, row, def, r.state, r.events, row.version, undefined)
    await linkFiles(trx, row.id, materials)
    return { caseNo, status: r.state.status }
  })
}
