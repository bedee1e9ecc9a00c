/** Longest accepted source text, in UTF-16 code units. */
export const MAX_SOURCE_LENGTH = 4000
/** Largest accepted syntax tree. */
export const MAX_AST_NODES = 2000
/** Deepest accepted syntactic nesting (parentheses, brackets, unary operators, branches). */
export const MAX_NESTING_DEPTH = 64
/** Default number of node visits one evaluation may spend. */
export const DEFAULT_MAX_STEPS = 10000
/** Longest string the `+` operator may produce. */
export const MAX_STRING_LENGTH = 100000

const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

/** Property and identifier names that are never read, whatever the object. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name)
}
