import type { review as zh } from '../zh-cn/review'

export const review: typeof zh = {
  review: {
    parts: { basicInfo: 'Basic information', publicFlow: 'Public flowchart', internalFlow: 'Internal flowchart', discretion: 'Discretion' },
    partHelp: {
      basicInfo: 'Item facts, materials, the application form, limits and documents: confirmed by the legal office.',
      publicFlow: 'The procedure shown to the public (internal steps faded): confirmed by the legal office.',
      internalFlow: 'Internal steps, branch conditions, monitoring and risk points: filed.',
      discretion: 'Penalty discretion standards: filed.',
    },
    queueTitle: 'Items waiting for review', queueHelp: 'Confirm basic information and the public flowchart; file the internal flowchart and discretion', queueEmpty: 'Nothing to review', refresh: 'Refresh',
    changes: 'Changes', submittedAt: 'Submitted', review: 'Review', backToQueue: 'Back to the queue', base: 'Compared with', newItem: 'A new item: no earlier version',
    ownSubmission: 'You drafted or submitted this version; separation of duties forbids you to review it.',
    confirm: 'Confirm', reject: 'Reject', reasonPlaceholder: 'Why it is sent back: the designer fixes it from this', notePlaceholder: 'Filing note (optional)',
    reasonRequired: 'Rejecting “{part}” needs a reason',
    willReject: '{n} part(s) rejected: the whole version goes back to the designer', willPublish: 'All confirmed: published, effective today', willSchedule: 'All confirmed: published, in force from {date}; cases started before keep the current version', effectiveDate: 'Effective date', effectiveOn: 'Effective from {date}',
    submitReject: 'Send back', submitConfirm: 'Confirm and publish',
    done: { published: 'Confirmed: the item is published', rejected: 'Sent back to the designer', cancelled: 'Cancellation confirmed', delegated: 'Delegation confirmed' },
    field: 'Changed', before: 'Before', after: 'After', noChanges: 'No change in this part', layoutMoves: 'plus {n} layout moves of the flowchart (no effect on handling)',
    ops: { added: 'Added', removed: 'Removed', changed: 'Changed' }, internalFaded: 'Faded: internal steps (not public)',
  },
  history: {
    backToEditor: 'Back to the editor', version: 'Version', review: 'Review', effective: 'Effective', compare: 'Compare versions', nothing: '(nothing)', changes: '{n} changes',
  },
}
