/** Every node carries the [start, end) offsets of the source it was parsed from. */
interface NodeBase {
  start: number
  end: number
}

export type LiteralValue = string | number | boolean | null | undefined

export interface LiteralNode extends NodeBase {
  type: 'Literal'
  value: LiteralValue
}

export interface IdentifierNode extends NodeBase {
  type: 'Identifier'
  name: string
}

export interface ArrayNode extends NodeBase {
  type: 'Array'
  elements: ExprNode[]
}

export interface ObjectProperty {
  key: string
  value: ExprNode
}

export interface ObjectNode extends NodeBase {
  type: 'Object'
  properties: ObjectProperty[]
}

/** `a.b` (computed false, property is a name) or `a[x]` (computed true, property is a node). */
export type MemberNode = NodeBase & {
  type: 'Member'
  object: ExprNode
  optional: boolean
} & ({ computed: false; property: string } | { computed: true; property: ExprNode })

/** A call of a whitelisted function by bare name. */
export interface CallNode extends NodeBase {
  type: 'Call'
  callee: string
  args: ExprNode[]
}

export type UnaryOperator = '!' | '-' | '+'

export interface UnaryNode extends NodeBase {
  type: 'Unary'
  operator: UnaryOperator
  argument: ExprNode
}

export type BinaryOperator =
  | '*' | '/' | '%' | '+' | '-'
  | '<' | '<=' | '>' | '>='
  | '==' | '!=' | '===' | '!=='
  | 'in'

export interface BinaryNode extends NodeBase {
  type: 'Binary'
  operator: BinaryOperator
  left: ExprNode
  right: ExprNode
}

export type LogicalOperator = '&&' | '||' | '??'

export interface LogicalNode extends NodeBase {
  type: 'Logical'
  operator: LogicalOperator
  left: ExprNode
  right: ExprNode
}

export interface ConditionalNode extends NodeBase {
  type: 'Conditional'
  test: ExprNode
  consequent: ExprNode
  alternate: ExprNode
}

export type ExprNode =
  | LiteralNode
  | IdentifierNode
  | ArrayNode
  | ObjectNode
  | MemberNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode
