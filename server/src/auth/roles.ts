/** Roles (PRODUCT.md "Who uses it"). A user may hold several. */
export const roles = ['designer', 'reviewer', 'staff', 'supervisor', 'admin', 'applicant'] as const
export type Role = (typeof roles)[number]

export const roleNamesZh: Record<Role, string> = {
  designer: '事项设计（部门管理员）',
  reviewer: '法制审核',
  staff: '工作人员',
  supervisor: '监察',
  admin: '系统管理员',
  applicant: '申请人',
}

export interface User {
  id: string
  username: string
  name: string
  departmentId: string | null
  roles: Role[]
  posts: string[]
  mustChangePassword: boolean
}

/** Who is calling: a signed-in user, or the anonymous public. */
export type Principal = { kind: 'user'; user: User; sessionId: string; csrf: string } | { kind: 'public' }
