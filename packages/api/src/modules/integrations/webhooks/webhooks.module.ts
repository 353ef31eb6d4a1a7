import { defineModule } from '../../../platform/module.ts';
import { runWebhookDeliveries } from './webhooks.jobs.ts';
import { webhookRoutes } from './webhooks.routes.ts';
import { webhookDeliveries, webhookSubscriptions } from './webhooks.schema.ts';

export const webhooksModule = defineModule({
  name: 'integrations/webhooks',
  routes: [webhookRoutes],
  tags: [
    { name: 'webhooks', description: 'Outbound webhooks (admin): signed event deliveries to the notification module (REQ-011), marketing automation and hosts, retried and dead-lettered' },
  ],
  jobs: [{ name: 'webhooks.deliveries', intervalMs: (config) => config.CRM_WEBHOOK_INTERVAL_SECONDS * 1000, run: (deps, now) => runWebhookDeliveries({ ...deps, allowPrivate: deps.config.CRM_WEBHOOK_ALLOW_PRIVATE }, now) }],
  tables: [webhookSubscriptions, webhookDeliveries],
});
