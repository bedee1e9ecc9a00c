import { ApiError } from '@sunlight/api-client'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('../../api/hall', () => ({
  trackCase: vi.fn(async () => ({ caseNo: 'SL20260302000001', item: { key: 'k', name: 'n', department: 'd' }, status: 'concluded', submittedAt: 1, currentSteps: [], pendingSupplement: null, timeline: [], historyIntact: true })),
  fetchApplicantDocuments: vi.fn(async () => {
    throw new ApiError(404, 'NOT_FOUND', 'no route for POST /api/hall/documents')
  }),
  fetchRating: vi.fn(async () => ({ caseNo: 'SL20260302000001', rating: null, followUp: null })),
  rateCase: vi.fn(async () => ({ stars: 5, bad: false, followUp: null })),
  supplementCase: vi.fn(async () => ({ caseNo: 'SL20260302000001', status: 'submitted' })),
  submitApplication: vi.fn(),
}))
vi.mock('../../api/cases', () => ({
  fetchCases: vi.fn(async () => ({ total: 0, page: 1, pageSize: 20, items: [] })),
  fetchCase: vi.fn(async (id: string) => ({ case: { id, version: 3, itemKey: 'k' }, state: {}, actions: [] })),
  fetchCaseFiles: vi.fn(async () => []),
  runCommand: vi.fn(async () => ({ caseId: 'c1', version: 4, status: 'handling', tasks: [] })),
  submitAtWindow: vi.fn(),
  setWatched: vi.fn(async (caseId: string, watched: boolean) => ({ caseId, watched })),
}))
vi.mock('../../api/documents', () => ({ fetchCaseDocuments: vi.fn(async () => ({ documents: [], templates: [] })), issueDocument: vi.fn() }))
vi.mock('../../api/auth', () => ({
  fetchMe: vi.fn(async () => undefined),
  login: vi.fn(async (username: string) => ({ id: username, username, name: '张窗口', departmentId: 'sc-mzw', roles: ['staff'], posts: ['window'], mustChangePassword: false })),
  logout: vi.fn(async () => undefined),
}))

const hall = await import('../../api/hall')
const casesApi = await import('../../api/cases')
const { useTrackingStore } = await import('../tracking')
const { useCasesStore } = await import('../cases')
const { useSessionStore } = await import('../session')

describe('stores', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
  })

  it('tracking: looks a case up, notes the documents API is missing, loads the rating of a concluded case', async () => {
    const t = useTrackingStore()
    await t.track({ caseNo: 'SL20260302000001', queryCode: '123456' })
    expect(t.view?.status).toBe('concluded')
    expect(t.documentsAvailable).toBe(false)
    expect(t.ratingAvailable).toBe(true)
    await t.rate(5, '  好  ', 'pc')
    expect(hall.rateCase).toHaveBeenCalledWith({ caseNo: 'SL20260302000001', queryCode: '123456', stars: 5, channel: 'pc', comment: '好' })
  })

  it('cases: follows and unfollows the open case, showing what the server answered', async () => {
    const c = useCasesStore()
    await c.open('c1')
    await c.toggleWatch()
    expect(casesApi.setWatched).toHaveBeenLastCalledWith('c1', true)
    expect(c.current?.watched).toBe(true)
    await c.toggleWatch()
    expect(casesApi.setWatched).toHaveBeenLastCalledWith('c1', false)
    expect(c.current?.watched).toBe(false)
  })

  it('cases: runs a command at the version seen and retries a click with the same idempotency key', async () => {
    const c = useCasesStore()
    await c.open('c1')
    vi.mocked(casesApi.runCommand).mockRejectedValueOnce(new ApiError(0, 'NETWORK', 'offline'))
    await expect(c.run({ type: 'accept' })).rejects.toThrow('offline')
    await c.run({ type: 'accept' })
    const [first, second] = vi.mocked(casesApi.runCommand).mock.calls
    expect(first![1]).toBe(3)
    expect(first![3]).toBe(second![3])
    await c.run({ type: 'refuse', reason: '不符合条件' })
    expect(vi.mocked(casesApi.runCommand).mock.calls[2]![3]).not.toBe(first![3])
  })

  it('session: signs in and knows a staff member', async () => {
    const s = useSessionStore()
    expect(await s.restore()).toBeUndefined()
    expect(s.canWork).toBe(false)
    await s.signIn('window', 'pw')
    expect(s.isStaff).toBe(true)
    await s.signOut()
    expect(s.user).toBeUndefined()
  })
})
