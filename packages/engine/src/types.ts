import type { Level } from '@sunlight/definition'

/** Who acts. Staff hold posts in a department; applicants and the system hold none. */
export interface Actor {
  id: string
  name: string
  kind: 'staff' | 'applicant' | 'system'
  department?: string
  posts?: readonly string[]
}

export interface MaterialSubmission {
  provided: boolean
  /** Originals checked at the window (验原件). */
  originalChecked?: boolean
  files?: readonly { name: string; sha256?: string }[]
}

export interface Applicant {
  name: string
  idType?: string
  idNumber?: string
  phone?: string
}

export interface SupplementItem {
  /** A material of the definition, or absent for a correction to the form. */
  materialId?: string
  description: string
}

export interface PenaltyDecision {
  grade: string
  amount: number
  /** Why the amount lies outside the grade's band, or why the grade changed after notice. */
  reason?: string
}

interface Base {
  actor: Actor
}

/** Everything a user can ask of a case. Each command is checked by a guard and refused with a reason. */
export type Command =
  | (Base & {
      type: 'submit'
      caseId: string
      caseNo: string
      queryCode?: string
      channel: 'online' | 'window'
      applicant: Applicant
      form: Record<string, unknown>
      materials: Record<string, MaterialSubmission>
    })
  | (Base & { type: 'accept'; opinion?: string })
  | (Base & { type: 'refuse'; reason: string })
  | (Base & { type: 'requestSupplement'; items: readonly SupplementItem[]; reason?: string; node?: string })
  | (Base & { type: 'supplement'; materials: Record<string, MaterialSubmission>; form?: Record<string, unknown> })
  | (Base & { type: 'startSpecialProcedure'; procedure: string; reason: string; node?: string })
  | (Base & { type: 'endSpecialProcedure'; outcome: string })
  | (Base & { type: 'extend'; value: number; reason: string })
  | (Base & { type: 'suspend'; reason: string })
  | (Base & { type: 'resume'; reason?: string })
  | (Base & { type: 'return'; node: string; to: string; reason: string })
  | (Base & { type: 'withdraw'; node: string; reason?: string })
  | (Base & { type: 'transfer'; node: string; to: Actor; reason?: string })
  | (Base & { type: 'countersign'; node: string; approve: boolean; opinion: string })
  | (Base & {
      type: 'complete'
      node: string
      opinion?: string
      /** A negative opinion (不同意) needs a reason. */
      approve?: boolean
      reason?: string
      form?: Record<string, unknown>
      fee?: { item: string; amount: number; reason?: string }
      penalty?: PenaltyDecision
    })
  | (Base & { type: 'merge'; caseNos: readonly string[]; reason: string })
  | (Base & { type: 'mergeInto'; into: string; reason: string })
  | (Base & { type: 'conclude'; result: string; reason: string })
  | (Base & { type: 'void'; reason: string })

export type CommandType = Command['type']

export type CaseStatus = 'submitted' | 'awaitingSupplement' | 'handling' | 'paused' | 'concluded'

export type PauseKind = 'supplement' | 'specialProcedure' | 'suspension'

export interface Pause {
  kind: PauseKind
  from: number
  to?: number
  /** Special procedure type, when kind is specialProcedure. */
  procedure?: string
}

export interface Signature {
  actorId: string
  actorName: string
  approve: boolean
  opinion: string
  at: number
}

/** An open task: a token waiting at a step. */
export interface Task {
  node: string
  enteredAt: number
  assignee?: { id: string; name: string }
  signatures: Signature[]
  /** Set when something happened on this task (a withdraw of the previous step is then too late). */
  touched: boolean
}

export interface CaseState {
  caseId: string
  caseNo: string
  queryCode?: string
  itemKey: string
  definitionVersion: number
  status: CaseStatus
  channel: 'online' | 'window'
  applicant: Applicant
  form: Record<string, unknown>
  materials: Record<string, MaterialSubmission>
  submittedAt: number
  receivedDay: string
  /** When the case was accepted, and the instant its clocks count from (行政许可法 art. 32). */
  acceptedAt?: number
  clockStart?: number
  acceptedBy?: string
  /** When the first pre-acceptance 补正 notice was given (行政许可法 art. 32: within 5 days of receipt). */
  preAcceptanceNoticeAt?: number
  /** Instant the materials became complete after a pre-acceptance 补正. */
  materialsCompletedAt?: number
  tasks: Task[]
  /** Tokens that reached a parallel join, by join node. */
  joins: Record<string, number>
  /** Completed steps in order: who did what where (returns, withdrawals and separation of duties read it). */
  completed: { node: string; actorId: string; at: number; seq: number }[]
  pauses: Pause[]
  supplementRounds: number
  pendingSupplement?: { items: SupplementItem[]; requestedAt: number; phase: 'preAcceptance' | 'handling' }
  extension: number
  returnCount: number
  suspendCount: number
  firedPoints: string[]
  penalty?: PenaltyDecision & { noticed: boolean }
  merged: string[]
  mergedInto?: string
  result?: string
  concludedAt?: number
  lastCompletion?: { node: string; actorId: string; entered: string[]; seq: number; simple: boolean }
  /** Time of the last event: no command may be dated before it. */
  updatedAt: number
  seq: number
  lastHash: string
}

export type EventType =
  | 'case:submitted'
  | 'case:accepted'
  | 'case:refused'
  | 'case:supplementRequested'
  | 'case:supplemented'
  | 'case:specialProcedureStarted'
  | 'case:specialProcedureEnded'
  | 'case:extended'
  | 'case:suspended'
  | 'case:resumed'
  | 'step:completed'
  | 'step:signed'
  | 'step:returned'
  | 'step:withdrawn'
  | 'step:transferred'
  | 'case:merged'
  | 'case:mergedInto'
  | 'case:concluded'
  | 'case:voided'
  | 'monitor:raised'

/** Where tokens went as a result of an event; recorded so replay never re-evaluates a condition. */
export interface Route {
  left: string[]
  entered: string[]
  /** Arrivals at parallel joins that still wait for other branches. */
  waiting: string[]
  /** Parallel joins that fired (all branches arrived). */
  joined: string[]
  /** Exclusive gateway decisions taken on the way: gateway → edge. */
  decisions: { gateway: string; edge: string }[]
  end?: { node: string; result: string }
}

export interface CaseEvent {
  seq: number
  caseId: string
  type: EventType
  at: number
  actor: { id: string; name: string; kind: Actor['kind'] }
  post?: string
  department?: string
  operation: CommandType | 'monitor'
  node?: string
  opinion?: string
  reason?: string
  data: Record<string, unknown>
  route?: Route
  prevHash: string
  hash: string
}

export type UnsignedEvent = Omit<CaseEvent, 'seq' | 'prevHash' | 'hash' | 'caseId'>

export interface MonitoringHit {
  point: string
  name: string
  level: Level
  mode: 'auto' | 'manual'
  message: string
}
