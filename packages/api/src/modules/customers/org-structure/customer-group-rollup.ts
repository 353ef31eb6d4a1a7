import type { CustomerGroupRollup } from './customer-groups.contract.ts';

/** What the roll-up reads from each member of a group. */
export type RollupMember = {
  id: number;
  parent_customer_id: number | null;
  status: number;
  level: number;
  completeness_score: number;
  contact_count: number;
};

/**
 * Totals over a customer group (parent company plus subsidiaries). Revenue stays null until contracts and
 * invoices exist, so a widget can already lay out the field.
 * @example rollUpGroup(rootId, members).highest_level // 4 when any member is 战略
 */
export function rollUpGroup(rootId: number, members: readonly RollupMember[]): CustomerGroupRollup {
  const byStatus: Record<string, number> = { '1': 0, '2': 0, '3': 0 };
  const byLevel: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0 };
  for (const member of members) {
    byStatus[String(member.status)] = (byStatus[String(member.status)] ?? 0) + 1;
    byLevel[String(member.level)] = (byLevel[String(member.level)] ?? 0) + 1;
  }
  const completeness = members.reduce((sum, m) => sum + m.completeness_score, 0);
  return {
    member_count: members.length,
    subsidiary_count: members.filter((m) => m.parent_customer_id === rootId).length,
    total_contacts: members.reduce((sum, m) => sum + m.contact_count, 0),
    by_status: byStatus,
    by_level: byLevel,
    highest_level: members.reduce((max, m) => Math.max(max, m.level), 0),
    average_completeness: members.length ? Math.round((completeness / members.length) * 10) / 10 : 0,
    total_revenue: null,
  };
}
