import { LRUCache } from 'lru-cache';

/**
 * How failed sign-ins turn into waiting: the first `freeFailures` cost nothing, then each failure doubles
 * the wait from `firstDelaySeconds` up to `maxDelaySeconds`. A key with no failure for `forgetAfterSeconds`
 * (and no wait left) starts afresh.
 */
export type BackOffPolicy = { freeFailures: number; firstDelaySeconds: number; maxDelaySeconds: number; forgetAfterSeconds: number };

/**
 * One account from one client. The owner who mistypes waits a second after the third miss; a guesser
 * waits 15 minutes a try after about a dozen. Success resets it.
 */
export const ACCOUNT_FROM_CLIENT: BackOffPolicy = { freeFailures: 3, firstDelaySeconds: 1, maxDelaySeconds: 900, forgetAfterSeconds: 86_400 };

/**
 * Every account from one client: stops one password being tried across many accounts. Loose enough for
 * an office behind one address; success does not reset it, or a guesser would sign in to an account of
 * its own between guesses.
 */
export const ANY_ACCOUNT_FROM_CLIENT: BackOffPolicy = { freeFailures: 30, firstDelaySeconds: 1, maxDelaySeconds: 900, forgetAfterSeconds: 3_600 };

/**
 * Seconds to wait after `failures` failures in a row.
 * @example backOffSeconds(5, ACCOUNT_FROM_CLIENT) // 4
 */
export function backOffSeconds(failures: number, policy: BackOffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.firstDelaySeconds * 2 ** (failures - policy.freeFailures), policy.maxDelaySeconds);
}

/** What a key remembers; times in milliseconds of the throttle's clock. */
type KeyState = { failures: number; lastFailureAt: number; blockedUntil: number; inFlight: number };

/**
 * Milliseconds this key must wait before another attempt (0: go ahead). Within the free allowance,
 * attempts may overlap as long as they fit in it; past it, one at a time, so a burst of parallel guesses
 * cannot slip through before the first failure is counted.
 */
function waitOf(state: KeyState, policy: BackOffPolicy, now: number): number {
  if (now < state.blockedUntil) return state.blockedUntil - now;
  if (state.inFlight > 0 && state.failures + state.inFlight >= policy.freeFailures) {
    return Math.max(1, backOffSeconds(state.failures + state.inFlight, policy)) * 1000;
  }
  return 0;
}

/** How an admitted attempt ended: `abandoned` (an error before the password was judged) counts for nothing. */
export type SignInOutcome = 'succeeded' | 'failed' | 'abandoned';

/** The answer to "may this client try this account now?". */
export type SignInAdmission =
  | { admitted: true; settle: (outcome: SignInOutcome) => void }
  | { admitted: false; retryAfterSeconds: number };

/** Exponential back-off of failed sign-ins per (account, client) and per client. */
export type LoginThrottle = { admit: (account: string, client: string) => SignInAdmission };

/**
 * The sign-in throttle, in this process's memory (see README: with several replicas each keeps its own).
 * Nothing is account-wide: failures from one client never hold back another, so nobody can lock an owner out.
 * @example
 * const admission = throttle.admit('admin@demo', '203.0.113.7');
 * if (admission.admitted) admission.settle(passwordIsRight ? 'succeeded' : 'failed');
 */
export function createLoginThrottle(
  options: { now?: () => number; maxKeys?: number; accountFromClient?: BackOffPolicy; anyAccountFromClient?: BackOffPolicy } = {},
): LoginThrottle {
  const now = options.now ?? Date.now;
  const scopes = [
    { policy: options.accountFromClient ?? ACCOUNT_FROM_CLIENT, resetOnSuccess: true, states: new LRUCache<string, KeyState>({ max: options.maxKeys ?? 50_000 }) },
    { policy: options.anyAccountFromClient ?? ANY_ACCOUNT_FROM_CLIENT, resetOnSuccess: false, states: new LRUCache<string, KeyState>({ max: options.maxKeys ?? 50_000 }) },
  ];

  const current = (states: LRUCache<string, KeyState>, key: string, policy: BackOffPolicy, at: number): KeyState | undefined => {
    const state = states.get(key);
    const forgotten = state && state.inFlight === 0 && at >= state.blockedUntil && at - state.lastFailureAt >= policy.forgetAfterSeconds * 1000;
    if (forgotten) states.delete(key);
    return forgotten ? undefined : state;
  };

  return {
    admit(account, client) {
      const keys = [`${client}\n${account}`, client];
      const at = now();
      const wait = Math.max(...scopes.map(({ states, policy }, i) => {
        const state = current(states, keys[i]!, policy, at);
        return state ? waitOf(state, policy, at) : 0;
      }));
      if (wait > 0) return { admitted: false, retryAfterSeconds: Math.ceil(wait / 1000) };

      const held = scopes.map(({ states, policy }, i) => {
        const state = current(states, keys[i]!, policy, at) ?? { failures: 0, lastFailureAt: 0, blockedUntil: 0, inFlight: 0 };
        state.inFlight += 1;
        states.set(keys[i]!, state);
        return state;
      });
      let settled = false;
      return {
        admitted: true,
        settle(outcome) {
          if (settled) return;
          settled = true;
          const end = now();
          scopes.forEach(({ states, policy, resetOnSuccess }, i) => {
            const state = held[i]!;
            state.inFlight -= 1;
            if (outcome === 'failed') {
              state.failures += 1;
              state.lastFailureAt = end;
              state.blockedUntil = end + backOffSeconds(state.failures, policy) * 1000;
            } else if (outcome === 'succeeded' && resetOnSuccess) {
              state.failures = 0;
              state.blockedUntil = 0;
            }
            if (state.failures === 0 && state.inFlight === 0) states.delete(keys[i]!);
            else if (!states.has(keys[i]!)) states.set(keys[i]!, state);
          });
        },
      };
    },
  };
}
