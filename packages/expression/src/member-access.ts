import { ExpressionEvaluationError } from './expression-error'
import { isForbiddenName } from './limits'

/*
 * Read rules (the only way an expression touches data):
 * - forbidden names (`__proto__`, `constructor`, ...) are refused everywhere;
 * - identifiers resolve from OWN properties of the scope object;
 * - plain objects (prototype Object.prototype or null) and arrays expose OWN properties only;
 * - strings expose `length` and character indexes; other primitives expose nothing;
 * - other objects (class instances such as Formily Field/Form) expose own properties and
 *   properties found on their prototype chain (below Object.prototype), getters included,
 *   unless the property holds a function;
 * - a value that is a function is never handed out: reading one is an `expr.forbidden` error,
 *   so methods can be neither called nor passed on;
 * - reading a member of null/undefined yields undefined.
 */

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key)
const MAX_PROTOTYPE_HOPS = 32

function forbiddenName(name: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.forbidden', `Access to '${name}' is forbidden`, `禁止访问“${name}”`)
}

function functionRefused(name: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError(
    'expr.forbidden',
    `'${name}' is a function; functions cannot be read or called in expressions`,
    `“${name}”是函数，表达式中不能读取或调用函数`,
  )
}

function exposed(value: unknown, name: string): unknown {
  if (typeof value === 'function') throw functionRefused(name)
  return value
}

/** Arrays and objects whose prototype is Object.prototype or null. */
export function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Descriptor of `key` on `target` or its prototype chain, stopping before Object.prototype. */
function findDescriptor(target: object, key: string): PropertyDescriptor | undefined {
  let current: object | null = target
  for (let hops = 0; current !== null && current !== Object.prototype && hops < MAX_PROTOTYPE_HOPS; hops += 1) {
    const descriptor = Object.getOwnPropertyDescriptor(current, key)
    if (descriptor) return descriptor
    current = Object.getPrototypeOf(current) as object | null
  }
  return undefined
}

function isIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,8})$/.test(key)
}

/** Value of `object[key]` under the read rules above. */
export function readMember(object: unknown, key: string): unknown {
  if (isForbiddenName(key)) throw forbiddenName(key)
  if (object === null || object === undefined) return undefined
  if (typeof object === 'string') {
    if (key === 'length') return object.length
    return isIndex(key) && Number(key) < object.length ? object.charAt(Number(key)) : undefined
  }
  if (typeof object !== 'object') return undefined
  if (isPlainContainer(object)) {
    // `in` first: reactive proxies (Formily) track the key even while it is absent.
    if (!(key in object) || !hasOwn(object, key)) return undefined
    return exposed((object as Record<string, unknown>)[key], key)
  }
  const descriptor = findDescriptor(object, key)
  if (descriptor === undefined) return undefined
  if ('value' in descriptor && typeof descriptor.value === 'function') throw functionRefused(key)
  return exposed(Reflect.get(object, key), key)
}

/** Value of a root identifier: an own property of the scope, else undefined. */
export function readIdentifier(scope: unknown, name: string): unknown {
  if (isForbiddenName(name)) throw forbiddenName(name)
  if (scope === null || typeof scope !== 'object') return undefined
  if (!hasOwn(scope, name)) return undefined
  return exposed((scope as Record<string, unknown>)[name], name)
}

/** `key in container`: membership for arrays, readable own key for objects. */
export function hasKey(container: unknown, key: unknown): boolean {
  if (container === null || container === undefined) return false
  if (Array.isArray(container)) return Array.prototype.includes.call(container, key)
  if (typeof container !== 'object') {
    throw new ExpressionEvaluationError('expr.type', "The right side of 'in' must be an array or an object", '“in”右侧必须是数组或对象')
  }
  if (typeof key !== 'string' && typeof key !== 'number') {
    throw new ExpressionEvaluationError('expr.type', "The left side of 'in' must be a string or a number", '“in”左侧必须是字符串或数字')
  }
  const name = String(key)
  if (isForbiddenName(name)) throw forbiddenName(name)
  if (isPlainContainer(container)) return name in container && hasOwn(container, name)
  const descriptor = findDescriptor(container, name)
  return descriptor !== undefined && !('value' in descriptor && typeof descriptor.value === 'function')
}
