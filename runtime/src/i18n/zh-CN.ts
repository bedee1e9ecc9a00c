/** Chinese (default) UI texts. Keys mirror en-US.ts exactly (checked by a test). */
export const zhCN = {
  app: { name: '阳光政务', hall: '网上政务大厅', workbench: '行政权力运行平台', skip: '跳到主要内容', language: 'English', slogan: '让权力在阳光下运行' },
  nav: { home: '首页', track: '办件查询', consult: '咨询', complain: '投诉', transparency: '公开透明', workbench: '工作台', menu: '主导航' },
  common: { loading: '正在加载…', retry: '重试', back: '返回', close: '关闭', confirm: '确定', cancel: '取消', none: '无', yes: '是', no: '否', required: '必填', optional: '选填', notAvailable: '该功能的服务接口尚未开放', print: '打印', search: '搜索', refresh: '刷新' },
  home: {
    searchLabel: '搜索办事事项', searchPlaceholder: '输入事项名称或部门，例如“宗教活动场所”', byCategory: '按权力类别', byDepartment: '按实施部门',
    popular: '常办事项', popularNote: '按浏览记录排列（办件量统计接口开放后按办件量排列）', recent: '最近浏览', all: '全部事项', results: '共 {n} 项', empty: '没有找到符合条件的事项', clear: '清除筛选', items: '{n} 项',
  },
  item: {
    guide: '办事指南', apply: '在线申请', exOfficio: '依职权事项，由行政机关立案办理，无需申请', consult: '我要咨询', complain: '我要投诉', basics: '基本信息', category: '权力类别', department: '实施主体', handlingUnit: '承办机构', caseType: '办件类型',
    instant: '即办件', promised: '承诺件', statutoryLimit: '法定办结时限', promisedLimit: '承诺办结时限', legalBasis: '设定依据', conditions: '受理条件', materials: '申请材料', materialName: '材料名称',
    issuer: '来源', originals: '原件', copies: '复印件', mandatory: '必要', optionalMaterial: '非必要', form: '材料形式', formKind: { paper: '纸质', electronic: '电子', both: '纸质或电子' },
    blankForm: '空白表格', sample: '示例样表', fileNotPublished: '（文件未上传，请到窗口领取）', fees: '收费标准', noFees: '不收费', locations: '办理地点与时间', phones: '咨询与监督电话',
    consultationPhone: '咨询电话', supervisionPhone: '监督投诉电话', faq: '常见问题', flowchart: '办理流程图', responsibilities: '责任清单', duty: '责任事项', accountability: '追责情形',
    documents: '送达的文书', codes: '事项编码', basicCode: '基本编码', implCode: '实施编码', serviceObjects: '服务对象', handlingForms: '办理形式', waivable: '可减免', basis: '依据', notes: '备注', start: '申请', end: '办结',
  },
  apply: {
    title: '在线申请', applicant: '申请人信息', applicantName: '申请人（单位）名称', idType: '证件类型', idNumber: '证件号码', phone: '联系电话', form: '申请表', materials: '申请材料',
    upload: '上传文件', uploadHint: '支持 PDF、PNG、JPEG，上传后可继续添加', uploading: '上传中 {p}%', uploaded: '已上传', failed: '上传失败', remove: '移除', paper: '我将递交纸质材料',
    paperOnly: '此材料需递交纸质原件', missing: '尚缺必要材料：{names}。可以先提交，窗口工作人员将一次性告知需补正的材料。', saveDraft: '保存草稿', draftSaved: '草稿已保存在本机浏览器',
    draftRestored: '已恢复上次保存的草稿（{at}）', discardDraft: '清除草稿', submit: '提交申请', submitting: '正在提交…', invalid: '申请表有需要修改的地方，请检查标红的字段', waitUploads: '请等待文件上传完成',
    idTypes: { '111': '居民身份证', '414': '普通护照', '513': '港澳居民来往内地通行证', '01': '统一社会信用代码', '990': '其他' },
  },
  receipt: {
    title: '申请已提交', intro: '您的申请已提交。请记下办件编号和查询密码，凭此查询办理进度、补正材料和下载文书。', caseNo: '办件编号', queryCode: '查询密码', once: '查询密码只显示这一次，请妥善保存。',
    receivedDay: '收件日期', item: '申请事项', missing: '尚缺材料', print: '打印回执', pdf: '下载 PDF 回执', pdfFailed: '回执生成失败：{message}', track: '查询办理进度', none: '本页回执已失效，请凭办件编号和查询密码查询。',
  },
  track: {
    title: '办件查询', intro: '输入办件编号和查询密码，查询办理状态、进度、补正要求和文书。', caseNo: '办件编号', queryCode: '查询密码', lookup: '查询', status: '办理状态', result: '办理结果',
    item: '事项', department: '办理部门', submittedAt: '申请时间', promisedDay: '承诺办结日期', currentSteps: '当前环节', timeline: '办理进度', intact: '历史记录未被篡改 ✓', broken: '历史记录校验未通过，请联系监督电话',
    supplement: '补正材料', supplementIntro: '办理部门要求一次性补正以下材料，请上传后提交：', supplementSubmit: '提交补正材料', supplemented: '补正材料已提交，等待窗口审核',
    documents: '文书下载', noDocuments: '暂无送达的文书', pdf: '下载 PDF', html: '在线查看', linksExpire: '下载链接 {at} 前有效，过期请重新查询',
  },
  rate: {
    title: '服务评价', intro: '办件已办结，欢迎对本次服务评价（一事一评）。', stars: '满意度', comment: '评价内容', commentRequired: '不满意的评价请说明原因，我们将回访核实并整改', submit: '提交评价',
    done: '感谢您的评价', yours: '您的评价', followUp: '差评回访', followUpDue: '整改反馈期限', substantiated: '核实结果', rectification: '整改措施', feedback: '反馈', open: '处理中', closed: '已反馈', levels: { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' },
  },
  request: {
    consultTitle: '网上咨询', complainTitle: '网上投诉', name: '姓名', phone: '联系电话', subject: '标题', content: '内容', isPublic: '同意公开（隐去个人信息）', item: '相关事项', department: '相关部门',
    category: '投诉类别', caseNo: '相关办件编号', targetPerson: '被投诉人', submit: '提交', received: '已收到，编号 {no}', no: '编号', queryCode: '查询密码', dueDay: '答复期限', handlingDepartment: '承办单位',
    trackTitle: '查询咨询、投诉', lookup: '查询', reply: '答复', noReply: '尚未答复', overdue: '已超过答复期限', extension: '已延期 {days} 个工作日：{reason}', status: { submitted: '待答复', answered: '已答复', closed: '已办结' }, chooseItem: '请选择（可不选）',
  },
  transparency: {
    title: '公开透明', intro: '依据已公布的权力清单计算的各部门事项情况。', department: '实施部门', items: '事项数', instant: '即办件', meanPromised: '平均承诺时限', promisedShare: '承诺时限/法定时限',
    categories: '类别分布', catalogTitle: '权力清单概况', casesTitle: '办件统计', casesIntro: '截至 {asOf} 的办件情况。办理时长为受理之日至办结之日的工作日数，扣除特别程序、补正、暂停等不计入时限的期间；按时办结率按承诺时限（含依法延长）计算，仅统计已受理并办结的办件。', received: '收件量', concluded: '办结量', onTimeRate: '按时办结率', averageDuration: '平均办理时长', byDepartment: '按部门', byItem: '按事项', decisionsTitle: '双公示', decisionsIntro: '行政许可和行政处罚决定信息公示。自然人姓名已隐去，仅公开法人和其他组织的名称及统一社会信用代码。', filterType: '决定类别', item: '事项', allTypes: '全部', total: '共 {n} 件', decisionsEmpty: '暂无公示决定', decisionType: { licensing: '行政许可', penalty: '行政处罚' }, counterpart: '行政相对人', docNo: '决定文书号', decisionContent: '决定内容', decidedOn: '决定日期', decidingDepartment: '决定机关', itemFiguresTitle: '办件统计', figuresFailed: '统计数据暂不可用',
  },
  flow: { done: '已完成', current: '当前环节', todo: '未到达', publicChart: '{name}办理流程图', caseChart: '办件流程图（当前环节高亮）' },
  status: { submitted: '待受理', awaitingSupplement: '待补正', handling: '办理中', paused: '暂停计时', concluded: '已办结' },
  level: { normal: '正常', warning: '预警', yellow: '黄牌', red: '红牌' },
  clock: { preAcceptance: '受理时限', specialProcedure: '特别程序时限', supplement: '补正期限', promised: '承诺时限', statutory: '法定时限', step: '环节时限', due: '截止 {day}', paused: '已暂停计时' },
  event: {
    caseSubmitted: '提交申请', caseAccepted: '受理', caseRefused: '不予受理', caseSupplementRequested: '告知补正', caseSupplemented: '补正材料', caseSpecialProcedureStarted: '启动特别程序',
    caseSpecialProcedureEnded: '特别程序结束', caseExtended: '延期', caseSuspended: '暂停', caseResumed: '恢复', stepCompleted: '办理完成', stepSigned: '会签', stepReturned: '退回', stepWithdrawn: '撤回',
    stepTransferred: '转办', caseMerged: '并案', caseMergedInto: '并入他案', caseConcluded: '办结', caseVoided: '作废', monitorRaised: '监察提示',
  },
  op: {
    complete: '提交办理', accept: '受理', refuse: '不予受理', requestSupplement: '告知补正', return: '退回', suspend: '暂停', resume: '恢复', specialProcedure: '特别程序', endSpecialProcedure: '结束特别程序',
    extend: '延期', transfer: '转办', countersign: '会签', withdraw: '撤回', merge: '并案', conclude: '办结', void: '作废',
  },
  errors: {
    stale: '已被他人处理，请刷新', network: '网络连接失败，请稍后重试', tooMany: '查询过于频繁，请一分钟后再试', tooLarge: '文件太大', fileType: '只接受 PDF、PNG、JPEG 文件',
    signIn: '请先登录', notFound: '未找到，请核对编号和查询密码', forbidden: '没有权限进行此操作', unexpected: '操作失败 {message}',
  },
} as const
