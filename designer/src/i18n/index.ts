import type { Dictionaries } from '@sunlight/definition'
import { shallowRef } from 'vue'
import { createI18n } from 'vue-i18n'
import { enUS } from './en-us'
import { zhCN, type Messages } from './zh-cn'

export type Locale = 'zh-CN' | 'en-US'
const STORAGE_KEY = 'sunlight.designer.locale'

function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

/** zh-CN is the default; en-US is complete (the type checker refuses a missing key). */
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  datetimeFormats: {
    'zh-CN': {
      short: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
      long: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      date: { year: 'numeric', month: '2-digit', day: '2-digit' },
    },
    'en-US': {
      short: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
      long: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      date: { year: 'numeric', month: '2-digit', day: '2-digit' },
    },
  },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    /* private mode: the choice lasts for this page */
  }
  document.documentElement.lang = locale
}

export type DictionaryName = keyof Dictionaries

/**
 * The national code lists of @sunlight/definition, loaded after the first paint through the
 * package's `./dictionaries` entry (plain data: the validator and zod stay out of the catalog page).
 */
const dictionaries = shallowRef<Dictionaries | null>(null)
let loading: Promise<Dictionaries> | null = null

export function loadDictionaries(): Promise<Dictionaries> {
  loading ??= import('@sunlight/definition/dictionaries').then((m) => (dictionaries.value = m.defaultDictionaries))
  return loading
}

/** A code's label in the current locale ("01" → "行政许可"); the code itself when unknown or not loaded yet. */
export function dictLabel(name: DictionaryName, code: string | undefined): string {
  if (code === undefined) return ''
  const entry = dictionaries.value?.[name].find((e) => e.code === code)
  if (!entry) {
    void loadDictionaries()
    return code
  }
  return i18n.global.locale.value === 'en-US' ? entry.en : entry.zh
}

/** Options for a select over a dictionary, labelled in the current locale. */
export function dictOptions(name: DictionaryName): { value: string; label: string }[] {
  if (!dictionaries.value) {
    void loadDictionaries()
    return []
  }
  const en = i18n.global.locale.value === 'en-US'
  return dictionaries.value[name].map((e) => ({ value: e.code, label: en ? e.en : e.zh }))
}

export { zhCN, enUS, type Messages }
