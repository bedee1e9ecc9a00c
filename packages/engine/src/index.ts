export { applyCommand, evaluateMonitoring, type ApplyResult } from './apply'
export { decide } from './decide'
export { evolve, replay } from './evolve'
export { verifyChain, hashEvent, GENESIS_HASH, type ChainVerdict } from './chain'
export { canonicalJson } from './canonical-json'
export { sha256Hex, useSha256 } from './sha256'
export { caseClocks, maxLevel, type ClockReport, type ClockSummary, type ClockLevel, type ClockKind } from './clocks'
export { caseFactsOf } from './facts'
export { firingPoints, firedKey, renderMessage } from './monitoring'
export { fineBand, type Band } from './ops/penalty'
export { expectedResults } from './outcomes'
export { refusal, refusalMessages, operationNamesZh, statusNamesZh, type Refusal, type RefusalCode } from './refusal'
export type { Decision } from './ops/context'
export type {
  Actor,
  Applicant,
  CaseEvent,
  CaseState,
  CaseStatus,
  Command,
  CommandType,
  EventType,
  MaterialSubmission,
  MonitoringHit,
  PenaltyDecision,
  Pause,
  PauseKind,
  Route,
  Signature,
  SupplementItem,
  Task,
  UnsignedEvent,
} from './types'
export { simulate, type SimulationScript, type SimulationResult, type SimulationEntry } from './simulate'
