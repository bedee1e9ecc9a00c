/**
 * "Overdue by even one second counts" [DZJC 监察规则说明, domain.md §4.3]:
 * overdue iff `now` is strictly after the deadline instant (ms precision).
 * A deadline is the 24:00 instant of its last day, so 24:00:00.000 itself is still on time.
 */
export function isOverdue(deadline: number, now: number): boolean {
  return now > deadline
}
