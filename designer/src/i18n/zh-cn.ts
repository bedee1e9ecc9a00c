import { app } from './zh-cn/app'
import { editor } from './zh-cn/editor'
import { form } from './zh-cn/form'
import { flow } from './zh-cn/flow'
import { tabs } from './zh-cn/tabs'
import { review } from './zh-cn/review'

export const zhCN = { ...app, ...editor, ...form, ...flow, ...tabs, ...review }
export type Messages = typeof zhCN
