/** English UI texts. Keys mirror zh-CN.ts exactly (checked by a test). */
export const enUS = {
  app: { name: 'Sunlight', hall: 'Online Government Service Hall', workbench: 'Power Operation Platform', skip: 'Skip to main content', language: '中文', slogan: 'Let power run in the sunlight' },
  nav: { home: 'Home', track: 'Track a case', consult: 'Ask', complain: 'Complain', transparency: 'Transparency', workbench: 'Workbench', menu: 'Main navigation' },
  common: { loading: 'Loading…', retry: 'Retry', back: 'Back', close: 'Close', confirm: 'OK', cancel: 'Cancel', none: 'None', yes: 'Yes', no: 'No', required: 'Required', optional: 'Optional', notAvailable: 'The service for this feature is not available yet', print: 'Print', search: 'Search', refresh: 'Refresh' },
  home: {
    searchLabel: 'Search services', searchPlaceholder: 'Item or department name', byCategory: 'By category', byDepartment: 'By department',
    popular: 'Frequently used', popularNote: 'Ordered by your visits (by case volume once the statistics API is available)', recent: 'Recently viewed', all: 'All items', results: '{n} items', empty: 'No matching items', clear: 'Clear filters', items: '{n} items',
  },
  item: {
    guide: 'Service guide', apply: 'Apply online', exOfficio: 'Opened by the authority on its own initiative; no application needed', consult: 'Ask a question', complain: 'Complain', basics: 'Basics', category: 'Category', department: 'Implementing body', handlingUnit: 'Handling unit', caseType: 'Case type',
    instant: 'Instant', promised: 'Promised', statutoryLimit: 'Statutory time limit', promisedLimit: 'Promised time limit', legalBasis: 'Legal basis', conditions: 'Conditions', materials: 'Required materials', materialName: 'Material',
    issuer: 'Issued by', originals: 'Originals', copies: 'Copies', mandatory: 'Mandatory', optionalMaterial: 'Optional', form: 'Form', formKind: { paper: 'Paper', electronic: 'Electronic', both: 'Paper or electronic' },
    blankForm: 'Blank form', sample: 'Sample', fileNotPublished: '(file not uploaded; ask at the window)', fees: 'Fees', noFees: 'Free of charge', locations: 'Where and when', phones: 'Telephones',
    consultationPhone: 'Enquiries', supervisionPhone: 'Supervision', faq: 'FAQ', flowchart: 'Flowchart', responsibilities: 'Responsibilities', duty: 'Duty', accountability: 'Accountability',
    documents: 'Documents delivered', codes: 'Codes', basicCode: 'Basic code', implCode: 'Implementation code', serviceObjects: 'For', handlingForms: 'Channels', waivable: 'Waivable', basis: 'Basis', notes: 'Notes', start: 'Apply', end: 'Concluded',
  },
  apply: {
    title: 'Apply online', applicant: 'Applicant', applicantName: 'Applicant (organisation) name', idType: 'ID type', idNumber: 'ID number', phone: 'Telephone', form: 'Application form', materials: 'Materials',
    upload: 'Upload', uploadHint: 'PDF, PNG or JPEG; you may add more files', uploading: 'Uploading {p}%', uploaded: 'Uploaded', failed: 'Upload failed', remove: 'Remove', paper: 'I will hand in paper',
    paperOnly: 'Hand in the paper original', missing: 'Mandatory materials missing: {names}. You may submit now; the window will tell you everything to supplement at once.', saveDraft: 'Save draft', draftSaved: 'Draft saved in this browser',
    draftRestored: 'Draft of {at} restored', discardDraft: 'Discard draft', submit: 'Submit', submitting: 'Submitting…', invalid: 'Please correct the fields marked in red', waitUploads: 'Please wait for the uploads to finish',
    idTypes: { '111': 'Resident ID card', '414': 'Passport', '513': 'Home-return permit', '01': 'Unified social credit code', '990': 'Other' },
  },
  receipt: {
    title: 'Application submitted', intro: 'Your application has been submitted. Keep the case number and query password to track it, supplement materials and download documents.', caseNo: 'Case number', queryCode: 'Query password', once: 'The query password is shown only once; keep it safe.',
    receivedDay: 'Received on', item: 'Item', missing: 'Missing materials', print: 'Print receipt', pdf: 'Download PDF receipt', pdfFailed: 'The receipt could not be made: {message}', track: 'Track progress', none: 'This receipt is no longer available; track the case with its number and password.',
  },
  track: {
    title: 'Track a case', intro: 'Enter the case number and query password to see status, progress, requests to supplement and documents.', caseNo: 'Case number', queryCode: 'Query password', lookup: 'Look up', status: 'Status', result: 'Result',
    item: 'Item', department: 'Department', submittedAt: 'Applied', promisedDay: 'Promised by', currentSteps: 'Current step', timeline: 'Progress', intact: 'History not altered ✓', broken: 'History check FAILED; call the supervision line',
    supplement: 'Supplement materials', supplementIntro: 'The department asks you to supplement, all at once:', supplementSubmit: 'Submit supplement', supplemented: 'Supplement submitted; the window will check it',
    documents: 'Documents', noDocuments: 'No documents yet', pdf: 'Download PDF', html: 'View', linksExpire: 'Links valid until {at}; look the case up again for new ones',
  },
  rate: {
    title: 'Rate the service', intro: 'The case is concluded; please rate the service (once per case).', stars: 'Satisfaction', comment: 'Comment', commentRequired: 'Tell us why; we will follow up and fix it', submit: 'Submit rating',
    done: 'Thank you for your rating', yours: 'Your rating', followUp: 'Follow-up', followUpDue: 'Answer due', substantiated: 'Verified', rectification: 'Rectification', feedback: 'Feedback', open: 'In progress', closed: 'Answered', levels: { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Neutral', 4: 'Satisfied', 5: 'Very satisfied' },
  },
  request: {
    consultTitle: 'Ask a question', complainTitle: 'Complain', name: 'Name', phone: 'Telephone', subject: 'Subject', content: 'Content', isPublic: 'May be published (personal data removed)', item: 'Item', department: 'Department',
    category: 'Category', caseNo: 'Case number', targetPerson: 'Person complained about', submit: 'Submit', received: 'Received as {no}', no: 'Number', queryCode: 'Query password', dueDay: 'Answer due', handlingDepartment: 'Handled by',
    trackTitle: 'Track a question or complaint', lookup: 'Look up', reply: 'Answer', noReply: 'Not answered yet', overdue: 'Answer overdue', extension: 'Extended by {days} working days: {reason}', status: { submitted: 'Waiting', answered: 'Answered', closed: 'Closed' }, chooseItem: 'Choose (optional)',
  },
  transparency: {
    title: 'Transparency', intro: 'Figures per department computed from the published power list.', department: 'Department', items: 'Items', instant: 'Instant', meanPromised: 'Mean promised limit', promisedShare: 'Promised / statutory',
    categories: 'Categories', catalogTitle: 'Power list overview', casesTitle: 'Case figures', casesIntro: 'Cases up to {asOf}. Duration counts working days from the day of acceptance to the day of conclusion, without special procedures, supplements and suspensions; the on-time rate uses the promised limit (with lawful extensions) and counts accepted, concluded cases only.', received: 'Received', concluded: 'Concluded', onTimeRate: 'On time', averageDuration: 'Average duration', byDepartment: 'By department', byItem: 'By item', decisionsTitle: 'Published decisions', decisionsIntro: 'Licensing and penalty decisions (双公示). Names of natural persons are withheld; legal persons are shown with their unified social credit code.', filterType: 'Decision type', item: 'Item', allTypes: 'All', total: '{n} in all', decisionsEmpty: 'No decision published yet', decisionType: { licensing: 'Licensing', penalty: 'Penalty' }, counterpart: 'Counterpart', docNo: 'Decision no.', decisionContent: 'Decision', decidedOn: 'Date', decidingDepartment: 'Authority', itemFiguresTitle: 'Case figures', figuresFailed: 'Figures are not available right now',
  },
  flow: { done: 'done', current: 'current step', todo: 'not reached', publicChart: 'Flowchart of {name}', caseChart: 'Case flowchart (current step highlighted)' },
  status: { submitted: 'Awaiting acceptance', awaitingSupplement: 'Awaiting supplement', handling: 'In progress', paused: 'Clock paused', concluded: 'Concluded' },
  level: { normal: 'Normal', warning: 'Warning', yellow: 'Yellow card', red: 'Red card' },
  clock: { preAcceptance: 'Acceptance limit', specialProcedure: 'Special procedure', supplement: 'Supplement due', promised: 'Promised limit', statutory: 'Statutory limit', step: 'Step limit', due: 'Due {day}', paused: 'Clock paused' },
  event: {
    caseSubmitted: 'Applied', caseAccepted: 'Accepted', caseRefused: 'Refused', caseSupplementRequested: 'Supplement requested', caseSupplemented: 'Supplemented', caseSpecialProcedureStarted: 'Special procedure started',
    caseSpecialProcedureEnded: 'Special procedure ended', caseExtended: 'Extended', caseSuspended: 'Suspended', caseResumed: 'Resumed', stepCompleted: 'Step completed', stepSigned: 'Countersigned', stepReturned: 'Returned', stepWithdrawn: 'Withdrawn',
    stepTransferred: 'Transferred', caseMerged: 'Merged', caseMergedInto: 'Merged into another case', caseConcluded: 'Concluded', caseVoided: 'Voided', monitorRaised: 'Supervision notice',
  },
  op: {
    complete: 'Complete step', accept: 'Accept', refuse: 'Refuse', requestSupplement: 'Request supplement', return: 'Return', suspend: 'Suspend', resume: 'Resume', specialProcedure: 'Special procedure', endSpecialProcedure: 'End special procedure',
    extend: 'Extend', transfer: 'Transfer', countersign: 'Countersign', withdraw: 'Withdraw', merge: 'Merge', conclude: 'Conclude', void: 'Void',
  },
  errors: {
    stale: 'Someone else has handled this case; please reload', network: 'Network error; try again later', tooMany: 'Too many look-ups; wait a minute', tooLarge: 'The file is too large', fileType: 'Only PDF, PNG and JPEG files are accepted',
    signIn: 'Please sign in', notFound: 'Not found; check the number and password', forbidden: 'You may not do this', unexpected: 'Failed {message}',
  },
} as const
