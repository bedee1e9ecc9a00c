import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'

const todo = (): never => { throw new AppError('UNPROCESSABLE', 'not implemented yet') }
export const figureNames = ['live', 'overdue', 'departments', 'trend', 'flow', 'cards', 'interactions'] as const
export type FigureName = (typeof figureNames)[number]
export async function dashboard(_deps: Deps, _user: User, _q: Record<string, unknown>): Promise<unknown> { return todo() }
export async function dashboardFigure(_deps: Deps, _user: User, _f: FigureName, _q: Record<string, unknown>): Promise<unknown> { return todo() }
export async function dashboardCases(_deps: Deps, _user: User, _q: Record<string, unknown>): Promise<unknown> { return todo() }
