export const review = {
  review: {
    parts: { basicInfo: '基本信息', publicFlow: '外部流程图', internalFlow: '内部流程图', discretion: '裁量基准' },
    partHelp: {
      basicInfo: '事项要素、申请材料、申请表单、时限与文书，需法制办确认。',
      publicFlow: '向社会公开的办理流程（内部环节以淡色显示），需法制办确认。',
      internalFlow: '内部环节、连线条件、监察点和风险点，予以备案。',
      discretion: '行政处罚裁量基准，予以备案。',
    },
    queueTitle: '待审核的权力事项', queueHelp: '基本信息和外部流程图须逐项确认，内部流程图和裁量基准备案', queueEmpty: '暂无待审核的事项', refresh: '刷新',
    changes: '变更内容', submittedAt: '提交时间', review: '审核', backToQueue: '返回待审核列表', base: '对比版本', newItem: '新增事项，无变更前版本',
    ownSubmission: '这是您本人起草或提交的版本，按不相容岗位规定不能由您审核。',
    confirm: '确认', reject: '退回', reasonPlaceholder: '请写明退回理由，设计员将据此修改', notePlaceholder: '备案意见（可选）',
    reasonRequired: '退回“{part}”须写明理由',
    willReject: '{n} 个部分将被退回，整个版本退回设计员修改', willPublish: '全部确认后发布，当日生效', willSchedule: '全部确认后发布，自 {date} 起生效；此前受理的办件仍按原版本办理', effectiveDate: '生效日期', effectiveOn: '生效日期：{date}',
    submitReject: '退回修改', submitConfirm: '确认并发布',
    done: { published: '已确认，事项已发布', rejected: '已退回设计员修改', cancelled: '已确认注销', delegated: '已确认下放' },
    field: '变更项', before: '变更前', after: '变更后', noChanges: '此部分无变更', layoutMoves: '另有 {n} 处流程图布局调整（不影响办理）',
    ops: { added: '新增', removed: '删除', changed: '修改' }, internalFaded: '淡色为内部环节（不公开）',
  },
  history: {
    backToEditor: '返回编辑', version: '版本', review: '审核结果', effective: '生效日期', compare: '版本对比', nothing: '（空）', changes: '共 {n} 处变更',
  },
}
