import type { PowerItemDefinition } from '@sunlight/definition'
import type { Role } from './auth/roles'
import type { Deps } from './deps'
import { createUser } from './services/identity'
import { insertPublished } from './services/items-store'
import { insertDepartments, listDepartments, type Department } from './services/org'

/** Password of every demo account (documented in the README; demo mode only). */
export const DEMO_PASSWORD = 'Sunlight2026'

/** A province, two cities, a county and their units (sample data in real administrative names). */
export const demoDepartments: Department[] = [
  { id: 'sc', parentId: null, name: '四川省人民政府', level: 'province', creditCode: null, regionCode: '510000000000' },
  { id: 'sc-mzw', parentId: 'sc', name: '四川省民族宗教事务委员会', level: 'unit', creditCode: '11510000008231760L', regionCode: '510000000000' },
  { id: 'sc-sft', parentId: 'sc', name: '四川省司法厅', level: 'unit', creditCode: '11510000008260318H', regionCode: '510000000000' },
  { id: 'sc-jw', parentId: 'sc', name: '四川省纪委监委', level: 'unit', creditCode: null, regionCode: '510000000000' },
  { id: 'cd', parentId: 'sc', name: '成都市人民政府', level: 'city', creditCode: null, regionCode: '510100000000' },
  { id: 'cd-scj', parentId: 'cd', name: '成都市市场监督管理局', level: 'unit', creditCode: '11510100MB1F52906K', regionCode: '510100000000' },
  { id: 'cd-rsj', parentId: 'cd', name: '成都市人力资源和社会保障局', level: 'unit', creditCode: '11510100008245377E', regionCode: '510100000000' },
  { id: 'cd-mzj', parentId: 'cd', name: '成都市民政局', level: 'unit', creditCode: '11510100008293142Q', regionCode: '510100000000' },
  { id: 'cd-sfj', parentId: 'cd', name: '成都市司法局', level: 'unit', creditCode: null, regionCode: '510100000000' },
  { id: 'cd-jw', parentId: 'cd', name: '成都市纪委监委', level: 'unit', creditCode: null, regionCode: '510100000000' },
  { id: 'cd-jj', parentId: 'cd', name: '成都市锦江区人民政府', level: 'county', creditCode: null, regionCode: '510104000000' },
  { id: 'cd-jj-scj', parentId: 'cd-jj', name: '成都市锦江区市场监督管理局', level: 'unit', creditCode: '11510104MB0L377210', regionCode: '510104000000' },
  { id: 'cd-jn', parentId: 'cd', name: '成都市金牛区人民政府', level: 'county', creditCode: null, regionCode: '510106000000' },
  { id: 'cd-jn-scj', parentId: 'cd-jn', name: '成都市金牛区市场监督管理局', level: 'unit', creditCode: '11510106MB1D58432T', regionCode: '510106000000' },
  { id: 'my', parentId: 'sc', name: '绵阳市人民政府', level: 'city', creditCode: null, regionCode: '510700000000' },
  { id: 'my-mzj', parentId: 'my', name: '绵阳市民政局', level: 'unit', creditCode: '11510700MB1528463D', regionCode: '510700000000' },
]

interface DemoUser {
  id: string
  name: string
  dept: string | null
  roles: Role[]
  posts?: string[]
}

/** One user per role, and enough staff to run a case end to end with separated duties. */
export const demoUsers: DemoUser[] = [
  { id: 'designer', name: '刘设计（省民宗委）', dept: 'sc-mzw', roles: ['designer'] },
  { id: 'reviewer', name: '陈法制（省司法厅）', dept: 'sc-sft', roles: ['reviewer'] },
  { id: 'window', name: '张窗口（省民宗委）', dept: 'sc-mzw', roles: ['staff'], posts: ['window'] },
  { id: 'handler', name: '李承办（省民宗委）', dept: 'sc-mzw', roles: ['staff'], posts: ['handler'] },
  { id: 'checker', name: '王审核（省民宗委）', dept: 'sc-mzw', roles: ['staff'], posts: ['reviewer'] },
  { id: 'approver', name: '赵批准（省民宗委）', dept: 'sc-mzw', roles: ['staff'], posts: ['approver', 'head'] },
  { id: 'cd-window', name: '周窗口（成都市市场监管局）', dept: 'cd-scj', roles: ['staff'], posts: ['window', 'investigator'] },
  { id: 'cd-handler', name: '吴承办（成都市市场监管局）', dept: 'cd-scj', roles: ['staff'], posts: ['handler', 'legal', 'hearing'] },
  { id: 'cd-approver', name: '郑批准（成都市市场监管局）', dept: 'cd-scj', roles: ['staff'], posts: ['approver', 'head', 'chief', 'reviewer'] },
  // 金牛区市场监管局 runs the food penalty template (行政处罚: separation between investigation and legal review).
  { id: 'jn-head', name: '钱局长（金牛区市场监管局）', dept: 'cd-jn-scj', roles: ['staff'], posts: ['head', 'chief'] },
  { id: 'jn-investigator', name: '冯执法（金牛区市场监管局）', dept: 'cd-jn-scj', roles: ['staff'], posts: ['investigator'] },
  { id: 'jn-investigator2', name: '陈执法（金牛区市场监管局）', dept: 'cd-jn-scj', roles: ['staff'], posts: ['investigator'] },
  { id: 'jn-legal', name: '褚法制（金牛区市场监管局）', dept: 'cd-jn-scj', roles: ['staff'], posts: ['legal', 'handler', 'hearing', 'delivery'] },
  { id: 'supervisor', name: '孙监察（省纪委监委）', dept: 'sc-jw', roles: ['supervisor'] },
  { id: 'cd-supervisor', name: '何监察（成都市纪委监委）', dept: 'cd-jw', roles: ['supervisor'] },
  { id: 'admin', name: '系统管理员', dept: 'sc', roles: ['admin'] },
  { id: 'citizen', name: '王市民（申请人）', dept: null, roles: ['applicant'] },
]

/** Finds the department a definition names (by credit code, then by name), or creates a unit for it. */
async function departmentFor(deps: Deps, def: PowerItemDefinition): Promise<string> {
  const all = await listDepartments(deps)
  const code = def.item.department.creditCode
  const found = all.find((d) => (code && d.creditCode === code) || d.name === def.item.department.name)
  if (found) return found.id
  const city = all.find((d) => d.level === 'city' && def.item.department.name.startsWith(d.name.replace('人民政府', '')))
  const id = `dept-${all.length + 1}`
  await insertDepartments(deps, [
    { id, parentId: city?.id ?? 'sc', name: def.item.department.name, level: 'unit', creditCode: code ?? null, regionCode: city?.regionCode ?? '510000000000' },
  ])
  return id
}

/** First start in demo mode: the organisation, one account per role, and the templates as published items. */
export async function seedDemo(deps: Deps, templates: readonly PowerItemDefinition[]): Promise<void> {
  await insertDepartments(deps, demoDepartments)
  for (const u of demoUsers)
    await createUser(deps, { id: u.id, username: u.id, name: u.name, password: DEMO_PASSWORD, departmentId: u.dept, roles: u.roles, posts: u.posts ?? [] })
  for (const def of templates) await insertPublished(deps, def, await departmentFor(deps, def), '演示数据：由模板导入')
}

/** Outside demo mode: one administrator from the environment, who must change the password at first sign-in. */
export async function seedAdmin(deps: Deps, username: string, password: string): Promise<void> {
  await insertDepartments(deps, [demoDepartments[0] as Department])
  await createUser(deps, { id: 'admin', username, name: '系统管理员', password, departmentId: 'sc', roles: ['admin'], mustChangePassword: true })
}

export async function isEmpty(deps: Deps): Promise<boolean> {
  const row = (await deps.db.knex('users').count({ n: '*' }).first()) as { n: number | string }
  return Number(row.n) === 0
}
