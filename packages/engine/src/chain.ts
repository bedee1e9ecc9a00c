import { canonicalJson } from './canonical-json'
import { sha256Hex } from './sha256'
import type { CaseEvent } from './types'

/** The hash before a case's first event. */
export const GENESIS_HASH = '0'.repeat(64)

/** SHA-256 over the canonical JSON of the event without its own hash (prevHash included: the chain). */
export function hashEvent(event: Omit<CaseEvent, 'hash'>): string {
  const { hash: _ignored, ...rest } = event as CaseEvent
  return sha256Hex(canonicalJson(rest))
}

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; brokenAt: number; seq: number | undefined; reason: 'sequence' | 'link' | 'hash' | 'case'; message: string }

/**
 * Checks a case's events in order. Names the first broken link: a gap in sequence numbers, an
 * event whose prevHash is not the hash of the event before it, or an event whose content no
 * longer matches its own hash (it was edited).
 */
export function verifyChain(events: readonly CaseEvent[]): ChainVerdict {
  let prev = GENESIS_HASH
  const caseId = events[0]?.caseId
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as CaseEvent
    const broken = (reason: 'sequence' | 'link' | 'hash' | 'case', message: string): ChainVerdict => ({
      ok: false,
      brokenAt: i,
      seq: e.seq,
      reason,
      message,
    })
    if (e.caseId !== caseId) return broken('case', `event ${i} belongs to case ${e.caseId}, not ${caseId}`)
    if (e.seq !== i + 1) return broken('sequence', `event ${i} has seq ${e.seq}, expected ${i + 1}`)
    if (e.prevHash !== prev) return broken('link', `event seq ${e.seq} does not point at the hash of the event before it`)
    if (hashEvent(e) !== e.hash) return broken('hash', `event seq ${e.seq} was altered: its content no longer matches its hash`)
    prev = e.hash
  }
  return { ok: true, count: events.length, lastHash: prev }
}
