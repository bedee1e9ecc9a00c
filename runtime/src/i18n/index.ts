import { createI18n } from 'vue-i18n'
import { zhCN } from './zh-CN'
import { zhCNWorkbench } from './zh-CN-workbench'

export type Locale = 'zh-CN' | 'en-US'
const zhMessages = { ...zhCN, ...zhCNWorkbench }
const STORAGE_KEY = 'sunlight:locale'

/** The visitor's remembered language, Chinese by default. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en-US' || saved === 'zh-CN') return saved
  } catch {
    // storage denied: default
  }
  return 'zh-CN'
}

/** A locale's messages. English is fetched when someone picks it: the hall's first load carries Chinese only. */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  if (locale === 'zh-CN') return zhMessages
  const [{ enUS }, { enUSWorkbench }] = await Promise.all([import('./en-US'), import('./en-US-workbench')])
  return { ...enUS, ...enUSWorkbench }
}

/** vue-i18n in composition mode with the Chinese messages; `applyLocale` switches (and loads) others. */
export function createAppI18n(locale: 'zh-CN' = 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhMessages } as never })
}

/** What applyLocale needs of vue-i18n's global composer. */
export interface LocaleTarget {
  locale: { value: string }
  availableLocales: string[]
  setLocaleMessage(locale: string, messages: never): void
}

/** Switches the UI language (loading its messages first) and the page's `lang` (screen readers pronounce by it); remembered. */
export async function applyLocale(i18n: LocaleTarget, locale: Locale): Promise<void> {
  if (!i18n.availableLocales.includes(locale)) i18n.setLocaleMessage(locale, (await loadMessages(locale)) as never)
  i18n.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // storage denied: not remembered
  }
}
