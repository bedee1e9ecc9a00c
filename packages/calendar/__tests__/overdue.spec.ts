import { describe, expect, it } from 'vitest'
import { isOverdue } from '../src/index'
import { at, cal } from './fixtures'

describe('calendar/overdue', () => {
  it('is not overdue at the deadline instant itself (24:00 of the last day)', () => {
    // DZJC 监察规则说明: overdue by even one second counts (domain.md §4.3).
    const deadline = cal.addWorkdays(at('2026-03-02 10:00'), 1)
    expect(isOverdue(deadline, deadline)).toBe(false)
  })

  it('is overdue one second after the deadline', () => {
    // DZJC 监察规则说明: overdue by even one second counts.
    const deadline = cal.addWorkdays(at('2026-03-02 10:00'), 1)
    expect(isOverdue(deadline, deadline + 1000)).toBe(true)
  })

  it('is overdue one millisecond after the deadline', () => {
    const deadline = cal.addWorkdays(at('2026-03-02 10:00'), 1)
    expect(isOverdue(deadline, deadline + 1)).toBe(true)
    expect(isOverdue(deadline, deadline - 1)).toBe(false)
  })
})
