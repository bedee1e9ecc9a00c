import type { ExprNode } from './ast'

/** Direct children of `node`, in source order. */
export function childNodes(node: ExprNode): ExprNode[] {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
      return []
    case 'Array':
      return node.elements
    case 'Object':
      return node.properties.map((property) => property.value)
    case 'Member':
      return node.computed ? [node.object, node.property] : [node.object]
    case 'Call':
      return node.args
    case 'Unary':
      return [node.argument]
    case 'Binary':
    case 'Logical':
      return [node.left, node.right]
    case 'Conditional':
      return [node.test, node.consequent, node.alternate]
    default:
      return []
  }
}

/**
 * Visits every node depth-first without recursion. When `visitor` returns false the node's
 * children are skipped; it may instead queue nodes of its own through `enqueue`.
 */
export function walkAst(root: ExprNode, visitor: (node: ExprNode, enqueue: (node: ExprNode) => void) => boolean | void): void {
  const stack: ExprNode[] = [root]
  const enqueue = (node: ExprNode): void => {
    stack.push(node)
  }
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (visitor(node, enqueue) === false) continue
    stack.push(...childNodes(node).reverse())
  }
}

/** Sorted, deduplicated copy of `values`. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort()
}
