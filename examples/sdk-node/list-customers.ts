import { createCrmClient } from '@crm/sdk';

const baseUrl = process.env.CRM_URL ?? 'http://127.0.0.1:3000';
const { access_token: token } = await createCrmClient({ baseUrl }).login('manager@demo', 'demo123456');
const crm = createCrmClient({ baseUrl, token, locale: 'zh-CN' });

for await (const customer of crm.paginate('/api/v1/customers', { params: { query: { limit: 50 } } })) {
  console.log(`${customer.customer_code}\t${customer.customer_name}\t${customer.assigned_manager_name ?? '-'}`);
}
