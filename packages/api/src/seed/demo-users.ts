/** The password of every demo login (demo data only; printed at start-up). */
export const DEMO_PASSWORD = 'demo123456';

/** A user the seed creates; `customer_ref` makes it a portal user of that customer. */
export type DemoUser = { username: string; display_name: string; roles: string[]; customer_ref?: string };

/** Ref of the fully filled-in demo customer that `customer@demo` belongs to. */
export const PORTAL_CUSTOMER_REF = 'demo-hero-1';

/** Staff of the demo tenant: one per role, plus extra account managers so assignment has a spread. */
export const DEMO_TENANT_USERS: DemoUser[] = [
  { username: 'admin@demo', display_name: '系统管理员', roles: ['admin'] },
  { username: 'manager@demo', display_name: '张经理', roles: ['manager'] },
  { username: 'sales@demo', display_name: '李销售', roles: ['sales'] },
  { username: 'csm@demo', display_name: '赵客户成功', roles: ['csm'] },
  { username: 'support@demo', display_name: '孙技术支持', roles: ['support'] },
  { username: 'analyst@demo', display_name: '周分析师', roles: ['analyst'] },
  { username: 'auditor@demo', display_name: '吴审计', roles: ['auditor'] },
  { username: 'customer@demo', display_name: '云启科技门户用户', roles: ['customer'], customer_ref: PORTAL_CUSTOMER_REF },
  { username: 'wang@demo', display_name: '王经理', roles: ['manager'] },
  { username: 'chen@demo', display_name: '陈经理', roles: ['manager'] },
  { username: 'liu@demo', display_name: '刘经理', roles: ['manager'] },
];

export const ACME_TENANT_USERS: DemoUser[] = [{ username: 'admin@acme', display_name: 'Acme 管理员', roles: ['admin'] }];

/** Who customers of the demo tenant are assigned to, and how often. */
export const DEMO_ACCOUNT_MANAGERS = [
  { value: 'manager@demo', weight: 30 },
  { value: 'sales@demo', weight: 20 },
  { value: 'wang@demo', weight: 15 },
  { value: 'chen@demo', weight: 12 },
  { value: 'liu@demo', weight: 12 },
];

/** The logins printed at start-up (DESIGN.md "Fixed interfaces"). */
export const DEMO_LOGINS: readonly string[] = [
  'admin@demo',
  'manager@demo',
  'sales@demo',
  'csm@demo',
  'support@demo',
  'analyst@demo',
  'auditor@demo',
  'customer@demo',
  'admin@acme',
];
