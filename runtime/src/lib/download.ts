/** Saves a Blob the server made (a PDF) under a file name, through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  doc.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** "申请回执-SL20260302000001.pdf" */
export const receiptFileName = (caseNo: string) => `申请回执-${caseNo.replace(/[^A-Za-z0-9]/g, '')}.pdf`
