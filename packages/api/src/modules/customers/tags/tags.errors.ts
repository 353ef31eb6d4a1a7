import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of tags and tag groups, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 * Other modules throw them too: `tags.public.ts` re-exports this catalogue, so its importers register them.
 */
export const tagsErrors = defineErrors({
  'tag.not_found': { status: 404, zh: '标签不存在', en: 'Tag not found' },
  'tag.duplicate': { status: 409, zh: '标签已存在', en: 'A tag with this name exists' },
  'tag_group.not_found': { status: 404, zh: '标签组不存在', en: 'Tag group not found' },
  'tag_group.duplicate': { status: 409, zh: '标签组已存在', en: 'A tag group with this name exists' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof tagsErrors> {}
}
