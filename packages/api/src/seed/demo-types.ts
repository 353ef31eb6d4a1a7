import type { DemoTagGroup } from './demo-org.ts';
import type { DemoUser } from './demo-users.ts';

/**
 * Plain demo records, linked by `ref` strings instead of database ids; the seed allocates ids and
 * resolves refs when it writes them. Contact channels are plaintext here and sealed on write.
 */
export type DemoDepartment = { ref: string; name: string; parent_ref: string | null; sort_order: number };

export type DemoContact = {
  ref: string;
  contact_name: string;
  position: string | null;
  department: string | null;
  department_ref: string | null;
  reports_to_ref: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  wechat: string | null;
  is_primary: boolean;
  is_decision_maker: boolean;
};

export type DemoCustomer = {
  ref: string;
  customer_name: string;
  /** 1 enterprise, 2 government / public institution, 3 individual. */
  customer_type: 1 | 2 | 3;
  industry: string | null;
  scale: string | null;
  address: string | null;
  website: string | null;
  description: string | null;
  /** 1 potential, 2 formal, 3 lost. */
  status: 1 | 2 | 3;
  /** 1 normal, 2 important, 3 VIP, 4 strategic. */
  level: 1 | 2 | 3 | 4;
  source: string | null;
  /** Username of the assigned account manager, resolved to `assigned_manager_id`. */
  manager_username: string | null;
  credit_code: string | null;
  region: string | null;
  parent_ref: string | null;
  created_at: Date;
  updated_at: Date;
  departments: DemoDepartment[];
  contacts: DemoContact[];
  /** Tag names, each defined in the tenant's tag groups. */
  tags: string[];
};

export type DemoTenant = {
  code: string;
  name: string;
  users: DemoUser[];
  tagGroups: DemoTagGroup[];
  customers: DemoCustomer[];
};
