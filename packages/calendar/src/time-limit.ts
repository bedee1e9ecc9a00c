/** 工作日 (working days) or 自然日 (natural days). */
export type LimitUnit = 'workdays' | 'days'

/** A time limit such as 法定时限 20 working days. `value` is a non-negative integer. */
export interface TimeLimit {
  readonly value: number
  readonly unit: LimitUnit
}

/**
 * A period excluded from a limit (补正 during handling, 特别程序, 暂停).
 * Epoch ms; `to` undefined means the pause is still open.
 */
export interface Pause {
  readonly from: number
  readonly to?: number
}
