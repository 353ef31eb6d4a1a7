import { pgView } from 'drizzle-orm/pg-core';
import { customerContacts } from './contacts.schema.ts';

/**
 * The read model other modules join on: a contact's customer, name, role in the organisation, and its
 * contact details as stored (encrypted values and blind indexes; decrypt with the key ring), as the view
 * `contact_directory`. Read only; row-level security of `customer_contacts` applies through it.
 * @example tx.select().from(contactDirectory).where(eq(contactDirectory.email_bidx, bidx))
 */
export const contactDirectory = pgView('contact_directory')
  .with({ securityInvoker: true })
  .as((qb) =>
    qb
      .select({
        tenant_id: customerContacts.tenant_id,
        id: customerContacts.id,
        customer_id: customerContacts.customer_id,
        contact_name: customerContacts.contact_name,
        position: customerContacts.position,
        department_id: customerContacts.department_id,
        reports_to_id: customerContacts.reports_to_id,
        phone_enc: customerContacts.phone_enc,
        mobile_enc: customerContacts.mobile_enc,
        email_enc: customerContacts.email_enc,
        wechat_enc: customerContacts.wechat_enc,
        phone_bidx: customerContacts.phone_bidx,
        mobile_bidx: customerContacts.mobile_bidx,
        email_bidx: customerContacts.email_bidx,
        wechat_bidx: customerContacts.wechat_bidx,
        is_primary: customerContacts.is_primary,
        is_decision_maker: customerContacts.is_decision_maker,
        version: customerContacts.version,
      })
      .from(customerContacts),
  );
