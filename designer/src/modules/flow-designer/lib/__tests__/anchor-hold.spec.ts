import { describe, expect, it } from 'vitest'
import { createAnchorHold, type Holdable } from '../anchor-hold'

/** A node model as LogicFlow's StepModel overrides it: hover stays while held. */
function node(): Holdable & { hovered: boolean } {
  return {
    holdHover: false,
    hovered: false,
    setHovered(flag: boolean) {
      this.hovered = flag || this.holdHover
    },
  }
}

function fakeDocument() {
  const listeners = new Set<() => void>()
  return {
    addEventListener: (_t: string, f: () => void) => void listeners.add(f),
    removeEventListener: (_t: string, f: () => void) => void listeners.delete(f),
    pointerUp: () => [...listeners].forEach((f) => f()),
    get count() {
      return listeners.size
    },
  }
}

describe('flow-designer/anchor-hold', () => {
  it('should keep the node hovered from the press, through a pointer leaving the node, until the drop', () => {
    const doc = fakeDocument()
    const hold = createAnchorHold(doc as unknown as Document)
    const n = node()
    hold.press(n)
    n.setHovered(false) // mouseleave before the drag starts: the anchors must stay
    expect(n.hovered).toBe(true)
    hold.dragStarted()
    doc.pointerUp() // the button is released: LogicFlow ends the drag a microtask later
    expect(n.hovered).toBe(true)
    expect(hold.busy).toBe(true)
    hold.dragEnded()
    expect(n.hovered).toBe(false)
    expect(hold.busy).toBe(false)
    expect(doc.count).toBe(0)
  })

  it('should release on the button when the press was a click (no drag, no dragend)', () => {
    const doc = fakeDocument()
    const hold = createAnchorHold(doc as unknown as Document)
    const n = node()
    hold.press(n)
    doc.pointerUp()
    expect(n.holdHover).toBe(false)
    expect(hold.busy).toBe(false)
  })

  it('should hold one node at a time', () => {
    const hold = createAnchorHold(fakeDocument() as unknown as Document)
    const a = node()
    const b = node()
    hold.press(a)
    hold.press(b)
    expect(a.holdHover).toBe(false)
    expect(b.holdHover).toBe(true)
  })
})
