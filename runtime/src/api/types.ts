import type { FieldPermission, Flow, PowerItem, TimeLimit } from '@sunlight/definition'
import type { CaseState, CaseStatus, MaterialSubmission, SupplementItem } from '@sunlight/engine'

export type ClockLevel = 'normal' | 'warning' | 'yellow' | 'red'
export type FormSchema = { type: 'object'; properties: Record<string, Record<string, unknown>> } & Record<string, unknown>

/** One row of GET /api/catalog. */
export interface CatalogSummary {
  key: string
  version: number
  name: string
  category: string
  departmentId: string
  department: string
  caseType: 'instant' | 'promised'
  statutoryLimit: TimeLimit
  promisedLimit: TimeLimit
  /** false for 依职权 items (penalties, coercive measures, inspections): staff open their cases. */
  appliesOnline: boolean
}

export interface PublicStep {
  id: string
  name: string
  limit: TimeLimit
}

/** GET /api/catalog/:key: the public facts, the form and the public flowchart. */
export interface CatalogEntry {
  key: string
  version: number
  item: PowerItem
  appliesOnline: boolean
  form: FormSchema
  flow: { steps: PublicStep[] }
  documents: { id: string; kind: string; title: string }[]
  /** Form fields staff fill in (not shown in the hall's application form), when the server says so. */
  staffFields?: string[]
}

export interface ApplicantInput {
  name: string
  idType?: string
  idNumber?: string
  phone?: string
}

export interface ApplicationInput {
  itemKey: string
  applicant: ApplicantInput
  form: Record<string, unknown>
  materials: Record<string, MaterialSubmission>
}

export interface Receipt {
  caseId: string
  caseNo: string
  queryCode: string
  status: CaseStatus
  version: number
  missingMaterials: { id: string; name: string }[]
  receivedDay: string
}

export interface PublicTimelineEntry {
  at: number
  type: string
  step?: string
  opinion?: string
}

/** POST /api/hall/track. */
export interface PublicCaseView {
  caseNo: string
  item: { key: string; name: string; department: string }
  status: CaseStatus
  result?: string
  submittedAt: number
  promisedDay?: string
  currentSteps: string[]
  pendingSupplement: SupplementItem[] | null
  timeline: PublicTimelineEntry[]
  historyIntact: boolean
}

export interface CaseSummary {
  id: string
  caseNo: string
  itemKey: string
  itemVersion: number
  departmentId: string
  status: CaseStatus
  level: ClockLevel
  applicantName: string
  posts: string[]
  version: number
  createdAt: number
  updatedAt: number
  /** The highest counting supervision card of the case (预警 / 黄牌 / 红牌), or null. */
  cardLevel?: 'warning' | 'yellow' | 'red' | null
}

export interface CaseList {
  total: number
  page: number
  pageSize: number
  items: CaseSummary[]
}

export interface StaffTimelineEntry {
  seq: number
  type: string
  at: number
  node?: string
  actor: string
  post?: string
  opinion?: string
  reason?: string
  hash: string
}

export interface Clock {
  kind: 'preAcceptance' | 'promised' | 'statutory' | 'step' | 'specialProcedure' | 'supplement'
  start: number
  limit: TimeLimit
  paused: boolean
  level: ClockLevel
  deadline?: number
  dueDay?: string
  node?: string
  next?: { level: ClockLevel; at: number }
}

export interface CaseAction {
  node: string
  name: string
  post: string
  operations: string[]
  opinionRequired: boolean
  fieldPermissions: Record<string, FieldPermission>
}

/** GET /api/cases/:id. `definition` is read when the server provides it (see the runtime README). */
export interface CaseDetail {
  case: CaseSummary
  state: CaseState
  timeline: StaffTimelineEntry[]
  clocks: Clock[]
  level: ClockLevel
  stepLevel: ClockLevel
  chain: { ok: boolean; count: number; lastHash?: string; brokenAt?: number }
  actions: CaseAction[]
  definition?: { flow: Flow; form: FormSchema; item: PowerItem; [k: string]: unknown }
  /** Whether the signed-in user follows the case (关注). */
  watched?: boolean
}

export interface CommandResult {
  caseId: string
  version: number
  status: CaseStatus
  tasks: string[]
}

export interface SessionUser {
  id: string
  username: string
  name: string
  departmentId: string | null
  roles: string[]
  posts: string[]
  mustChangePassword: boolean
}

export interface UploadedFile {
  fileId: string
  sha256: string
  size: number
  mime: string
  name: string
  downloadToken: string
}

export interface CaseFile {
  materialId: string
  name: string
  sha256: string | null
  fileId: string | null
  mime: string | null
  size: number | null
}

export interface HallRequestReceipt {
  no: string
  queryCode: string
  status: string
  dueDay: string
  handlingDepartment: string
}

export interface HallRequestView {
  no: string
  kind: 'consultation' | 'complaint'
  title: string
  category: string | null
  status: 'submitted' | 'answered' | 'closed'
  submittedAt: number
  dueDay: string
  extension: { days: number; reason: string } | null
  handlingDepartment: string | null
  reply: string | null
  repliedAt: number | null
  overdue: boolean
  closedAt: number | null
}

export interface RatingView {
  caseNo: string
  rating: { stars: number; satisfaction: number; satisfactionZh: string; comment: string | null; channel: string; ratedAt: number } | null
  followUp: {
    status: 'open' | 'closed'
    openedAt: number
    dueDay: string
    substantiated: boolean | null
    rectification: string | null
    feedback: string | null
    answeredAt: number | null
    overdueDays: number
  } | null
}

/** A legal document of a case (文书), as the documents API lists it. */
export interface CaseDocument {
  id: string
  templateId?: string
  kind?: string
  title: string
  docNo?: string
  issuedAt?: number
  toApplicant?: boolean
  [k: string]: unknown
}
