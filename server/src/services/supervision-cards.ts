import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { CardLevel } from './supervision-model'

const todo = (): never => { throw new AppError('UNPROCESSABLE', 'not implemented yet') }
export type CardActionInput = { action: 'confirm' | 'dismiss' | 'feedback' | 'appeal' | 'acceptAppeal' | 'rejectAppeal' | 'order' | 'close'; note?: string; dueDay?: string }
export async function listCards(_deps: Deps, _user: User, _q: Record<string, unknown>): Promise<unknown> { return todo() }
export async function cardDetail(_deps: Deps, _user: User, _id: string): Promise<unknown> { return todo() }
export async function issueManualCard(_deps: Deps, _user: User, _b: { caseId: string; level: CardLevel; message: string; feedbackDays: number }): Promise<unknown> { return todo() }
export async function cardAction(_deps: Deps, _user: User, _id: string, _a: CardActionInput): Promise<unknown> { return todo() }
