import { and, eq, or, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { revealField } from '../../../platform/crypto/field-crypto.ts';
import { ApiError } from '../../../platform/errors.ts';
import './sales-pipeline.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { stillFitting } from '../../../platform/staff-users.ts';
import { contactDirectory, type ContactInput, createCustomerContact } from '../../customers/contacts/contacts.public.ts';
import { createCustomer, findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import type { Opportunity } from './opportunities.contract.ts';
import { createOpportunity } from './opportunities.service.ts';
import type { Lead, LeadConversion } from './leads.contract.ts';
import { findLead, presentLead } from './leads.service.ts';
import { leads } from './sales-pipeline.schema.ts';

/** 潜在客户: the customers module's status of a customer without a contract yet. */
const POTENTIAL_CUSTOMER = 1;

export type LeadConversionResult = { lead: Lead; customer_id: number; customer_created: boolean; contact_id: number | null; opportunity: Opportunity };

/** The lead's contact person as a customer contact (channels decrypted for the copy, never shown). */
function contactOf(scope: RequestScope, lead: typeof leads.$inferSelect): ContactInput | null {
  if (!lead.contact_name) return null;
  return {
    contact_name: lead.contact_name,
    position: lead.title,
    mobile: revealField(scope.keyRing, 'mobile', lead.mobile_enc, true),
    email: revealField(scope.keyRing, 'email', lead.email_enc, true),
    is_primary: false,
    is_decision_maker: false,
  };
}

/** Adds the lead's contact to an existing customer unless one of its contacts already has that mobile or e-mail. */
async function linkContact(scope: RequestScope, customerId: number, lead: typeof leads.$inferSelect, contact: ContactInput): Promise<number> {
  const channels = [lead.mobile_bidx ? eq(contactDirectory.mobile_bidx, lead.mobile_bidx) : null, lead.email_bidx ? eq(contactDirectory.email_bidx, lead.email_bidx) : null].filter((c) => c !== null);
  if (channels.length > 0) {
    const [known] = await scope.tx
      .select({ id: contactDirectory.id })
      .from(contactDirectory)
      .where(and(eq(contactDirectory.tenant_id, scope.tenantId), eq(contactDirectory.customer_id, customerId), or(...channels) as SQL));
    if (known) return known.id;
  }
  return (await createCustomerContact(scope, customerId, contact)).id;
}

/**
 * Converts a lead, once, inside the request's transaction: a potential customer made from it (through the
 * customers service, so code, completeness and audit are right) with its contact — or an existing customer
 * it is linked to — plus an opportunity at the first stage; the lead becomes `converted`. The lead row is
 * locked first, so a concurrent second conversion waits and then answers 409 `lead.already_converted`.
 * @example await convertLead(scope, 7, { opportunity: { name: '运维外包', amount: '250000' } })
 */
export async function convertLead(scope: RequestScope, id: number, input: LeadConversion): Promise<LeadConversionResult> {
  const lead = await findLead(scope, id, true);
  if (lead.status === 'converted') throw new ApiError('lead.already_converted', { converted_customer_id: lead.converted_customer_id, converted_opportunity_id: lead.converted_opportunity_id });
  const contact = contactOf(scope, lead);
  let customerId: number;
  let contactId: number | null = null;
  if (input.customer_id) {
    customerId = (await findVisibleCustomer(scope, input.customer_id)).id;
    if (contact) contactId = await linkContact(scope, customerId, lead, contact);
  } else {
    const created = await createCustomer(
      scope,
      {
        customer_name: lead.company_name,
        customer_type: 1,
        status: POTENTIAL_CUSTOMER,
        level: 1,
        industry: lead.industry,
        region: lead.region,
        source: lead.source,
        // Carried over from the lead only while its owner may still work customers (else: no manager yet).
        assigned_manager_id: await stillFitting(scope, { field: 'assigned_manager_id', id: lead.owner_id, permission: 'customer:write' }),
        contacts: contact ? [{ ...contact, is_primary: true }] : [],
        tag_ids: [],
      },
      // The duplicate check already ran when the lead was created and its findings were shown then.
      { force: true },
    );
    customerId = created.customer_id;
    contactId = created.contacts[0]?.id ?? null;
  }
  const opportunity = await createOpportunity(
    scope,
    {
      name: input.opportunity.name,
      customer_id: customerId,
      pipeline_id: input.opportunity.pipeline_id,
      amount: input.opportunity.amount,
      currency: 'CNY',
      expected_close_date: input.opportunity.expected_close_date ?? null,
      owner_id: await stillFitting(scope, { field: 'owner_id', id: lead.owner_id, permission: 'opportunity:write' }),
      source: lead.source,
    },
    lead.id,
  );
  const now = new Date();
  const [after] = await scope.tx
    .update(leads)
    .set({ status: 'converted', converted_customer_id: customerId, converted_opportunity_id: opportunity.id, converted_at: now, version: lead.version + 1, updated_at: now })
    .where(and(eq(leads.tenant_id, scope.tenantId), eq(leads.id, id)))
    .returning();
  if (!after) throw new ApiError('internal');
  await audit(scope, { action: 'lead.converted', entity_type: 'lead', entity_id: id, before: { status: lead.status }, after: { status: 'converted', customer_id: customerId, contact_id: contactId, opportunity_id: opportunity.id } });
  await emitEvent(scope, { type: 'lead.converted', entity_type: 'lead', entity_id: id, payload: { customer_id: customerId, opportunity_id: opportunity.id, customer_created: !input.customer_id } });
  return { lead: presentLead(scope, after), customer_id: customerId, customer_created: !input.customer_id, contact_id: contactId, opportunity };
}
