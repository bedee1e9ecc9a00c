/**
 * The form designer edits a tree of nodes; the definition stores a Formily JSON Schema. This
 * module maps one to the other. Every schema key the designer does not understand is kept on the
 * node as it is, so opening and saving a form never loses linkage, validators or props.
 *
 * Containers: void layouts (FormGrid, Card, FormTab → TabPane, FormCollapse → CollapsePanel) hold
 * their children in `properties`; objects too; arrays (ArrayTable, ArrayCards) hold the fields of
 * one row in `items.properties` — for ArrayTable each wrapped in an `ArrayTable.Column`.
 */
export type Schema = Record<string, unknown>

export interface DesignNode {
  /** Designer-only identity (stable across renames), never written to the schema. */
  id: string
  /** The property key in the schema (the field's data name for non-void nodes). */
  name: string
  schema: Schema
  children: DesignNode[]
}

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

let counter = 0
export const nextNodeId = (): string => `n${Date.now().toString(36)}${(counter++).toString(36)}`

export const componentOf = (s: Schema): string => (typeof s['x-component'] === 'string' ? s['x-component'] : '')
export const isVoid = (s: Schema): boolean => s.type === 'void'
export const isArrayTable = (s: Schema): boolean => s.type === 'array' && componentOf(s) === 'ArrayTable'
export const isArrayCards = (s: Schema): boolean => s.type === 'array' && componentOf(s) === 'ArrayCards'
export const isArrayNode = (s: Schema): boolean => isArrayTable(s) || isArrayCards(s)

/** Layout components whose children are panes, not fields. */
export const PANE_PARENTS: Readonly<Record<string, string>> = { FormTab: 'FormTab.TabPane', FormCollapse: 'FormCollapse.CollapsePanel' }
export const isPane = (s: Schema): boolean => Object.values(PANE_PARENTS).includes(componentOf(s))
export const isPaneParent = (s: Schema): boolean => componentOf(s) in PANE_PARENTS

/** Whether a node holds children in the designer. */
export function isContainer(s: Schema): boolean {
  if (isArrayNode(s)) return true
  if (s.type === 'object') return true
  return isVoid(s) && ['FormGrid', 'Card', 'FormLayout', 'Space', 'FormTab', 'FormCollapse', 'FormTab.TabPane', 'FormCollapse.CollapsePanel'].includes(componentOf(s))
}

const ARRAY_TABLE_HELPERS = /^ArrayTable\.(Remove|Index|SortHandle|MoveUp|MoveDown|Addition)$/
const ARRAY_CARDS_HELPERS = /^ArrayCards\.(Remove|Index|SortHandle|MoveUp|MoveDown|Addition|Copy)$/

function byIndex(entries: [string, unknown][]): [string, Schema][] {
  const list = entries.filter((e): e is [string, Schema] => isObj(e[1]))
  const indexed = list.some(([, s]) => typeof s['x-index'] === 'number')
  if (!indexed) return list
  return list.map((e, i) => ({ e, i })).sort((a, b) => ((a.e[1]['x-index'] as number) ?? a.i) - ((b.e[1]['x-index'] as number) ?? b.i) || a.i - b.i).map((x) => x.e)
}

export function schemaNode(name: string, schema: Schema): DesignNode {
  const { properties, items, ...rest } = schema
  const node: DesignNode = { id: nextNodeId(), name, schema: rest, children: [] }
  if (isArrayNode(schema)) {
    const itemSchema = isObj(items) ? items : {}
    const { properties: rowProps, ...itemRest } = itemSchema
    if (Object.keys(itemRest).some((k) => k !== 'type')) node.schema['x-designer-items'] = itemRest
    for (const [key, child] of byIndex(Object.entries(isObj(rowProps) ? rowProps : {}))) {
      const comp = componentOf(child)
      if (comp === 'ArrayTable.Column') {
        const inner = byIndex(Object.entries(isObj(child.properties) ? child.properties : {})).filter(([, s]) => !ARRAY_TABLE_HELPERS.test(componentOf(s)))
        for (const [k, s] of inner) {
          const col = schemaNode(k, s)
          const props = isObj(child['x-component-props']) ? child['x-component-props'] : {}
          if (typeof props.width === 'number') col.schema['x-designer-column-width'] = props.width
          node.children.push(col)
        }
      } else if (!ARRAY_TABLE_HELPERS.test(comp) && !ARRAY_CARDS_HELPERS.test(comp)) node.children.push(schemaNode(key, child))
    }
    // array-level helpers (the "add a row" button) are regenerated on export
    if (isObj(properties)) {
      const others = Object.entries(properties).filter(([, s]) => isObj(s) && !/\.Addition$/.test(componentOf(s as Schema)))
      if (others.length) node.schema['x-designer-array-properties'] = Object.fromEntries(others)
    }
    return node
  }
  if (isObj(properties)) for (const [key, child] of byIndex(Object.entries(properties))) node.children.push(schemaNode(key, child))
  return node
}

/** The designer tree of a form schema; the root node stands for the form itself. */
export function schemaToTree(form: unknown): DesignNode {
  const schema = isObj(form) ? form : { type: 'object', properties: {} }
  const root = schemaNode('', schema)
  root.id = 'root'
  return root
}

function stripDesignerKeys(s: Schema): Schema {
  const out: Schema = {}
  for (const [k, v] of Object.entries(s)) if (!k.startsWith('x-designer-') && k !== 'x-index') out[k] = v
  return out
}

function childrenToProperties(children: readonly DesignNode[]): Schema {
  const out: Schema = {}
  for (const c of children) out[c.name] = nodeToSchema(c)
  return out
}

function arrayTableItems(node: DesignNode): Schema {
  const props: Schema = {}
  for (const c of node.children) {
    const width = typeof c.schema['x-designer-column-width'] === 'number' ? c.schema['x-designer-column-width'] : undefined
    props[`column_${c.name}`] = {
      type: 'void',
      'x-component': 'ArrayTable.Column',
      'x-component-props': { title: typeof c.schema.title === 'string' ? c.schema.title : c.name, ...(width ? { width } : {}) },
      properties: { [c.name]: { ...nodeToSchema(c), 'x-decorator': 'FormItem' } },
    }
  }
  props.column_operations = {
    type: 'void',
    'x-component': 'ArrayTable.Column',
    'x-component-props': { title: '操作', width: 80, fixed: 'right' },
    properties: { remove: { type: 'void', 'x-component': 'ArrayTable.Remove' } },
  }
  return props
}

export function nodeToSchema(node: DesignNode): Schema {
  const schema = stripDesignerKeys(node.schema)
  if (isArrayNode(node.schema)) {
    const itemExtra = isObj(node.schema['x-designer-items']) ? node.schema['x-designer-items'] : {}
    const table = isArrayTable(node.schema)
    const rowProps = table ? arrayTableItems(node) : { ...childrenToProperties(node.children), remove: { type: 'void', 'x-component': 'ArrayCards.Remove' } }
    schema.items = { type: 'object', ...itemExtra, properties: rowProps }
    const kept = isObj(node.schema['x-designer-array-properties']) ? node.schema['x-designer-array-properties'] : {}
    schema.properties = { ...kept, add: { type: 'void', title: table ? '添加一行' : '添加一项', 'x-component': table ? 'ArrayTable.Addition' : 'ArrayCards.Addition' } }
    return schema
  }
  if (node.children.length || isContainer(node.schema) || node.id === 'root') schema.properties = childrenToProperties(node.children)
  return schema
}

/** The Formily JSON Schema of the whole tree. */
export function treeToSchema(root: DesignNode): Schema {
  const schema = nodeToSchema(root)
  return { type: 'object', ...schema, properties: schema.properties ?? {} }
}

export function walkTree(node: DesignNode, visit: (n: DesignNode, parent: DesignNode | null) => void, parent: DesignNode | null = null): void {
  visit(node, parent)
  for (const c of node.children) walkTree(c, visit, node)
}

/** Data paths of the tree's fields, as Formily and collectFormFields name them. */
export function fieldPaths(root: DesignNode): { path: string; node: DesignNode }[] {
  const out: { path: string; node: DesignNode }[] = []
  const visit = (n: DesignNode, prefix: string) => {
    for (const c of n.children) {
      if (isVoid(c.schema)) visit(c, prefix)
      else {
        const path = prefix + c.name
        out.push({ path, node: c })
        if (c.schema.type === 'object') visit(c, `${path}.`)
        if (isArrayNode(c.schema)) visit(c, `${path}.*.`)
      }
    }
  }
  visit(root, '')
  return out
}
