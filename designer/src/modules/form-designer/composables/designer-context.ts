import { inject, provide, type ComputedRef, type InjectionKey } from 'vue'
import type { FormDesigner } from './use-form-designer'
import type { useDragDrop } from './use-drag-drop'

export interface DesignerContext {
  designer: FormDesigner
  dnd: ReturnType<typeof useDragDrop>
  /** Diagnostic text per node id (for the red outline and its tooltip). */
  errors: ComputedRef<Map<string, string>>
  readonly: ComputedRef<boolean>
}

const KEY: InjectionKey<DesignerContext> = Symbol('form-designer')

export function provideDesigner(ctx: DesignerContext): void {
  provide(KEY, ctx)
}

export function useDesigner(): DesignerContext {
  const ctx = inject(KEY)
  if (!ctx) throw new Error('useDesigner() outside a form designer: wrap the component in <form-designer>')
  return ctx
}
