import { and, asc, count, eq, ilike, ne, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { customerScopeOf } from '../../../platform/auth/permissions.ts';
import { ApiError } from '../../../platform/errors.ts';
import './tags.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory } from '../customers/customers.public.ts';
import type { Tag, TagCreate, TagGroup, TagGroupCreate, TagListQuery, TagUpdate } from './tags.contract.ts';
import { customerTags, tagGroups, tags } from './tags.schema.ts';

/**
 * The tag catalogue is the vendor's own segmentation (高风险, 续约重点 …): portal users may see the tags on
 * their own profile, never the catalogue or how many customers carry each tag.
 */
export function assertStaff(scope: RequestScope): void {
  if (customerScopeOf(scope.principal, scope.settings.manager_data_scope).kind === 'own') throw new ApiError('auth.forbidden');
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Tag groups, by name, with the number of tags in each. */
export async function listTagGroups(scope: RequestScope): Promise<TagGroup[]> {
  const rows = await scope.tx
    .select({ group: tagGroups, tag_count: count(tags.id) })
    .from(tagGroups)
    .leftJoin(tags, and(eq(tags.tenant_id, tagGroups.tenant_id), eq(tags.group_id, tagGroups.id)))
    .where(eq(tagGroups.tenant_id, scope.tenantId))
    .groupBy(tagGroups.tenant_id, tagGroups.id)
    .orderBy(asc(tagGroups.name));
  return rows.map(({ group, tag_count }) => ({ id: group.id, name: group.name, tag_count: Number(tag_count), created_at: group.created_at.toISOString() }));
}

/** Creates a tag group; names are unique per tenant. */
export async function createTagGroup(scope: RequestScope, input: TagGroupCreate): Promise<TagGroup> {
  const [clash] = await scope.tx.select({ id: tagGroups.id }).from(tagGroups).where(and(eq(tagGroups.tenant_id, scope.tenantId), eq(tagGroups.name, input.name)));
  if (clash) throw new ApiError('tag_group.duplicate', { id: clash.id, name: input.name });
  const [row] = await scope.tx.insert(tagGroups).values({ tenant_id: scope.tenantId, name: input.name }).returning();
  if (!row) throw new ApiError('internal');
  await audit(scope, { action: 'tag_group.created', entity_type: 'tag_group', entity_id: row.id, after: row });
  return { id: row.id, name: row.name, tag_count: 0, created_at: row.created_at.toISOString() };
}

/**
 * Tags with their group and usage. Usage counts customers that are not archived, the same set
 * `GET /customers?tag_id=` lists by default.
 */
export async function listTags(scope: RequestScope, query: TagListQuery = {}, onlyId?: number): Promise<Tag[]> {
  const rows = await scope.tx
    .select({
      tag: tags,
      group_name: tagGroups.name,
      customer_count: sql<number>`(select count(*) from ${customerTags}
        join ${customerDirectory} on ${customerDirectory.tenant_id} = ${customerTags.tenant_id} and ${customerDirectory.id} = ${customerTags.customer_id}
        where ${customerTags.tenant_id} = ${tags.tenant_id} and ${customerTags.tag_id} = ${tags.id} and ${customerDirectory.archived_at} is null)::int`,
    })
    .from(tags)
    .leftJoin(tagGroups, and(eq(tagGroups.tenant_id, tags.tenant_id), eq(tagGroups.id, tags.group_id)))
    .where(
      and(
        eq(tags.tenant_id, scope.tenantId),
        onlyId === undefined ? undefined : eq(tags.id, onlyId),
        query.group_id === undefined ? undefined : eq(tags.group_id, query.group_id),
        query.q === undefined ? undefined : ilike(tags.name, `%${escapeLike(query.q)}%`),
      ),
    )
    .orderBy(sql`${tagGroups.name} asc nulls last`, asc(tags.name));
  return rows.map(({ tag, group_name, customer_count }) => ({
    id: tag.id,
    name: tag.name,
    color: tag.color,
    group_id: tag.group_id,
    group_name,
    customer_count: Number(customer_count),
    created_at: tag.created_at.toISOString(),
  }));
}

async function findTag(scope: RequestScope, id: number): Promise<Tag> {
  const [tag] = await listTags(scope, {}, id);
  if (!tag) throw new ApiError('tag.not_found', { id });
  return tag;
}

async function assertGroup(scope: RequestScope, groupId: number | null | undefined) {
  if (!groupId) return;
  const [group] = await scope.tx.select({ id: tagGroups.id }).from(tagGroups).where(and(eq(tagGroups.tenant_id, scope.tenantId), eq(tagGroups.id, groupId)));
  if (!group) throw new ApiError('tag_group.not_found', { group_id: groupId });
}

/** The index `tags_name_key` has the last word under concurrency; this answers with the existing tag's id. */
async function assertNameFree(scope: RequestScope, name: string, selfId?: number) {
  const [clash] = await scope.tx
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.tenant_id, scope.tenantId), eq(tags.name, name), selfId === undefined ? undefined : ne(tags.id, selfId)));
  if (clash) throw new ApiError('tag.duplicate', { id: clash.id, name });
}

/** Creates a tag, optionally in a group. */
export async function createTag(scope: RequestScope, input: TagCreate): Promise<Tag> {
  await assertGroup(scope, input.group_id);
  await assertNameFree(scope, input.name);
  const [row] = await scope.tx
    .insert(tags)
    .values({ tenant_id: scope.tenantId, name: input.name, group_id: input.group_id ?? null, color: input.color })
    .returning();
  if (!row) throw new ApiError('internal');
  await audit(scope, { action: 'tag.created', entity_type: 'tag', entity_id: row.id, after: row });
  return findTag(scope, row.id);
}

/** Renames, recolours or regroups a tag (`group_id: null` takes it out of its group). */
export async function updateTag(scope: RequestScope, id: number, patch: TagUpdate): Promise<Tag> {
  const before = await findTag(scope, id);
  if (Object.values(patch).every((v) => v === undefined)) return before;
  if (patch.group_id !== undefined) await assertGroup(scope, patch.group_id);
  if (patch.name !== undefined && patch.name !== before.name) await assertNameFree(scope, patch.name, id);
  const [after] = await scope.tx
    .update(tags)
    .set({ name: patch.name, color: patch.color, group_id: patch.group_id })
    .where(and(eq(tags.tenant_id, scope.tenantId), eq(tags.id, id)))
    .returning();
  await audit(scope, { action: 'tag.updated', entity_type: 'tag', entity_id: id, before, after });
  return findTag(scope, id);
}

/** Deletes a tag; the database removes it from every customer (cascade), and the audit keeps who had it. */
export async function deleteTag(scope: RequestScope, id: number): Promise<Tag> {
  const before = await findTag(scope, id);
  const carriers = await scope.tx
    .select({ customer_id: customerTags.customer_id })
    .from(customerTags)
    .where(and(eq(customerTags.tenant_id, scope.tenantId), eq(customerTags.tag_id, id)));
  await scope.tx.delete(tags).where(and(eq(tags.tenant_id, scope.tenantId), eq(tags.id, id)));
  await audit(scope, { action: 'tag.deleted', entity_type: 'tag', entity_id: id, before: { ...before, customer_ids: carriers.map((c) => c.customer_id) } });
  return before;
}
