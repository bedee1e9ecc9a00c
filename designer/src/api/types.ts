import type { Diagnostic } from '@sunlight/definition'

/** Shapes the server answers with (see /api/openapi.json); only what the designer reads. */

export type Role = 'designer' | 'reviewer' | 'staff' | 'supervisor' | 'admin' | 'applicant'

export interface User {
  id: string
  username: string
  name: string
  departmentId: string | null
  roles: Role[]
  posts: string[]
  mustChangePassword?: boolean
}

export interface SessionAnswer {
  user: User
  csrfToken: string
}

export type ItemStatus = 'draft' | 'inReview' | 'published' | 'cancelled'
export type VersionStatus = 'draft' | 'submitted' | 'rejected' | 'scheduled' | 'published' | 'superseded' | 'cancelled'
export type ChangeType = 'add' | 'change' | 'cancel' | 'delegate'
export type ReviewPart = 'basicInfo' | 'publicFlow' | 'internalFlow' | 'discretion'

export interface ItemSummary {
  key: string
  name: string
  category: string
  departmentId: string
  departmentName?: string | null
  status: ItemStatus
  publishedVersion: number | null
  /** Approved for a later effective date; publishedVersion is in force until then. */
  scheduled?: { version: number; effectiveDate: string | null } | null
  createdAt: number
  updatedAt: number
  draftVersion?: number | null
  pendingVersion?: number | null
}

export interface DiffEntry {
  path: string
  op: 'added' | 'removed' | 'changed'
  before?: unknown
  after?: unknown
  fromPath?: string
  part: ReviewPart
}

export type DiffSummary = Record<ReviewPart, number>

export interface ChangeRequest {
  type: ChangeType
  reason: string
  legalBasis?: string
  targetDepartmentId?: string
  baseVersion?: number | null
  diffSummary: DiffSummary | null
  diff?: DiffEntry[]
  submittedBy?: string
  submittedAt?: number
}

export interface PartDecision {
  decision: 'confirm' | 'reject'
  reason?: string
}

export interface Review {
  reviewerId?: string
  reviewerName?: string
  at?: number
  outcome?: 'published' | 'rejected' | 'cancelled' | 'delegated'
  parts?: {
    basicInfo: PartDecision
    publicFlow: PartDecision
    internalFlow: { filed: true; note?: string }
    discretion: { filed: true; note?: string }
  }
  reasons?: Partial<Record<ReviewPart, string>>
  effectiveDate?: string
  note?: string
}

export interface VersionSummary {
  key: string
  version: number
  status: VersionStatus
  changeRequest: ChangeRequest | null
  review: Review | null
  effectiveDate: string | null
  createdBy: string | null
  createdAt: number
  updatedAt: number
}

export interface VersionFull extends VersionSummary {
  definition: Record<string, unknown> | null
  valid?: boolean
  diagnostics?: Diagnostic[]
}

export interface ItemDetail {
  item: ItemSummary
  versions: VersionSummary[]
}

export interface ItemDiff {
  key: string
  from: number | null
  to: number
  summary: DiffSummary
  entries: DiffEntry[]
}

export interface Submission {
  key: string
  version: number
  name: string
  departmentId: string
  departmentName: string | null
  type: ChangeType
  reason: string
  legalBasis: string | null
  targetDepartmentId: string | null
  baseVersion: number | null
  submittedBy: string
  submittedAt: number
  diffSummary: DiffSummary
  canReview: boolean
}

export interface CatalogEntry {
  key: string
  version: number
  name: string
  category: string
  departmentId: string
  department: string
}

export type CreateItemInput =
  | { source: 'blank'; key: string; name: string; category: string; departmentId?: string }
  | { source: 'template'; key: string; templateKey: string; departmentId?: string }
  | { source: 'import'; key?: string; definition: Record<string, unknown>; departmentId?: string }

export interface SubmitInput {
  type: ChangeType
  reason: string
  legalBasis?: string
  targetDepartmentId?: string
}

export interface ReviewInput {
  basicInfo: PartDecision
  publicFlow: PartDecision
  internalFlow?: { note?: string }
  discretion?: { note?: string }
  /** YYYY-MM-DD: today (default) or a later day (add / change only). */
  effectiveDate?: string
}

/** GET /api/departments: a node of the tree the user may act on. */
export interface DepartmentNode {
  id: string
  parentId: string | null
  name: string
  level: 'province' | 'city' | 'county' | 'unit'
  creditCode: string | null
  regionCode: string | null
  canEdit: boolean
  children: DepartmentNode[]
}
