import { defaultDictionaries, dictionaryLabel, type Dictionaries } from '@sunlight/definition'

export type DictionaryName = keyof Dictionaries

/** The label of a code in a dictionary (categories, posts, results…) in the UI language; the code if unknown. */
export function codeLabel(dict: DictionaryName, code: string, locale: string): string {
  return dictionaryLabel(defaultDictionaries[dict], code, locale.startsWith('zh') ? 'zh' : 'en') ?? code
}

/** All entries of a dictionary as options. */
export function codeOptions(dict: DictionaryName, locale: string): { value: string; label: string }[] {
  return defaultDictionaries[dict].map((e) => ({ value: e.code, label: locale.startsWith('zh') ? e.zh : e.en }))
}
