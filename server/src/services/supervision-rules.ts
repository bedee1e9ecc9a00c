import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { RuleInput } from './supervision-model'

const todo = (): never => { throw new AppError('UNPROCESSABLE', 'not implemented yet') }
export async function getRules(_deps: Deps): Promise<unknown> { return todo() }
export async function putRules(_deps: Deps, _user: User, _rules: readonly RuleInput[], _ip: string): Promise<unknown> { return todo() }
