/** Chinese texts of the staff workbench. */
export const zhCNWorkbench = {
  wb: {
    at: '时间', noClocks: '已办结，时限停止计算', filterItemAll: '全部事项',
    supplementPrefix: '请补交：{name}', 
    signIn: '工作人员登录', username: '用户名', password: '密码', submitSignIn: '登录', signOut: '退出登录', signedInAs: '{name}', demo: '演示账号：window、handler、checker、approver 等，密码 Sunlight2026',
    todo: '待办', done: '已办', watched: '关注', watch: '关注此件', unwatch: '取消关注', all: '全部', window: '窗口收件', lists: '办件列表', caseNo: '办件编号', applicant: '申请人', item: '事项', status: '状态', level: '时限状态', posts: '所在岗位', updatedAt: '更新时间',
    open: '办理', view: '查看', empty: '没有办件', filterStatus: '按状态', filterLevel: '按时限状态', filterItem: '按事项', searchPlaceholder: '办件编号或申请人', any: '全部', total: '共 {n} 件',
    applicantData: '申请信息', applicantBlock: '申请人', formData: '申请表', materials: '申请材料', provided: '已提交', notProvided: '未提交', originalChecked: '已验原件', download: '下载', noFiles: '无电子文件',
    timeline: '办理记录', flowchart: '流程图', flowReconstructed: '服务端未提供内部流程定义，图中按公开流程和办理记录绘制', clocks: '时限', chainOk: '历史记录哈希链校验通过（{n} 条）', chainBroken: '历史记录哈希链校验未通过',
    operations: '办理', step: '当前环节：{name}', noActions: '您在此办件没有待办环节', opinion: '意见', approve: '同意', disagree: '不同意', reason: '理由', supplementItems: '补正内容', addItem: '添加一项',
    material: '材料', description: '说明', otherCorrection: '表单更正', to: '退回到', toUserId: '转办给', chooseColleague: '请选择同岗位同事', noColleague: '本部门没有其他持有该岗位的同事', colleaguesFailed: '无法读取同事名单：{message}', procedure: '特别程序种类', outcome: '结果', value: '延长期限（天）', result: '办结结果', caseNos: '并入的办件编号（每行一个）',
    penalty: '处罚决定', grade: '裁量等级', amount: '罚款金额（元）', band: '该等级的罚款幅度：{band} 元', outOfBand: '金额超出裁量幅度，须说明理由，并将触发监察预警', noDiscretion: '服务端未提供本事项的裁量基准，无法显示裁量幅度',
    missing: '请填写：{fields}', done_: '操作成功', reload: '刷新', editable: '本环节可填写的字段已开放编辑', documents: '文书', issue: '制发', reissue: '重新制发', reissueReason: '重新制发的理由', preview: '预览', pdf: 'PDF',
    issued: '已制发 {docNo}', notYet: '尚未发生', docNo: '文号', docsUnavailable: '文书接口尚未开放', specialProcedures: '特别程序', countersign: '会签', signatures: '会签意见', windowTitle: '窗口收件',
    chooseItem: '选择事项', received: '已收取', paperReceived: '已收取纸质材料', submitWindow: '收件登记', windowDone: '已登记办件 {caseNo}，请在待办中受理或告知补正', printNotice: '打印收件回执', caseFile: '案卷（网页）', caseFilePdf: '案卷 PDF', notFitting: '与本案办理决定不符，不予制发',
    caseFileTitle: '案卷', cover: '封面', opinions: '各环节意见', materialsList: '材料清单', fieldPermissions: '字段权限', merged: '已并入 {caseNo}', result_: { approved: '准予', denied: '不予许可' },
  },
} as const
