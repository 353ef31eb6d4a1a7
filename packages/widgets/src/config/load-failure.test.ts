import { CrmError } from '@crm/sdk';
import { describe, expect, it } from 'vitest';
import { describeLoadFailure, NotConfiguredError } from './load-failure.js';

const t = { notConfigured: 'not configured', notFound: 'not found', forbidden: 'forbidden', unauthorized: 'unauthorized', loadFailed: 'load failed' };
const apiError = (status: number) => new CrmError({ status, code: 'x', message: 'x', requestId: 'req-1' });

describe('describeLoadFailure', () => {
  it.each([
    [apiError(404), { text: 'not found', retryable: false, requestId: 'req-1', status: 404, kind: 'error' }],
    [apiError(403), { text: 'forbidden', retryable: false, requestId: 'req-1', status: 403, kind: 'forbidden' }],
    [apiError(401), { text: 'unauthorized', retryable: false, requestId: 'req-1', status: 401, kind: 'error' }],
    [apiError(503), { text: 'load failed', retryable: true, requestId: 'req-1', status: 503, kind: 'error' }],
    [new TypeError('Failed to fetch'), { text: 'load failed', retryable: true, requestId: undefined, status: 0, kind: 'error' }],
    [new NotConfiguredError(), { text: 'not configured', retryable: false, requestId: undefined, status: 0, kind: 'error' }],
    // An error of another copy of the SDK: same shape, other class.
    [{ status: 404, requestId: 'req-2' }, { text: 'not found', retryable: false, requestId: 'req-2', status: 404, kind: 'error' }],
  ])('%#: describes %o', (error, expected) => {
    expect(describeLoadFailure(error, t)).toEqual(expected);
  });
});
