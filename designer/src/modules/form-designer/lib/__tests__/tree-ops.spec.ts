import { describe, expect, it } from 'vitest'
import { schemaToTree, treeToSchema, type DesignNode } from '../design-tree'
import { createHistory } from '../history'
import { createFromPalette, palette, paletteTypeOf } from '../palette'
import { allNames, canContain, duplicateNode, findNode, insertNode, moveNode, removeNode, reidentify, shiftNode } from '../tree-ops'

const tree = () =>
  schemaToTree({
    type: 'object',
    properties: {
      a: { type: 'string', 'x-component': 'Input' },
      grid: { type: 'void', 'x-component': 'FormGrid', properties: { b: { type: 'string', 'x-component': 'Input' } } },
      c: { type: 'string', 'x-component': 'Input' },
    },
  })
const names = (n: DesignNode) => n.children.map((c) => c.name)
const add = (root: DesignNode, type: string, parent = 'root', index = root.children.length) => {
  const node = reidentify(createFromPalette(type) as DesignNode, allNames(root))
  expect(insertNode(root, parent, index, node)).toBe(true)
  return node
}

describe('form-designer/tree-ops', () => {
  it('should insert palette fields with unique names', () => {
    const root = tree()
    add(root, 'text')
    add(root, 'text')
    expect(names(root)).toEqual(['a', 'grid', 'c', 'text', 'text2'])
  })
  it('should move into a layout and back, counting the index before the move', () => {
    const root = tree()
    const grid = root.children[1] as DesignNode
    expect(moveNode(root, root.children[0]!.id, grid.id, 1)).toBe(true)
    expect(names(grid)).toEqual(['b', 'a'])
    expect(moveNode(root, root.children[1]!.id, 'root', 0)).toBe(true)
    expect(names(root)).toEqual(['c', 'grid'])
  })
  it('should refuse to move a layout into itself', () => {
    const root = tree()
    const grid = root.children[1] as DesignNode
    expect(moveNode(root, grid.id, grid.id, 0)).toBe(false)
  })
  it('should keep panes inside tabs and fields out of tab bars', () => {
    const root = tree()
    const tabs = add(root, 'tabs')
    const field = createFromPalette('text') as DesignNode
    expect(canContain(tabs, field)).toBe(false)
    expect(canContain(tabs.children[0] as DesignNode, field)).toBe(true)
    expect(canContain(root, tabs.children[0] as DesignNode)).toBe(false)
    expect(removeNode(root, tabs.children[0]!.id)).toBeDefined()
    expect(removeNode(root, tabs.children[0]!.id)).toBeUndefined()
  })
  it('should accept only plain fields in a sub-table', () => {
    const root = tree()
    const table = add(root, 'arrayTable')
    expect(canContain(table, createFromPalette('number') as DesignNode)).toBe(true)
    expect(canContain(table, createFromPalette('grid') as DesignNode)).toBe(false)
  })
  it('should duplicate after the original, shift and remove', () => {
    const root = tree()
    const copy = duplicateNode(root, root.children[1]!.id)
    expect(names(root)).toEqual(['a', 'grid', 'grid2', 'c'])
    expect(names(copy as DesignNode)).toEqual(['b2'])
    expect(shiftNode(root, root.children[0]!.id, 1)).toBe(true)
    expect(names(root)).toEqual(['grid', 'a', 'grid2', 'c'])
    removeNode(root, root.children[0]!.id)
    expect(findNode(root, 'root')).toBe(root)
    expect(names(root)).toEqual(['a', 'grid2', 'c'])
  })
})

describe('form-designer/palette', () => {
  it('should offer at least 25 field types with valid schemas', () => {
    expect(palette.length).toBeGreaterThanOrEqual(25)
    const root = schemaToTree({ type: 'object', properties: {} })
    for (const entry of palette) add(root, entry.type)
    const schema = treeToSchema(root) as { properties: Record<string, Record<string, unknown>> }
    expect(Object.keys(schema.properties)).toHaveLength(palette.length)
    for (const entry of palette.filter((p) => !['idPair', 'applicant', 'address'].includes(p.type))) {
      const node = root.children.find((c) => c.name.startsWith(entry.name)) as DesignNode
      expect(paletteTypeOf(node.schema), entry.type).toBe(entry.type)
    }
  })
})

describe('form-designer/history', () => {
  it('should undo and redo snapshots and drop the redo branch on a new push', () => {
    const h = createHistory({ n: 0 })
    h.push({ n: 1 })
    h.push({ n: 2 })
    expect(h.undo()).toEqual({ n: 1 })
    expect(h.undo()).toEqual({ n: 0 })
    expect(h.undo()).toBeUndefined()
    expect(h.redo()).toEqual({ n: 1 })
    h.push({ n: 5 })
    expect(h.canRedo).toBe(false)
    expect(h.undo()).toEqual({ n: 1 })
  })
  it('should ignore a push equal to the current state and cap its size', () => {
    const h = createHistory(0, 3)
    for (let i = 1; i <= 10; i++) h.push(i)
    h.push(10)
    expect(h.size).toBe(4)
  })
})
