export { http } from './http'
export { login, logout, fetchSession } from './auth'
export {
  listItems,
  getItem,
  getVersion,
  createItem,
  openDraft,
  saveDraft,
  discardDraft,
  submitItem,
  itemDiff,
  listCatalog,
  listDepartments,
  previewDocumentPdf,
  type ItemQuery,
} from './items'
export { reviewQueue, reviewVersion } from './review'
export { validateOnServer } from './tools'
export { uploadFile, fileLink, type UploadAnswer } from './uploads'
export type * from './types'
