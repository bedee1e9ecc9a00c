import type { flow as zh } from '../zh-cn/flow'

export const flow: typeof zh = {
  flow: {
    kinds: { start: 'Start', step: 'Step', exclusive: 'Exclusive gateway', parallel: 'Parallel gateway', end: 'End' },
    loading: 'Loading the flow designer…', loadFailed: 'The flow designer could not be loaded',
    fit: 'Fit', autoLayout: 'Auto layout', selectBox: 'Box select', deleteSelected: 'Delete selected', showMiniMap: 'Show minimap', hideMiniMap: 'Hide minimap',
    snapshot: 'Export PNG', snapshotDone: 'Flowchart exported as PNG',
    hint: 'Drag nodes from the top left; drag from a node’s edge to connect; double-click to rename; right-click menu; Ctrl+Z / Ctrl+Y',
    limitWorkdays: '{n} workdays', limitDays: '{n} days',
    overview: 'Overview', stats: '{steps} steps · {gateways} gateways · {edges} edges',
    howTo: 'Click a node or an edge to edit it; problems are outlined in red on the canvas (hover for the reason).',
    problems: 'Flow problems', noProblems: 'The flow has no problem', locate: 'Show',
    edge: 'Edge', edgeName: 'Label', edgeNamePlaceholder: 'e.g. materials complete',
    defaultBranch: 'Default branch (taken when no other condition holds)', condition: 'Condition',
    conditionOnlyOnGateway: 'Only edges leaving an exclusive gateway carry conditions.',
    endResult: 'Result', exclusiveHelp: 'An exclusive gateway takes one branch by its conditions and needs exactly one default branch.',
    parallelHelp: 'A parallel gateway enters every branch; the branches must meet again at a parallel gateway.',
    branches: 'Branches', noCondition: '(no condition)',
    step: {
      name: 'Name', publicName: 'Public name (optional)', kind: 'Kind', acceptance: 'Acceptance', handling: 'Handling', post: 'Post', limit: 'Step limit',
      operations: 'Allowed operations', completeAlways: '“Complete (pass on)” is always allowed', opinionRequired: 'Opinion required', public: 'Shown in the public flowchart',
      countersign: 'Countersign', signAll: 'All must agree', signAny: 'Any one agrees', signers: 'people', documents: 'Documents issued here', noDocuments: 'No document',
      duty: 'Duty', permissions: 'Field permissions', permissionsHelp: 'unlisted fields are read only', allRead: 'All read', allWrite: 'All write',
      points: 'Monitoring and risk points', monitoringBadge: 'M', riskBadge: 'R', addMonitoring: 'Monitoring point', addRisk: 'Risk point',
    },
    marks: { internal: 'internal', acceptance: 'intake' },
    perm: { read: 'Read', write: 'Write', hidden: 'Hidden' },
    ops: {
      accept: 'Accept', refuse: 'Refuse', requestSupplement: 'Request supplement', return: 'Return', suspend: 'Suspend', specialProcedure: 'Special procedure',
      extend: 'Extend', transfer: 'Transfer', countersign: 'Countersign', withdraw: 'Withdraw', merge: 'Merge', conclude: 'Conclude', void: 'Void',
    },
    factGroups: { case: 'Case', item: 'Item', event: 'Event', form: 'Form', step: 'Step' },
    facts: {
      case: {
        caseNo: 'Case number', applicantName: 'Applicant', channel: 'Channel', status: 'Status', supplementRounds: 'Supplement rounds',
        specialProcedure: 'Special procedure', specialProcedureDays: 'Special procedure days', extensionDays: 'Extension days', returnCount: 'Returns',
        suspendCount: 'Suspensions', countersignFor: 'Countersign assents', countersignAgainst: 'Countersign dissents', fee: 'Fee', grade: 'Discretion grade', amount: 'Fine', result: 'Result', step: 'Current step',
      },
      item: { name: 'Item name', category: 'Category', department: 'Implementing body' },
      step: { overdue: 'Overdue', level: 'Clock level' },
      event: { type: 'Event type', operation: 'Operation', actor: 'Actor', post: 'Post', node: 'Step', reason: 'Reason', opinion: 'Opinion', at: 'Time', level: 'Level' },
    },
  },
}
