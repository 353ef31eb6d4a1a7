import { LRUCache } from 'lru-cache';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ApiError } from '../errors.ts';

/** The claims the module reads from a token (DESIGN.md: sub, tenant_id, roles, customer_id). */
export type TokenClaims = { sub: string; tenant_id: number; roles: string[]; customer_id?: number | null; name?: string };

export type TokenService = {
  issue: (claims: TokenClaims) => Promise<{ access_token: string; expires_in: number }>;
  verify: (token: string) => Promise<TokenClaims>;
};

/**
 * Signs HS256 tokens for the built-in issuer and verifies either HS256 (shared secret) or, when a JWKS
 * URL is configured, asymmetric tokens of the portal's auth module (REQ-001). Every token must carry
 * `exp`: without one, a leaked token would open the API for ever.
 * @example const tokens = createTokenService({ secret, issuer: 'crm-module', ttlSeconds: 3600 });
 */
export function createTokenService(options: {
  secret: string;
  issuer: string;
  ttlSeconds: number;
  jwksUrl?: string;
}): TokenService {
  const key = new TextEncoder().encode(options.secret);
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;

  const toClaims = (payload: JWTPayload): TokenClaims => {
    const tenant = Number(payload.tenant_id);
    const roles = payload.roles;
    if (!payload.sub || !Number.isSafeInteger(tenant) || !Array.isArray(roles)) throw new ApiError('auth.invalid_token');
    const customer = payload.customer_id === undefined || payload.customer_id === null ? null : Number(payload.customer_id);
    return {
      sub: payload.sub,
      tenant_id: tenant,
      roles: roles.map(String),
      customer_id: customer,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  };

  // A verified token is remembered until it expires (at most a minute): a signed-in user's requests skip
  // the signature check, which is the largest cost of a small read. Only valid tokens are remembered.
  const verified = new LRUCache<string, { claims: TokenClaims; until: number }>({ max: 20_000, ttl: 60_000 });
  const remember = (token: string, payload: JWTPayload): TokenClaims => {
    const claims = toClaims(payload);
    const until = typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
    if (until > Date.now()) verified.set(token, { claims, until });
    return claims;
  };

  return {
    async issue(claims) {
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(options.issuer)
        .setIssuedAt()
        .setExpirationTime(`${options.ttlSeconds}s`)
        .sign(key);
      return { access_token: token, expires_in: options.ttlSeconds };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known && known.until > Date.now()) return known.claims;
      try {
        const { alg } = decodeProtectedHeader(token);
        if (alg === 'HS256') {
          const { payload } = await jwtVerify(token, key, { issuer: options.issuer, algorithms: ['HS256'], requiredClaims: ['exp'] });
          return remember(token, payload);
        }
        if (!jwks) throw new ApiError('auth.invalid_token');
        const { payload } = await jwtVerify(token, jwks, { requiredClaims: ['exp'] });
        return remember(token, payload);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError('auth.invalid_token');
      }
    },
  };
}
