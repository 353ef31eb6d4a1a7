import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerTags, tagGroups, tags } from './tags.schema.ts';

/**
 * Whether the customer in `customerId` (a column or expression of the caller's statement) has a tag whose
 * name — or, `by: 'group'`, whose group's name — passes `names` (the rest of a comparison, such as
 * sql`= ${'VIP'}` or sql`in (…)`); without `names`, any tag (any tag in a group). A correlated `exists`.
 * @example sql`select c.id from ${customerDirectory} c where ${customerHasTagSql(scope, sql`c.id`, 'tag', sql`= ${'VIP'}`)}`
 */
export function customerHasTagSql(scope: RequestScope, customerId: SQLWrapper, by: 'tag' | 'group', names?: SQL): SQL {
  const named =
    by === 'tag'
      ? (names ? sql` and t.name ${names}` : sql``)
      : names
        ? sql` and exists (select 1 from ${tagGroups} g where g.tenant_id = t.tenant_id and g.id = t.group_id and g.name ${names})`
        : sql` and t.group_id is not null`;
  return sql`exists (select 1 from ${customerTags} ct join ${tags} t on t.tenant_id = ct.tenant_id and t.id = ct.tag_id where ct.tenant_id = ${scope.tenantId} and ct.customer_id = ${customerId}${named})`;
}
