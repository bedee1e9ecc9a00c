import { ApiError } from '@sunlight/api-client'
import { describe, expect, it } from 'vitest'
import { errorMessage, formFieldErrors, isMissingRoute } from '../api-error'

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key)

describe('lib/api-error', () => {
  it('should say a stale version was handled by someone else', () => {
    expect(errorMessage(new ApiError(409, 'CONFLICT', 'the case was changed', { currentVersion: 3, expectedVersion: 2 }), t)).toBe('errors.stale')
  })

  it('should show the engine refusal in Chinese, and the English message in English', () => {
    const e = new ApiError(422, 'UNPROCESSABLE', 'mandatory materials are missing', { refusal: 'materials.incomplete', messageZh: '缺少必须提交的材料：审核意见' })
    expect(errorMessage(e, t)).toBe('缺少必须提交的材料：审核意见')
    expect(errorMessage(e, t, 'en-US')).toBe('mandatory materials are missing')
  })

  it('should list validation issues by field', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'bad', { issues: [{ path: '/body/form/orgCreditCode', message: 'not a creditCode', messageZh: '“统一社会信用代码”不是有效的统一社会信用代码' }, { path: '/body/phone', message: 'too long' }] })
    expect(errorMessage(e, t)).toBe('“统一社会信用代码”不是有效的统一社会信用代码；phone too long')
    expect(formFieldErrors(e)).toEqual({ orgCreditCode: '“统一社会信用代码”不是有效的统一社会信用代码' })
    expect(formFieldErrors(new Error('x'))).toEqual({})
  })

  it('should map transport failures to plain words', () => {
    expect(errorMessage(new ApiError(0, 'NETWORK', 'network error'), t)).toBe('errors.network')
    expect(errorMessage(new ApiError(429, 'TOO_MANY_REQUESTS', 'wait'), t)).toBe('errors.tooMany')
    expect(errorMessage(new ApiError(404, 'NOT_FOUND', 'no case'), t)).toBe('errors.notFound')
    expect(errorMessage(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'zip'), t)).toBe('errors.fileType')
    expect(errorMessage(new Error('boom'), t)).toBe('errors.unexpected:{"message":"boom"}')
  })

  it('should tell a missing API route from a missing record', () => {
    expect(isMissingRoute(new ApiError(404, 'NOT_FOUND', 'no route for POST /api/hall/documents', { method: 'POST' }))).toBe(true)
    expect(isMissingRoute(new ApiError(404, 'NOT_FOUND', 'no case with this number and query password'))).toBe(false)
    expect(isMissingRoute(new Error('no route for x'))).toBe(false)
  })
})
