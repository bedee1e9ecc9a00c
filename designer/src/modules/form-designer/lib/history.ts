/**
 * Undo/redo over snapshots. Each snapshot is a serialised state, so history can never be
 * changed through a live reference.
 */
export interface History<T> {
  push(state: T): void
  undo(): T | undefined
  redo(): T | undefined
  reset(state: T): void
  readonly canUndo: boolean
  readonly canRedo: boolean
  readonly size: number
}

export function createHistory<T>(initial: T, limit = 100): History<T> {
  let past: string[] = [JSON.stringify(initial)]
  let future: string[] = []
  return {
    push(state) {
      const s = JSON.stringify(state)
      if (past[past.length - 1] === s) return
      past.push(s)
      if (past.length > limit + 1) past = past.slice(past.length - limit - 1)
      future = []
    },
    undo() {
      if (past.length < 2) return undefined
      future.push(past.pop() as string)
      return JSON.parse(past[past.length - 1] as string) as T
    },
    redo() {
      const s = future.pop()
      if (s === undefined) return undefined
      past.push(s)
      return JSON.parse(s) as T
    },
    reset(state) {
      past = [JSON.stringify(state)]
      future = []
    },
    get canUndo() {
      return past.length > 1
    },
    get canRedo() {
      return future.length > 0
    },
    get size() {
      return past.length
    },
  }
}
