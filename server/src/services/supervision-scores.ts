import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { ScoreFormula, SubjectType } from './supervision-model'

const todo = (): never => { throw new AppError('UNPROCESSABLE', 'not implemented yet') }
export async function getFormulas(_deps: Deps): Promise<unknown> { return todo() }
export async function putFormula(_deps: Deps, _user: User, _f: ScoreFormula, _ip: string): Promise<unknown> { return todo() }
export async function scores(_deps: Deps, _user: User, _q: { period: string; subject: SubjectType; department?: string }): Promise<unknown> { return todo() }
export async function addAdjustment(_deps: Deps, _user: User, _b: { period: string; subjectType: SubjectType; subjectId: string; points: number; reason: string }): Promise<unknown> { return todo() }
export async function listScoreAppeals(_deps: Deps, _user: User, _q: { period?: string; status?: string }): Promise<unknown> { return todo() }
export async function fileScoreAppeal(_deps: Deps, _user: User, _b: { period: string; subjectType: SubjectType; subjectId: string; reason: string }): Promise<unknown> { return todo() }
export async function decideScoreAppeal(_deps: Deps, _user: User, _id: string, _b: { accept: boolean; reason: string; points: number }): Promise<unknown> { return todo() }
export async function publishScores(_deps: Deps, _user: User, _b: { period: string; subjectType: SubjectType; published: boolean }, _ip: string): Promise<unknown> { return todo() }
export async function publishedScores(_deps: Deps, _q: { period?: string; subject: SubjectType }): Promise<unknown> { return todo() }
