/** English texts of the staff workbench. */
export const enUSWorkbench = {
  wb: {
    at: 'Time', noClocks: 'Concluded; the clocks have stopped', filterItemAll: 'All items',
    supplementPrefix: 'Please supply: {name}', 
    signIn: 'Staff sign-in', username: 'User name', password: 'Password', submitSignIn: 'Sign in', signOut: 'Sign out', signedInAs: '{name}', demo: 'Demo accounts: window, handler, checker, approver…, password Sunlight2026',
    todo: 'To do', done: 'Done', watched: 'Watched', watch: 'Watch', unwatch: 'Unwatch', all: 'All', window: 'Window intake', lists: 'Cases', caseNo: 'Case no.', applicant: 'Applicant', item: 'Item', status: 'Status', level: 'Time limit', posts: 'Posts', updatedAt: 'Updated',
    open: 'Handle', view: 'View', empty: 'No cases', filterStatus: 'Status', filterLevel: 'Time-limit status', filterItem: 'Item', searchPlaceholder: 'Case no. or applicant', any: 'All', total: '{n} cases',
    applicantData: 'Application', applicantBlock: 'Applicant', formData: 'Application form', materials: 'Materials', provided: 'Provided', notProvided: 'Missing', originalChecked: 'Original checked', download: 'Download', noFiles: 'No electronic file',
    timeline: 'Record', flowchart: 'Flowchart', flowReconstructed: 'The server gives no internal flow; drawn from the public flow and the record', clocks: 'Time limits', chainOk: 'Hash chain of the history verified ({n} events)', chainBroken: 'Hash chain of the history does NOT verify',
    operations: 'Handle', step: 'Current step: {name}', noActions: 'Nothing on this case waits for you', opinion: 'Opinion', approve: 'Agree', disagree: 'Disagree', reason: 'Reason', supplementItems: 'What to supplement', addItem: 'Add',
    material: 'Material', description: 'Description', otherCorrection: 'Form correction', to: 'Return to', toUserId: 'Transfer to', chooseColleague: 'Choose a colleague holding the post', noColleague: 'No other colleague of the department holds this post', colleaguesFailed: 'Could not read the colleagues: {message}', procedure: 'Special procedure', outcome: 'Outcome', value: 'Extension (days)', result: 'Result', caseNos: 'Case numbers to merge (one a line)',
    penalty: 'Penalty', grade: 'Discretion grade', amount: 'Fine (yuan)', band: 'Fine range of this grade: {band} yuan', outOfBand: 'Outside the range: give a reason; a supervision warning is raised', noDiscretion: 'The server gives no discretion standard for this item; the range cannot be shown',
    missing: 'Please fill in: {fields}', done_: 'Done', reload: 'Reload', editable: 'Fields this step may write are editable', documents: 'Documents', issue: 'Issue', reissue: 'Reissue', reissueReason: 'Why reissue', preview: 'Preview', pdf: 'PDF',
    issued: 'Issued {docNo}', notYet: 'Not yet', docNo: 'Doc no.', docsUnavailable: 'The documents API is not available yet', specialProcedures: 'Special procedures', countersign: 'Countersign', signatures: 'Signatures', windowTitle: 'Window intake',
    chooseItem: 'Choose the item', received: 'Received', paperReceived: 'Paper received', submitWindow: 'Register', windowDone: 'Registered as {caseNo}; accept it or request a supplement from the to-do list', printNotice: 'Print receipt', caseFile: 'Case file (page)', caseFilePdf: 'Case file PDF', notFitting: 'Does not fit the decision taken on this case',
    caseFileTitle: 'Case file', cover: 'Cover', opinions: 'Opinions of every step', materialsList: 'Materials', fieldPermissions: 'Field permissions', merged: 'Merged into {caseNo}', result_: { approved: 'Approved', denied: 'Denied' },
  },
} as const
