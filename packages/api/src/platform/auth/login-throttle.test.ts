import { describe, expect, it } from 'vitest';
import { ACCOUNT_FROM_CLIENT, ANY_ACCOUNT_FROM_CLIENT, backOffSeconds, createLoginThrottle, type LoginThrottle, type SignInOutcome } from './login-throttle.ts';

describe('backOffSeconds', () => {
  const policies = { 'one account from one client': ACCOUNT_FROM_CLIENT, 'every account from one client': ANY_ACCOUNT_FROM_CLIENT };
  it.each([
    ['one account from one client', 0, 0],
    ['one account from one client', 2, 0],
    ['one account from one client', 3, 1],
    ['one account from one client', 4, 2],
    ['one account from one client', 5, 4],
    ['one account from one client', 12, 512],
    ['one account from one client', 13, 900],
    ['one account from one client', 500, 900],
    ['every account from one client', 29, 0],
    ['every account from one client', 30, 1],
    ['every account from one client', 33, 8],
  ] as const)('%s: after %i failures, waits %i s', (policy, failures, seconds) => {
    expect(backOffSeconds(failures, policies[policy])).toBe(seconds);
  });
});

/** A throttle on a clock the test moves. */
function throttleOnClock() {
  let now = 1_000_000;
  const throttle = createLoginThrottle({ now: () => now });
  return { throttle, advance: (ms: number) => (now += ms) };
}

/** One attempt, settled at once; the Retry-After it was refused with, or the outcome. */
function attempt(throttle: LoginThrottle, account: string, client: string, outcome: SignInOutcome = 'failed'): number | SignInOutcome {
  const admission = throttle.admit(account, client);
  if (!admission.admitted) return admission.retryAfterSeconds;
  admission.settle(outcome);
  return outcome;
}

describe('createLoginThrottle', () => {
  it('doubles the wait of one account from one client, and its Retry-After is exactly the wait', () => {
    const { throttle, advance } = throttleOnClock();
    for (let i = 0; i < 3; i++) expect(attempt(throttle, 'owner', 'A')).toBe('failed');
    for (const wait of [1, 2, 4, 8, 16]) {
      expect(attempt(throttle, 'owner', 'A')).toBe(wait);
      advance(wait * 1000 - 1);
      expect(attempt(throttle, 'owner', 'A')).toBe(1);
      advance(1);
      expect(attempt(throttle, 'owner', 'A')).toBe('failed');
    }
  });

  it('never waits longer than the cap, and forgets a client that stays away', () => {
    const { throttle, advance } = throttleOnClock();
    for (let i = 0; i < 20; i++) {
      attempt(throttle, 'owner', 'A');
      advance(900_000);
    }
    expect(attempt(throttle, 'owner', 'A')).toBe('failed');
    expect(attempt(throttle, 'owner', 'A')).toBe(900);
    advance(ACCOUNT_FROM_CLIENT.forgetAfterSeconds * 1000);
    for (let i = 0; i < 3; i++) expect(attempt(throttle, 'owner', 'A')).toBe('failed');
    expect(attempt(throttle, 'owner', 'A')).toBe(1);
  });

  it('holds back only the client that failed: the owner elsewhere, and other accounts from that client, go on', () => {
    const { throttle } = throttleOnClock();
    for (let i = 0; i < 3; i++) attempt(throttle, 'owner', 'A');
    expect(attempt(throttle, 'owner', 'A', 'succeeded')).toBe(1);
    expect(attempt(throttle, 'owner', 'B', 'succeeded')).toBe('succeeded');
    expect(attempt(throttle, 'colleague', 'A', 'succeeded')).toBe('succeeded');
  });

  it('resets one account from one client on success, but not the client as a whole', () => {
    const { throttle, advance } = throttleOnClock();
    for (let i = 0; i < 2; i++) attempt(throttle, 'owner', 'A');
    expect(attempt(throttle, 'owner', 'A', 'succeeded')).toBe('succeeded');
    for (let i = 0; i < 2; i++) expect(attempt(throttle, 'owner', 'A')).toBe('failed');

    for (let i = 0; i < 28; i++) attempt(throttle, `guess-${i}`, 'C');
    expect(attempt(throttle, 'mine', 'C', 'succeeded')).toBe('succeeded');
    expect(attempt(throttle, 'another', 'C')).toBe('failed');
    expect(attempt(throttle, 'yet-another', 'C')).toBe('failed');
    expect(attempt(throttle, 'mine', 'C', 'succeeded')).toBe(1);
    advance(1000);
    expect(attempt(throttle, 'mine', 'C', 'succeeded')).toBe('succeeded');
  });

  it('admits no more overlapping attempts than the free failures left, and an abandoned attempt costs nothing', () => {
    const { throttle } = throttleOnClock();
    const open = Array.from({ length: 5 }, () => throttle.admit('owner', 'A'));
    expect(open.map((a) => a.admitted)).toEqual([true, true, true, false, false]);
    expect(open[3]).toEqual({ admitted: false, retryAfterSeconds: 1 });
    for (const admission of open) if (admission.admitted) admission.settle('abandoned');
    for (let i = 0; i < 3; i++) expect(attempt(throttle, 'owner', 'A')).toBe('failed');
    expect(attempt(throttle, 'owner', 'A')).toBe(1);
  });
});
