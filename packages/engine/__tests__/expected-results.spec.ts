import { readFileSync } from 'node:fs'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import { describe, expect, it } from 'vitest'
import { expectedResults } from '../src/index'

const load = (name: string): PowerItemDefinition => {
  const { definition } = parseDefinition(JSON.parse(readFileSync(new URL(`../../../templates/${name}.json`, import.meta.url), 'utf-8')))
  if (!definition) throw new Error(`${name} does not parse`)
  return definition
}
const food = load('food-business-unlicensed-penalty')
const route = (entered: string[], end?: { node: string; result: string }) => ({ left: [], entered, waiting: [], joined: [], decisions: [], ...(end ? { end } : {}) })

describe('engine/expectedResults: which results a case can still reach (what documents fit)', () => {
  it('gives the end the event reached', () => {
    expect(expectedResults(food, { node: 'investigate', route: route([], { node: 'end-not-penalised', result: 'notPenalised' }) }, {})).toEqual(['notPenalised'])
  })

  it('follows the gateway the current form decides: penalise → penalised only', () => {
    expect(expectedResults(food, { node: 'decide', route: route(['deliver']) }, { decision: 'penalise' })).toEqual(['penalised'])
    expect(expectedResults(food, { node: 'decide', route: route(['deliver']) }, { decision: 'noPenalty' })).toEqual(['notPenalised'])
  })

  it('forecasts with the form as it is: unfilled deciding fields take the default branches', () => {
    expect(expectedResults(food, { node: 'accept', route: route(['investigate']) }, {})).toEqual(['notPenalised'])
    const open = expectedResults(food, { node: 'accept', route: route(['investigate']) }, { investigationResult: 'violation', decision: 'penalise' })
    expect(open).toEqual(['penalised'])
  })

  it('walks from the event\'s step when the event carries no route', () => {
    expect(expectedResults(food, { node: 'deliver' }, { decision: 'penalise' })).toEqual(['penalised'])
    expect(expectedResults(food, {}, {})).toEqual([])
  })
})
