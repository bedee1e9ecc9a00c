import { describe, expect, it } from 'vitest'
import { materials } from '../../lib/__tests__/fixtures'
import { useMaterialSlots, type Uploader } from '../use-material-slots'

const file = (name: string) => new File(['%PDF-1.4'], name, { type: 'application/pdf' })

function controlledUploader() {
  const calls: { progress: (p: number) => void; resolve: (v: Awaited<ReturnType<Uploader>>) => void; reject: (e: unknown) => void }[] = []
  const uploader: Uploader = (_f, progress) => new Promise((resolve, reject) => calls.push({ progress, resolve, reject }))
  return { uploader, calls }
}

describe('composables/use-material-slots', () => {
  it('should show progress while uploading and keep the hash when done', async () => {
    const { uploader, calls } = controlledUploader()
    const s = useMaterialSlots(() => 'failed', uploader)
    s.reset(materials)
    const done = s.add('application', file('a.pdf'))
    expect(s.busy.value).toBe(true)
    calls[0]!.progress(40)
    expect(s.slots.application!.files[0]).toMatchObject({ status: 'uploading', progress: 40 })
    calls[0]!.resolve({ fileId: 'f1', sha256: 'a'.repeat(64), size: 8, mime: 'application/pdf', name: 'a.pdf', downloadToken: 't' })
    await done
    expect(s.busy.value).toBe(false)
    expect(s.slots.application!.files[0]).toMatchObject({ status: 'done', progress: 100, fileId: 'f1' })
    expect(s.submissions(materials).application).toEqual({ provided: true, files: [{ name: 'a.pdf', sha256: 'a'.repeat(64) }] })
  })

  it('should keep a failed upload listed with its error until removed', async () => {
    const { uploader, calls } = controlledUploader()
    const s = useMaterialSlots((e) => `失败：${String(e)}`, uploader)
    s.reset(materials)
    const p = s.add('funding', file('b.png'))
    calls[0]!.reject('415')
    await p
    expect(s.slots.funding!.files[0]).toMatchObject({ status: 'error', error: '失败：415' })
    expect(s.submissions(materials).funding).toEqual({ provided: false })
    s.remove('funding', s.slots.funding!.files[0]!.key)
    expect(s.slots.funding!.files).toHaveLength(0)
  })

  it('should restore files and paper choices from a draft and give them back for the next draft', () => {
    const s = useMaterialSlots(() => '')
    s.reset(materials, { application: [{ name: 'a.pdf', sha256: 'b'.repeat(64), fileId: 'f', size: 3 }], unknown: [{ name: 'x' }] }, ['lower-opinions'])
    expect(s.slots.application!.files[0]).toMatchObject({ status: 'done', name: 'a.pdf' })
    expect(s.savedFiles()).toEqual({ application: [{ name: 'a.pdf', sha256: 'b'.repeat(64), fileId: 'f', size: 3 }] })
    expect(s.paperChoices()).toEqual(['lower-opinions'])
    s.reset(materials)
    expect(s.savedFiles()).toEqual({})
  })
})
