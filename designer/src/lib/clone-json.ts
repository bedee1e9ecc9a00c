/**
 * A deep copy of JSON data. Unlike structuredClone it accepts Vue's reactive proxies (the editors
 * hold the definition reactive), and definitions are JSON by construction.
 */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}
