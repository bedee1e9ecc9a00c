export { createApp, type AppDeps } from './app'
export { AppError, errorBody, type ErrorCode } from './errors'
export { loadDefinitionsFrom } from './services/catalog'
