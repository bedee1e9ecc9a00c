import { useI18n } from 'vue-i18n'
import { enUSSupervision } from './en-US'
import { zhCNSupervision } from './zh-CN'

export const supervisionMessages = { 'zh-CN': zhCNSupervision, 'en-US': enUSSupervision }

/**
 * The supervision texts join the app's messages when a supervision screen (or the workbench's bell
 * and card panels) first loads, so the hall's bundle never carries them.
 */
export function useSupervisionI18n() {
  const composer = useI18n({ useScope: 'global' })
  for (const [locale, m] of Object.entries(supervisionMessages)) if (!composer.te('sv.title', locale)) composer.mergeLocaleMessage(locale, m)
  return composer
}
