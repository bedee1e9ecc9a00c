import type { User } from '../auth/roles'
import type { Deps } from '../deps'

interface Row {
  id: string
  name: string
  posts: string
  roles: string
}

/**
 * The staff of the caller's own department (移交 / 指派 pick from them), optionally only those
 * holding a post. Names, ids and posts only: no usernames, no contact data. Staff outside a
 * department see nobody.
 */
export async function listColleagues(deps: Deps, user: User, post?: string) {
  if (!user.departmentId) return { departmentId: null, colleagues: [] }
  const rows = (await deps.db.knex('users').where({ department_id: user.departmentId }).orderBy('id').select('id', 'name', 'posts', 'roles')) as Row[]
  const colleagues = rows
    .map((r) => ({ id: r.id, name: r.name, posts: JSON.parse(r.posts) as string[], roles: JSON.parse(r.roles) as string[] }))
    .filter((u) => u.roles.includes('staff') && (!post || u.posts.includes(post)))
    .map((u) => ({ id: u.id, name: u.name, posts: u.posts, self: u.id === user.id }))
  return { departmentId: user.departmentId, colleagues }
}
