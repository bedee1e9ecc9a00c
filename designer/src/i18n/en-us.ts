import type { Messages } from './zh-cn'
import { app } from './en-us/app'
import { editor } from './en-us/editor'
import { form } from './en-us/form'
import { flow } from './en-us/flow'
import { tabs } from './en-us/tabs'
import { review } from './en-us/review'

export const enUS: Messages = { ...app, ...editor, ...form, ...flow, ...tabs, ...review }
