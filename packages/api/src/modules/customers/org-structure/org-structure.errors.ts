import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of departments and customer groups, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 * Other modules throw them too: `org-structure.public.ts` re-exports this catalogue, so its importers register them.
 */
export const orgStructureErrors = defineErrors({
  'department.not_found': { status: 404, zh: '部门不存在', en: 'Department not found' },
  'department.cycle': { status: 422, zh: '部门层级不能形成环', en: 'Departments cannot form a cycle' },
  'department.not_empty': {
    status: 409,
    zh: '部门下仍有子部门或联系人',
    en: 'The department still has sub-departments or contacts',
  },
  'department.parent_invalid': { status: 422, zh: '上级部门无效', en: 'The parent department is invalid' },
  'department.duplicate': { status: 409, zh: '同级部门名称已存在', en: 'A sibling department has this name' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof orgStructureErrors> {}
}
