import { describe, expect, it } from 'vitest'
import { acceptsUpload, createSlots, materialSubmissions, missingMandatory, requestedMaterials, uploading, type Slots } from '../materials'
import { materials } from './fixtures'

const done = (name: string, sha256?: string) => ({ key: name, name, status: 'done' as const, progress: 100, ...(sha256 ? { sha256 } : {}) })

describe('lib/materials', () => {
  it('should give every material an empty slot', () => {
    expect(Object.keys(createSlots(materials))).toEqual(['application', 'funding', 'lower-opinions', 'neighbours'])
  })

  it('should count a material as provided when a file finished uploading or its paper is handed in', () => {
    const slots: Slots = createSlots(materials)
    slots.application!.files.push(done('申请书.pdf', 'a'.repeat(64)))
    slots.funding!.files.push({ key: 'x', name: 'x.pdf', status: 'error', progress: 10, error: '415' })
    slots['lower-opinions']!.paper = true
    const subs = materialSubmissions(materials, slots)
    expect(subs.application).toEqual({ provided: true, files: [{ name: '申请书.pdf', sha256: 'a'.repeat(64) }] })
    expect(subs.funding).toEqual({ provided: false })
    expect(subs['lower-opinions']).toEqual({ provided: true })
    expect(missingMandatory(materials, subs).map((m) => m.id)).toEqual(['funding'])
  })

  it('should record originals checked only at the window and only for provided materials', () => {
    const slots: Slots = createSlots(materials)
    slots.application!.paper = true
    slots.application!.originalChecked = true
    slots.funding!.originalChecked = true
    expect(materialSubmissions(materials, slots).application).toEqual({ provided: true })
    const atWindow = materialSubmissions(materials, slots, { window: true })
    expect(atWindow.application).toEqual({ provided: true, originalChecked: true })
    expect(atWindow.funding).toEqual({ provided: false })
  })

  it('should know when uploads are still running', () => {
    const slots: Slots = createSlots(materials)
    expect(uploading(slots)).toBe(false)
    slots.neighbours!.files.push({ key: 'u', name: 'u.png', status: 'uploading', progress: 40 })
    expect(uploading(slots)).toBe(true)
  })

  it('should not offer uploads for paper-only materials', () => {
    expect(acceptsUpload({ form: 'paper' })).toBe(false)
    expect(acceptsUpload({ form: 'both' })).toBe(true)
  })

  it('should keep only the materials a 补正 notice names, in the item order', () => {
    expect(requestedMaterials(materials, ['neighbours', undefined, 'application', 'unknown']).map((m) => m.id)).toEqual(['application', 'neighbours'])
  })
})
