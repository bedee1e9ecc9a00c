import { enUS } from './en-US'
import { enUSWorkbench } from './en-US-workbench'
import { zhCN } from './zh-CN'
import { zhCNWorkbench } from './zh-CN-workbench'

/** Every locale's messages at once, for the tests that compare them (the app loads English on demand). */
export const messages = {
  'zh-CN': { ...zhCN, ...zhCNWorkbench },
  'en-US': { ...enUS, ...enUSWorkbench },
}
