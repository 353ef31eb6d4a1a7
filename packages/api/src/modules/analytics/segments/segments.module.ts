import { defineModule } from '../../../platform/module.ts';
import { runSegmentRefresh } from './segments.jobs.ts';
import { segmentRoutes } from './segments.routes.ts';
import { customerValueTiers, segmentMembers, segments } from './segments.schema.ts';

export const segmentsModule = defineModule({
  name: 'analytics/segments',
  routes: [segmentRoutes],
  tags: [
    { name: 'segments', description: 'Dynamic customer segments over a rule language, their export and push to marketing automation, and RFM value tiers (REQ-016-006 客户细分)' },
  ],
  jobs: [{ name: 'segments.refresh', intervalMs: (config) => config.CRM_SEGMENTS_INTERVAL_MINUTES * 60_000, run: (deps, now) => runSegmentRefresh(deps, now) }],
  tables: [segments, segmentMembers, customerValueTiers],
});
