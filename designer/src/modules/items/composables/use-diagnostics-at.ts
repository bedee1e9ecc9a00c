import type { Diagnostic } from '@sunlight/definition'
import { useI18n } from 'vue-i18n'
import { useDraftStore } from '../../../stores/draft'

/** The first diagnostic at (or under) a JSON pointer, as text in the user's language; '' if none. */
export function useDiagnosticsAt() {
  const draft = useDraftStore()
  const { locale } = useI18n()
  const text = (d: Diagnostic) => (locale.value === 'en-US' ? d.message : d.messageZh)
  return (pointer: string, exact = false): string => {
    const d = draft.diagnostics.find((x) => x.path === pointer || (!exact && x.path.startsWith(pointer + '/')))
    return d ? text(d) : ''
  }
}
