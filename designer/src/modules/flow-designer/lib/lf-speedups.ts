import { EventType, type BaseNodeModel, type GraphModel } from '@logicflow/core'
// The canvas component is only a default export of its own file (the package has no `exports` map).
import Graph from '@logicflow/core/es/view/Graph'

/**
 * Work LogicFlow 2.2 does on every frame or every element that the designer does not need, found
 * by profiling `pnpm bench designer` (1,000 nodes, 1,098 edges) in Chromium:
 *
 * 1. `Graph.componentDidUpdate` serialises the whole graph (`modelToGraphData`, a mobx `toJS` of
 *    every element) after each re-render of the canvas, i.e. on every pan or drag frame, only to
 *    put it into a `graph:updated` event. Half of a pan frame went there. `lazyGraphUpdated`
 *    makes the event's `data` a getter: a listener that reads it gets the same object, and when
 *    nobody reads it nothing is serialised.
 * 2. A node's `anchors` getter turns each anchor through three 3×3 matrix products (built on an
 *    Array subclass) to apply the node's rotation; for every edge at load that was a third of
 *    the render. Designer nodes are never rotated, and at rotation 0 the product is the identity,
 *    so `unrotatedAnchors` answers with the anchors as offset (the same points and ids).
 * 3. History watches the whole graph model and, 100 ms after any change (panning included),
 *    serialises every element to compare it with the last step. `quietHistoryWhile` skips that
 *    while a pan is in progress (no element changes then; the step after a drop is still taken).
 * 4. `graphModel.nodesMap` (how an edge finds its source and target) is a mobx computed that
 *    rebuilds a map of all nodes whenever it is read outside a reaction, i.e. several times per
 *    edge while a graph is built: createFlowCanvas keeps it observed by a reaction so it is cached.
 * 5. History's first snapshot and deep observer cost 0.3 s at 1,000 nodes: a large flow attaches
 *    its history once the browser is idle after the first paint (createFlowCanvas).
 */
let graphPatched = false

export function lazyGraphUpdated(): void {
  if (graphPatched) return
  graphPatched = true
  const proto = Graph.prototype as unknown as { componentDidUpdate(this: { props: { graphModel: GraphModel } }): void }
  proto.componentDidUpdate = function componentDidUpdate() {
    const model = this.props.graphModel
    let data: ReturnType<GraphModel['modelToGraphData']> | undefined
    model.eventCenter.emit(EventType.GRAPH_UPDATED, {
      get data() {
        return (data ??= model.modelToGraphData())
      },
    })
  }
}

/** A `modelToGraphData` whose result is computed on first read of `nodes` or `edges`. */
export function lazyGraphData(graphModel: GraphModel): GraphModel['modelToGraphData'] {
  const own = Object.getPrototypeOf(graphModel).modelToGraphData as GraphModel['modelToGraphData']
  return () => {
    let data: ReturnType<GraphModel['modelToGraphData']> | undefined
    const get = () => (data ??= own.call(graphModel))
    return {
      get nodes() {
        return get().nodes
      },
      get edges() {
        return get().edges
      },
    }
  }
}

type AnchorModel = Pick<BaseNodeModel, 'rotate' | 'getAnchorsByOffset'>

/** Replaces the `anchors` getter of node model classes: no matrices for an unrotated node. */
export function unrotatedAnchors(...models: { prototype: object }[]): void {
  for (const model of models) {
    const inherited = findGetter(model.prototype, 'anchors')
    Object.defineProperty(model.prototype, 'anchors', {
      configurable: true,
      get(this: AnchorModel) {
        return this.rotate ? inherited?.call(this) : this.getAnchorsByOffset()
      },
    })
  }
}

function findGetter(proto: object | null, name: string): (() => unknown) | undefined {
  for (let p = proto; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name)
    if (d?.get) return d.get
  }
  return undefined
}

/**
 * While `quiet()` is true the history takes no snapshot (LogicFlow does the same while a node is
 * dragged); the returned `resume()` takes the one that was skipped, if any, once the press is over.
 */
export function quietHistoryWhile(graphModel: GraphModel, quiet: () => boolean, add: (data: object) => void): () => void {
  const own = graphModel.modelToHistoryData.bind(graphModel)
  let skipped = false
  graphModel.modelToHistoryData = () => {
    if (!quiet()) return own()
    skipped = true
    return false
  }
  return () => {
    if (!skipped || quiet()) return
    skipped = false
    const data = own()
    if (data) add(data)
  }
}
