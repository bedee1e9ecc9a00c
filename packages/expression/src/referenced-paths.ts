import type { ExprNode } from './ast'
import { sortedUnique, walkAst } from './walk-ast'

/**
 * Dotted static member paths starting at root identifiers (`$values.a.b`, `form.amount`),
 * cut at the first computed member (`$deps[0]` gives `$deps`), deduplicated and sorted.
 */
export function referencedPaths(ast: ExprNode): string[] {
  const paths: string[] = []
  walkAst(ast, (node, enqueue) => {
    if (node.type === 'Identifier') {
      paths.push(node.name)
      return false
    }
    if (node.type !== 'Member') return true
    const segments: Array<string | undefined> = []
    let root: ExprNode = node
    while (root.type === 'Member') {
      if (root.computed) enqueue(root.property)
      segments.unshift(root.computed ? undefined : root.property)
      root = root.object
    }
    if (root.type !== 'Identifier') {
      enqueue(root)
      return false
    }
    let path = root.name
    for (const segment of segments) {
      if (segment === undefined) break
      path += `.${segment}`
    }
    paths.push(path)
    return false
  })
  return sortedUnique(paths)
}
