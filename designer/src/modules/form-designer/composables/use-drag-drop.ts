import { reactive, ref } from 'vue'

export type DragSource = { kind: 'palette'; type: string; label: string } | { kind: 'node'; id: string; label: string }
export interface DropTarget {
  listId: string
  index: number
  /** Where to draw the insertion line (viewport pixels). */
  line: { x: number; y: number; width: number; height: number }
}

const THRESHOLD = 4

/**
 * Drag and drop with pointer events (mouse, pen and touch alike, and drivable by a test's real
 * mouse). Drop lists are elements with `data-drop-list="<container id>"`; their items carry
 * `data-node-id`. The insertion point is found from the pointer and the items' boxes: before an
 * item when above its middle (or left of its middle for items laid out side by side).
 */
export function useDragDrop(options: { accept: (source: DragSource, listId: string) => boolean; drop: (source: DragSource, target: DropTarget) => void }) {
  const dragging = ref<DragSource | null>(null)
  const target = ref<DropTarget | null>(null)
  const pointer = reactive({ x: 0, y: 0 })

  function hitTest(x: number, y: number, source: DragSource): DropTarget | null {
    let el = document.elementFromPoint(x, y) as HTMLElement | null
    while (el) {
      const list = el.closest<HTMLElement>('[data-drop-list]')
      if (!list) return null
      const listId = list.dataset.dropList as string
      const insideSelf = source.kind === 'node' && !!list.closest(`[data-node-id="${source.id}"]`)
      if (!insideSelf && options.accept(source, listId)) return placement(list, listId, x, y)
      el = list.parentElement
    }
    return null
  }

  function placement(list: HTMLElement, listId: string, x: number, y: number): DropTarget {
    const items = Array.from(list.children).filter((c): c is HTMLElement => c instanceof HTMLElement && c.dataset.nodeId !== undefined)
    const box = list.getBoundingClientRect()
    for (let i = 0; i < items.length; i++) {
      const r = items[i]!.getBoundingClientRect()
      const inline = r.width < box.width * 0.75
      const before = inline ? y < r.top || (y <= r.bottom && x < r.left + r.width / 2) : y < r.top + r.height / 2
      if (before)
        return { listId, index: i, line: inline ? { x: r.left - 3, y: r.top, width: 3, height: r.height } : { x: r.left, y: r.top - 3, width: r.width, height: 3 } }
    }
    const last = items[items.length - 1]?.getBoundingClientRect()
    if (!last) return { listId, index: 0, line: { x: box.left + 4, y: box.top + 4, width: box.width - 8, height: 3 } }
    const inline = last.width < box.width * 0.75
    return {
      listId,
      index: items.length,
      line: inline ? { x: last.right + 1, y: last.top, width: 3, height: last.height } : { x: last.left, y: last.bottom + 1, width: last.width, height: 3 },
    }
  }

  function start(source: DragSource, e: PointerEvent): void {
    if (e.button !== 0) return
    const sx = e.clientX
    const sy = e.clientY
    let active = false
    const move = (ev: PointerEvent) => {
      if (!active && Math.hypot(ev.clientX - sx, ev.clientY - sy) < THRESHOLD) return
      if (!active) {
        active = true
        dragging.value = source
        document.body.classList.add('sl-dragging')
      }
      ev.preventDefault()
      pointer.x = ev.clientX
      pointer.y = ev.clientY
      target.value = hitTest(ev.clientX, ev.clientY, source)
    }
    const end = (commit: boolean) => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
      window.removeEventListener('keydown', key)
      document.body.classList.remove('sl-dragging')
      const t = target.value
      dragging.value = null
      target.value = null
      if (commit && active && t) options.drop(source, t)
    }
    const up = () => end(true)
    const key = (ev: KeyboardEvent) => ev.key === 'Escape' && end(false)
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
    window.addEventListener('keydown', key)
  }

  return { dragging, target, pointer, start }
}
