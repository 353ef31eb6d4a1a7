import { defineModule } from '../../../platform/module.ts';
import { contactRoutes } from './contacts.routes.ts';
import { customerContacts } from './contacts.schema.ts';

export const contactsModule = defineModule({
  name: 'customers/contacts',
  routes: [contactRoutes],
  tags: [
    { name: 'contacts', description: 'Contacts of a customer and lookup by phone, mobile or e-mail (REQ-016-001)' },
  ],
  tables: [customerContacts],
  personalData: [{ table: customerContacts, subject: 'contact', columns: ['contact_name', 'position', 'department', 'phone_enc', 'mobile_enc', 'email_enc', 'wechat_enc', 'phone_bidx', 'mobile_bidx', 'email_bidx', 'wechat_bidx'] }],
});
