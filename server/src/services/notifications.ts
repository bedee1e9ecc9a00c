import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'

const todo = (): never => { throw new AppError('UNPROCESSABLE', 'not implemented yet') }
export async function listNotifications(_deps: Deps, _user: User, _q: { unread?: boolean; page: number; pageSize: number }): Promise<unknown> { return todo() }
export async function markNotificationRead(_deps: Deps, _user: User, _id: number): Promise<unknown> { return todo() }
