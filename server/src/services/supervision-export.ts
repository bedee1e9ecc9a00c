import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'

export async function exportFigure(_deps: Deps, _user: User, _q: Record<string, unknown>): Promise<{ contentType: string; filename: string; body: Buffer | string }> {
  throw new AppError('UNPROCESSABLE', 'not implemented yet')
}
