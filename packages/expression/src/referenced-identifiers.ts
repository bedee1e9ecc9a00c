import type { ExprNode } from './ast'
import { sortedUnique, walkAst } from './walk-ast'

/** Root identifiers the expression reads (scope keys), deduplicated and sorted. */
export function referencedIdentifiers(ast: ExprNode): string[] {
  const names: string[] = []
  walkAst(ast, (node) => {
    if (node.type === 'Identifier') names.push(node.name)
  })
  return sortedUnique(names)
}
