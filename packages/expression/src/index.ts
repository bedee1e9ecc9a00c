export type {
  ArrayNode,
  BinaryNode,
  BinaryOperator,
  CallNode,
  ConditionalNode,
  ExprNode,
  IdentifierNode,
  LiteralNode,
  LiteralValue,
  LogicalNode,
  LogicalOperator,
  MemberNode,
  ObjectNode,
  ObjectProperty,
  UnaryNode,
  UnaryOperator,
} from './ast'
export { builtinFunctionNames } from './builtin-functions'
export { calledFunctions } from './called-functions'
export type { CompiledExpression } from './compile-expression'
export { compileExpression } from './compile-expression'
export type { EvaluateOptions } from './evaluate'
export { evaluate } from './evaluate'
export type { EvaluateExpressionResult } from './evaluate-expression'
export { evaluateExpression } from './evaluate-expression'
export type { ExpressionError, ExpressionErrorCode } from './expression-error'
export { ExpressionEvaluationError } from './expression-error'
export { registerSafeFormilyCompiler, safeFormilyCompiler } from './formily-compiler'
export type { ParseResult } from './parse-expression'
export { parseExpression } from './parse-expression'
export { referencedIdentifiers } from './referenced-identifiers'
export { referencedPaths } from './referenced-paths'
