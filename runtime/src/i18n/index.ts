import { createI18n } from 'vue-i18n'
import { enUS } from './en-US'
import { enUSWorkbench } from './en-US-workbench'
import { zhCN } from './zh-CN'
import { zhCNWorkbench } from './zh-CN-workbench'

export const messages = {
  'zh-CN': { ...zhCN, ...zhCNWorkbench },
  'en-US': { ...enUS, ...enUSWorkbench },
}

export type Locale = keyof typeof messages
const STORAGE_KEY = 'sunlight:locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en-US' || saved === 'zh-CN') return saved
  } catch {
    // storage denied: default
  }
  return 'zh-CN'
}

/** vue-i18n in composition mode; Chinese by default, English on request (remembered). */
export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: messages as never })
}

/** Switches the UI language and the page's `lang` (screen readers pronounce by it). */
export function applyLocale(i18n: { global: { locale: { value: string } } }, locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // storage denied: not remembered
  }
}
