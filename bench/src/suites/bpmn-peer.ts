import { EventEmitter } from 'node:events'
import { Engine } from 'bpmn-engine'

/** What a finished bpmn-engine case reports back to the harness. */
export interface PeerCase {
  /** Ids of the user tasks signalled, in order. */
  signalled: string[]
  /** The engine, kept so the caller may ask for its state after the end. */
  engine: Engine
}

interface WaitApi {
  id: string
  type: string
  signal: (message?: unknown) => void
}

/**
 * Parses the BPMN source once and returns the serialized moddle context, so each case builds its
 * engine from the parsed context (`new Engine({ sourceContext })`) instead of re-parsing the XML.
 * Ours likewise parses its definition once. The context is read from a loaded definition's
 * environment options, where bpmn-engine keeps it (it is what `getState()` serializes as `source`).
 */
export async function prepareSource(xml: string): Promise<unknown> {
  const probe = new Engine({ name: 'probe', source: xml })
  const [definition] = (await probe.getDefinitions()) as unknown as { environment: { options: { source?: unknown } } }[]
  const context = definition?.environment.options.source
  if (context === undefined) throw new Error('bpmn-engine: could not obtain the serialized source context')
  return context
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs one case start → end on bpmn-engine: execute with a listener that queues every `wait`
 * (the user tasks), then signal the queued tasks in arrival order until the engine's end callback
 * fires. Throws if the run errors, stalls, or waits on anything but a user task.
 */
export async function runPeerCase(sourceContext: unknown, name: string, variables: Record<string, unknown>): Promise<PeerCase> {
  const engine = new Engine({ name, sourceContext: sourceContext as never })
  const listener = new EventEmitter()
  const waiting: WaitApi[] = []
  listener.on('wait', (api: WaitApi) => waiting.push(api))
  let ended = false
  let failure: unknown
  const done = new Promise<void>((resolve) => {
    void engine.execute({ listener, variables }, (err) => {
      ended = true
      if (err) failure = err
      resolve()
    })
  })
  const signalled: string[] = []
  for (let idle = 0; !ended; ) {
    const api = waiting.shift()
    if (api) {
      if (api.type !== 'bpmn:UserTask') throw new Error(`bpmn-engine: unexpected wait on ${api.type} <${api.id}>`)
      signalled.push(api.id)
      api.signal()
      idle = 0
      continue
    }
    if (++idle > 1000) throw new Error(`bpmn-engine: case ${name} stalled after ${signalled.join(', ')}`)
    await nextTick()
  }
  await done
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure))
  return { signalled, engine }
}

/** Serialized state of a finished run, with a check that its definition really completed. */
export async function finishedState(engine: Engine): Promise<{ json: string; withoutSource: string; version: string }> {
  const state = (await engine.getState()) as unknown as {
    engineVersion: string
    definitions: ({ source?: unknown; execution?: { completed?: boolean; status?: string } } & Record<string, unknown>)[]
  }
  const def = state.definitions[0]
  if (!def?.execution?.completed) throw new Error(`bpmn-engine: state is not completed (status ${def?.execution?.status ?? '?'})`)
  const withoutSource = { ...state, definitions: state.definitions.map(({ source: _source, ...rest }) => rest) }
  return { json: JSON.stringify(state), withoutSource: JSON.stringify(withoutSource), version: state.engineVersion }
}
