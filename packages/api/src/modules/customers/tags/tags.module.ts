import { defineModule } from '../../../platform/module.ts';
import { tagRoutes } from './tags.routes.ts';
import { customerTags, tagGroups, tags } from './tags.schema.ts';

export const tagsModule = defineModule({
  name: 'customers/tags',
  routes: [tagRoutes],
  tags: [
    { name: 'tags', description: 'Tag catalogue and customer tags (REQ-016-006 客户细分)' },
  ],
  tables: [tagGroups, tags, customerTags],
});
