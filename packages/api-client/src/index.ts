export { ApiError, createHttp, type Http, type HttpOptions } from './http'
