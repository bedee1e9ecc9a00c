/**
 * Keeps the anchors of a node mounted from the press on one of them until the edge is dropped.
 *
 * Why (the cause of "an edge drawn from a node is sometimes lost", found by inspecting LogicFlow
 * 2.2.5's component tree during the drag): anchors sit on the node's border and are rendered only
 * while the node is hovered or selected. A drag starts on the first pointer move after the press;
 * that move usually leaves the node, so the browser fires mouseleave BEFORE the move reaches
 * LogicFlow's drag handler: the node drops its hover, Preact unmounts the pressed Anchor
 * component, and only then does the drag start (selecting the node mounts NEW anchors). The
 * unmounted Anchor keeps handling the drag, but Preact never applies state to an unmounted
 * component, so its `dragging` stays false and checkEnd() creates no edge, silently. It struck
 * nodes that were not selected when pressed — typically a node just added, or after a click on the
 * blank canvas. Holding the hover from `anchor:mousedown` (emitted on the press, before any move)
 * keeps the pressed Anchor mounted, so LogicFlow's own drop creates the edge.
 */
export interface Holdable {
  holdHover: boolean
  setHovered(flag: boolean): void
}

type Listeners = Pick<Document, 'addEventListener' | 'removeEventListener'>

export interface AnchorHold {
  /** anchor:mousedown — hold the node's hover until the drag ends or the button is released. */
  press(node: Holdable): void
  /** anchor:dragstart */
  dragStarted(): void
  /** anchor:dragend — release (after LogicFlow has created the edge). */
  dragEnded(): void
  /** True from the press until the release: re-rendering the node then would unmount the anchor. */
  readonly busy: boolean
}

export function createAnchorHold(doc: Listeners): AnchorHold {
  let held: Holdable | undefined
  let dragging = false
  const release = () => {
    doc.removeEventListener('pointerup', onUp, true)
    if (held) {
      held.holdHover = false
      held.setHovered(false)
    }
    held = undefined
    dragging = false
  }
  // A press without a drag (a click on an anchor) ends with the button: no dragend comes then.
  function onUp(): void {
    if (!dragging) release()
  }
  return {
    press(node) {
      release()
      held = node
      node.holdHover = true
      node.setHovered(true)
      doc.addEventListener('pointerup', onUp, true)
    },
    dragStarted() {
      dragging = true
    },
    dragEnded: release,
    get busy() {
      return held !== undefined
    },
  }
}
