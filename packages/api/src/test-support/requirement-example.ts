/** The request body of REQ-016 §8 (创建客户档案API), exactly as the requirement writes it. */
export const REQUIREMENT_EXAMPLE = {
  customer_name: 'ABC科技有限公司',
  customer_type: 1,
  industry: '软件开发',
  scale: '中型企业',
  address: '北京市朝阳区xxx路xxx号',
  website: 'https://www.abc-tech.com',
  description: '专注于企业级软件开发的科技公司',
  level: 2,
  source: '网络推广',
  assigned_manager_id: 1001,
  contacts: [
    {
      contact_name: '张总',
      position: '总经理',
      phone: '010-12345678',
      mobile: '13800138000',
      email: 'zhang@abc-tech.com',
      is_primary: 1,
      is_decision_maker: 1,
    },
  ],
} as const;
