import { describe, expect, it } from 'vitest';
import { ApiError, defineErrors, errorSpec, knownErrorCodes, type ErrorCode } from './errors.ts';

describe('the error catalogue', () => {
  it('knows the platform codes with no module loaded', () => {
    const error = new ApiError('route.not_found');
    expect(error.status).toBe(404);
    expect(error.messageIn('en')).toBe('No such endpoint');
    expect(error.messageIn('zh-CN')).toBe('接口不存在');
    expect(knownErrorCodes()).toEqual(expect.arrayContaining(['request.invalid', 'internal', 'database.unavailable', 'user.reference_invalid']));
  });

  it('knows a module code once its errors file is imported, and refuses it before', async () => {
    expect(() => new ApiError('customer.not_found')).toThrow(/not registered/);
    await import('../modules/customers/customers/customers.errors.ts');
    const error = new ApiError('customer.not_found', { id: 7 });
    expect(error.status).toBe(404);
    expect(error.messageIn('zh-CN')).toBe('客户不存在');
    expect(knownErrorCodes()).toContain('customer.not_found');
  });

  it('accepts a code registered again with the same spec and refuses another spec for it', () => {
    const probe = 'probe.registered_twice' as ErrorCode;
    defineErrors({ [probe]: { status: 409, zh: '冲突', en: 'Conflict' } });
    expect(() => defineErrors({ [probe]: { status: 409, zh: '冲突', en: 'Conflict' } })).not.toThrow();
    expect(() => defineErrors({ [probe]: { status: 422, zh: '冲突', en: 'Conflict' } })).toThrow(/already registered/);
    expect(() => defineErrors({ 'route.not_found': { status: 404, zh: '接口不存在', en: 'No endpoint' } })).toThrow(/already registered/);
    expect(errorSpec(probe)).toEqual({ status: 409, zh: '冲突', en: 'Conflict' });
    expect(errorSpec('route.not_found').en).toBe('No such endpoint');
  });
});
