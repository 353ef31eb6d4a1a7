import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';

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

/**
 * Makes the example's 客户经理, user 1001, a manager of the tenant (as 张经理 is in the demo), so the example
 * posts as written: an account manager must be a member of staff of the tenant who may write customers.
 * @example await addRequirementManager(ctx.handle.db, tenant.id); await call(ctx.app, 'POST', '/api/v1/customers', { token, body: REQUIREMENT_EXAMPLE });
 */
export async function addRequirementManager(db: Db, tenantId: number): Promise<void> {
  const id = REQUIREMENT_EXAMPLE.assigned_manager_id;
  await db.execute(
    sql`insert into users (tenant_id, id, username, display_name, password_hash, roles) overriding system value values (${tenantId}, ${id}, ${`manager${id}@tenant${tenantId}`}, '客户经理', 'x', '{manager}')`,
  );
}
