import { describe, expect, it } from 'vitest'
import { cardLocation, caseLocation, drillLocation, drillQuery, parseDrillQuery, serverCaseQuery } from '../drill'

describe('supervision/lib/drill', () => {
  it('should turn filters into a route query with only the set values', () => {
    expect(drillQuery({ figure: 'byLevel', level: 'yellow', onTime: false, status: '' })).toEqual({ figure: 'byLevel', level: 'yellow', onTime: '0' })
  })

  it('should read back what it wrote', () => {
    const f = { figure: 'trend', day: '2026-03-02', event: 'onTime' as const, departmentId: 'sc-mzw', itemKey: 'religious-venue-preparation' }
    expect(parseDrillQuery(drillQuery(f) as never)).toEqual(f)
  })

  it('should drop malformed values from a hand-edited URL', () => {
    expect(parseDrillQuery({ level: 'purple', day: '2026-3-2', departmentId: '<script>', satisfaction: '9', onTime: 'yes' })).toEqual({})
  })

  it('should take the first of repeated query values', () => {
    expect(parseDrillQuery({ status: ['handling', 'paused'] })).toEqual({ status: 'handling' })
  })

  it('should link the drilled list, a case and a card for each face', () => {
    expect(drillLocation({ cardLevel: 'red' })).toEqual({ path: '/supervision/cases', query: { cardLevel: 'red' } })
    expect(caseLocation('c 1')).toBe('/supervision/cases/c%201')
    expect(cardLocation('7', 'workbench')).toBe('/workbench/cards/7')
    expect(cardLocation('7', 'supervision')).toBe('/supervision/cards/7')
  })

  it('should ask the server for the day a trend point counts, by what happened that day', () => {
    expect(serverCaseQuery({ day: '2026-03-02', event: 'concluded', departmentId: 'sc-mzw' }, 'government')).toMatchObject({ scope: 'government', department: 'sc-mzw', concludedDay: '2026-03-02', createdDay: undefined })
    expect(serverCaseQuery({ onTime: false }, 'own').onTime).toBe('false')
    expect(serverCaseQuery({ day: '2026-03-02', event: 'onTime' }, 'government')).toMatchObject({ concludedDay: '2026-03-02', onTime: 'true' })
  })
})
