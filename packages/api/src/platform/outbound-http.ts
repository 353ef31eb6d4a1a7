/**
 * # Outbound HTTP to URLs a tenant chose
 *
 * The one way the server calls a tenant-supplied URL (webhook deliveries and pings). A tenant must never make
 * the server reach the network it runs in (SSRF), nor read what an internal service answers:
 * - The URL is parsed the WHATWG way (`new URL`), which turns every IPv4 spelling (`0x7f000001`, `2130706433`,
 *   `0177.0.0.1`) into dotted decimal; only `http(s)` without `user:password@` goes out.
 * - The host is resolved here, every address of it. Unless private targets are allowed, a single address that
 *   is not public unicast (loopback, private, link-local, carrier-grade NAT, multicast, reserved …, v4 or v6,
 *   IPv4-mapped included) refuses the whole target, and `localhost` names are refused without asking DNS.
 * - The socket connects to the vetted addresses only (the request's `lookup` answers with them), so another
 *   DNS answer between the check and the connect (rebinding) is never used.
 * - No redirect is followed. The outcome is the status and a short fixed reason: never the answer's body, nor a
 *   raw error message, which could carry an internal service's words back to the tenant.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Every address a host name resolves to (A and AAAA). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** What may be called, and how names are resolved. */
export type OutboundPolicy = {
  /** Private, loopback, link-local … targets allowed: an operator's choice (`CRM_WEBHOOK_ALLOW_PRIVATE`), off by default. */
  allowPrivate: boolean;
  /** `dns.lookup` (all addresses) by default; tests inject a table, so no name ever reaches a DNS server. */
  resolveHost?: HostResolver;
};

/** Why a target is not called at all. */
export type TargetRefusal = 'unsupported URL' | 'private address' | 'host not found';

/** A target whose addresses passed the policy: the request connects to these and no others. */
export type VettedTarget = { url: URL; addresses: string[] };

export type TargetVetting = { ok: true; target: VettedTarget } | { ok: false; reason: TargetRefusal };

const FIXED_FAILURES = ['refused: private address', 'refused: unsupported URL', 'host not found', 'timeout', 'redirect not followed', 'connection failed'] as const;

/** The fixed reasons an outbound request failed; the only words of a failure a tenant ever sees. */
export type OutboundFailure = (typeof FIXED_FAILURES)[number] | `http ${number}`;

/**
 * Whether a text is one of the fixed failure reasons (and so safe to show).
 * @example isOutboundFailure('http 503') // true
 */
export const isOutboundFailure = (text: string): text is OutboundFailure => (FIXED_FAILURES as readonly string[]).includes(text) || /^http \d{3}$/.test(text);

/** The outcome of one request: `ok` for a 2xx; `status` when the receiver answered. */
export type OutboundOutcome = { ok: boolean; status: number | null; failure: OutboundFailure | null };

/** One POST: its headers, body and overall deadline (resolution, connection and answer). */
export type OutboundPost = { headers: Record<string, string>; body: string; timeoutMs: number };

/** The system resolver, every address of the name. */
export const resolveWithDns: HostResolver = async (hostname) => (await lookup(hostname, { all: true })).map((entry) => entry.address);

// ipaddr.js names no range for the deprecated IPv4-compatible form (::a.b.c.d): it would call ::127.0.0.1 unicast.
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

/**
 * Whether an IP address is public unicast: what ipaddr.js classes as `unicast`, after unwrapping an
 * IPv4-mapped IPv6 address (`::ffff:10.0.0.1` is private). Anything that is not an IP address is not public.
 * @example isPublicAddress('93.184.215.14') // true
 * @example isPublicAddress('::ffff:127.0.0.1') // false
 */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const ip = ipaddr.process(address);
  if (ip instanceof ipaddr.IPv6 && ip.match(IPV4_COMPATIBLE)) return false;
  return ip.range() === 'unicast';
}

const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Resolves within the deadline; a deadline that passes is a failed resolution. */
function resolveBefore(resolve: HostResolver, host: string, signal: AbortSignal | undefined): Promise<string[]> {
  if (!signal) return resolve(host);
  signal.throwIfAborted();
  return new Promise((done, fail) => {
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    resolve(host).then(done, fail).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Parses a URL, resolves its host and checks every address against the policy; never connects.
 * @example const vetting = await vetOutboundUrl('https://hooks.example.com/crm', { allowPrivate: false });
 */
export async function vetOutboundUrl(raw: string, policy: OutboundPolicy, signal?: AbortSignal): Promise<TargetVetting> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'unsupported URL' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return { ok: false, reason: 'unsupported URL' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else if (!policy.allowPrivate && isLocalhostName(host)) return { ok: false, reason: 'private address' };
  else {
    try {
      addresses = await resolveBefore(policy.resolveHost ?? resolveWithDns, host, signal);
    } catch {
      return { ok: false, reason: 'host not found' };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: 'host not found' };
  if (!policy.allowPrivate && !addresses.every(isPublicAddress)) return { ok: false, reason: 'private address' };
  return { ok: true, target: { url, addresses } };
}

/** A `lookup` for the socket that answers with the vetted addresses only, whatever DNS says now. */
const pinnedLookup =
  (addresses: readonly string[]): LookupFunction =>
  (_hostname, options, callback) => {
    const entries = addresses.map((address) => ({ address, family: isIP(address) })).filter((entry) => !options.family || entry.family === options.family);
    const [first] = entries;
    if (!first) return callback(Object.assign(new Error('no vetted address of this family'), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) return callback(null, entries);
    callback(null, first.address, first.family);
  };

/** Sends the POST to the vetted addresses and settles with the status, before any of the body is read. */
function postTo({ url, addresses }: VettedTarget, post: OutboundPost, signal: AbortSignal): Promise<number> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers = { ...post.headers, 'Content-Length': String(Buffer.byteLength(post.body)) };
    const request = client.request(url, { method: 'POST', headers, signal, agent: false, lookup: pinnedLookup(addresses) }, (response) => {
      response.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(post.body);
  });
}

/**
 * POSTs to a tenant-supplied URL under the policy and tells how it went; never throws. Redirects are not
 * followed, the answer's body is never read.
 * @example const { ok, status, failure } = await postOutbound(url, { headers, body, timeoutMs: 10_000 }, { allowPrivate: false });
 */
export async function postOutbound(raw: string, post: OutboundPost, policy: OutboundPolicy): Promise<OutboundOutcome> {
  const signal = AbortSignal.timeout(post.timeoutMs);
  const vetting = await vetOutboundUrl(raw, policy, signal);
  if (!vetting.ok) {
    if (vetting.reason !== 'host not found') return { ok: false, status: null, failure: `refused: ${vetting.reason}` };
    return { ok: false, status: null, failure: signal.aborted ? 'timeout' : 'host not found' };
  }
  try {
    const status = await postTo(vetting.target, post, signal);
    if (status >= 200 && status < 300) return { ok: true, status, failure: null };
    return { ok: false, status, failure: status >= 300 && status < 400 ? 'redirect not followed' : `http ${status}` };
  } catch {
    return { ok: false, status: null, failure: signal.aborted ? 'timeout' : 'connection failed' };
  }
}
