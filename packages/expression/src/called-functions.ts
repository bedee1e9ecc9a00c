import type { ExprNode } from './ast'
import { sortedUnique, walkAst } from './walk-ast'

/** Names of the functions the expression calls, deduplicated and sorted. */
export function calledFunctions(ast: ExprNode): string[] {
  const names: string[] = []
  walkAst(ast, (node) => {
    if (node.type === 'Call') names.push(node.callee)
  })
  return sortedUnique(names)
}
