import type { User } from '../auth/roles'
import type { Deps } from '../deps'

export interface Department {
  id: string
  parentId: string | null
  name: string
  level: 'province' | 'city' | 'county' | 'unit'
  creditCode: string | null
  regionCode: string | null
}

interface Row {
  id: string
  parent_id: string | null
  name: string
  level: Department['level']
  credit_code: string | null
  region_code: string | null
}

const toDept = (r: Row): Department => ({ id: r.id, parentId: r.parent_id, name: r.name, level: r.level, creditCode: r.credit_code, regionCode: r.region_code })

/**
 * The department tree changes rarely and is read on every scoped request, so each process keeps
 * it for a few seconds (and drops it at once when it changes the tree itself).
 */
const TREE_TTL_MS = 10_000
const trees = new WeakMap<object, { at: number; list: Department[] }>()

export async function listDepartments(deps: Deps): Promise<Department[]> {
  const hit = trees.get(deps.db)
  const now = Date.now()
  if (hit && now - hit.at < TREE_TTL_MS) return hit.list
  const list = ((await deps.db.knex('departments').select('*').orderBy('id')) as Row[]).map(toDept)
  trees.set(deps.db, { at: now, list })
  return list
}

/** A department and everything below it. */
export function subtree(all: readonly Department[], rootId: string): Set<string> {
  const out = new Set<string>([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const d of all)
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id)
        grew = true
      }
  }
  return out
}

/**
 * Which departments' data a user may see: staff and designers their own department; supervisors
 * and legal reviewers the government they belong to (their department's parent) and everything
 * below it — 监察 and 法制 oversee their level and below; administrators everything.
 */
export async function visibleDepartments(deps: Deps, user: User): Promise<Set<string> | 'all'> {
  if (user.roles.includes('admin')) return 'all'
  if (!user.departmentId) return new Set()
  const all = await listDepartments(deps)
  const own = all.find((d) => d.id === user.departmentId)
  if (!own) return new Set()
  if (user.roles.includes('supervisor') || user.roles.includes('reviewer')) {
    const root = own.level === 'unit' && own.parentId ? own.parentId : own.id
    return subtree(all, root)
  }
  return new Set([own.id])
}

export async function insertDepartments(deps: Deps, depts: readonly Department[]): Promise<void> {
  trees.delete(deps.db)
  for (const d of depts)
    await deps.db.knex('departments').insert({ id: d.id, parent_id: d.parentId, name: d.name, level: d.level, credit_code: d.creditCode, region_code: d.regionCode })
}

export interface DepartmentNode extends Department {
  /** True when the user may create and edit items there (designers: their own; admins: all). */
  canEdit: boolean
  children: DepartmentNode[]
}

/**
 * The departments a user may act on, as a tree for pickers (catalog filter, clone to a department,
 * delegation target): the same scope as every other read (visibleDepartments) — designers their
 * own department, legal reviewers and supervisors their government and everything below it,
 * administrators all. Each node carries its credit code and region code; a visible department
 * whose parent is not visible is a root.
 */
export async function departmentTree(deps: Deps, user: User): Promise<DepartmentNode[]> {
  const all = await listDepartments(deps)
  const scope = await visibleDepartments(deps, user)
  const admin = user.roles.includes('admin')
  const nodes = new Map<string, DepartmentNode>()
  for (const d of all)
    if (scope === 'all' || scope.has(d.id)) nodes.set(d.id, { ...d, canEdit: admin || (user.roles.includes('designer') && d.id === user.departmentId), children: [] })
  const roots: DepartmentNode[] = []
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  // Governments (province, city, county) before units, then by name, at every level.
  const rank = { province: 0, city: 1, county: 2, unit: 3 } as const
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => rank[a.level] - rank[b.level] || a.name.localeCompare(b.name, 'zh-CN'))
    for (const n of list) sort(n.children)
  }
  sort(roots)
  return roots
}
