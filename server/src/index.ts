export { createApp, routeTable, API_VERSION } from './app'
export { boot, loadTemplates, type BootOptions } from './bootstrap'
export { AppError, errorBody, type ErrorCode } from './errors'
export type { Deps, ServerConfig } from './deps'
