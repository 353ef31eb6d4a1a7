/**
 * Simplified Chinese catalogue: the default locale of every widget.
 * The English catalogue is typed against this one, so a key missing there fails the build.
 */
export const zhCnMessages = {
  loading: '正在加载客户信息…',
  empty: '未选择客户',
  emptyHint: '请设置 customer-id 属性。',
  notConfigured: '组件尚未配置：请使用 <crm-provider> 或调用 configure()。',
  notFound: '客户不存在，或您无权查看该客户。',
  forbidden: '您无权查看该客户。',
  unauthorized: '登录已失效，请重新登录。',
  loadFailed: '客户信息加载失败。',
  retry: '重试',
  openCustomer: (name: string) => `打开客户：${name}`,
  customerCard: (name: string) => `客户卡片：${name}`,
  fields: {
    code: '客户编码',
    level: '客户等级',
    status: '客户状态',
    type: '客户类型',
    industry: '所属行业',
    manager: '客户经理',
    primaryContact: '主要联系人',
    tags: '标签',
    completeness: '资料完整度',
    missing: '待补充',
  },
  notSet: '未填写',
  noTags: '暂无标签',
  noPrimaryContact: '未设置主要联系人',
  complete: '资料完整',
  level: { 1: '普通', 2: '重要', 3: 'VIP', 4: '战略' } as Record<number, string>,
  status: { 1: '潜在客户', 2: '正式客户', 3: '流失客户' } as Record<number, string>,
  customerType: { 1: '企业', 2: '政府', 3: '个人' } as Record<number, string>,
  missingField: {
    industry: '所属行业',
    scale: '企业规模',
    address: '客户地址',
    website: '官方网站',
    source: '客户来源',
    region: '所属区域',
    credit_code: '统一社会信用代码',
    description: '客户描述',
    assigned_manager: '客户经理',
    primary_contact: '主要联系人',
    decision_maker: '决策人',
    reachable_contact: '可联系的联系人',
    decision_maker_reachable: '可联系的决策人',
  } as Record<string, string>,
};

/** The shape every locale's catalogue must have. */
export type CrmMessages = typeof zhCnMessages;
