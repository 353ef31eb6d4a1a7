import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** What a request from no socket counts as (an in-process `app.request` without `env.incoming`). */
export const NO_SOCKET_CLIENT = 'in-process';

/**
 * An address as a socket or a proxy writes it: dotted-quad IPv4 or IPv6, with or without a port
 * (`203.0.113.7:52100`, `[2001:db8::7]:443`). IPv4-mapped IPv6 (`::ffff:10.0.0.2`) becomes IPv4.
 * Shorthand IPv4 (`127.1`, `0x7f.1`) is refused: no proxy writes it, and it only serves to disguise.
 */
export function parseAddress(text: string): Address | null {
  const trimmed = text.trim();
  const host = trimmed.match(/^\[([^\]]+)\](?::\d+)?$/)?.[1] ?? trimmed.match(/^(\d+\.\d+\.\d+\.\d+):\d+$/)?.[1] ?? trimmed;
  if (!ipaddr.IPv4.isValidFourPartDecimal(host) && !ipaddr.IPv6.isValid(host)) return null;
  return ipaddr.process(host);
}

/** Whether a `CRM_TRUSTED_PROXIES` entry is an address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrRange(entry: string): boolean {
  return parseAddress(entry) !== null || ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) || ipaddr.IPv6.isValidCIDR(entry);
}

function toRange(entry: string): Range {
  const single = parseAddress(entry);
  if (single) return [single, single.kind() === 'ipv4' ? 32 : 128];
  const [network, bits] = ipaddr.parseCIDR(entry);
  // An IPv4-mapped IPv6 range is the IPv4 range it maps, as addresses are compared after `process`.
  return network instanceof ipaddr.IPv6 && network.isIPv4MappedAddress() && bits >= 96 ? [network.toIPv4Address(), bits - 96] : [network, bits];
}

const within = (address: Address, ranges: readonly Range[]) =>
  ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));

/**
 * The client of a request: the socket peer, unless the peer is a trusted proxy; then the right-most hop of
 * `X-Forwarded-For` that is not a trusted proxy (hops further left were written by the client and prove
 * nothing). A hop that is not an address stops the walk at the proxy that passed it on. Null without a peer.
 * @example resolveClientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7', ['10.0.0.0/8'])?.toString() // '203.0.113.7'
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: readonly string[]): Address | null {
  let client = peer === undefined ? null : parseAddress(peer);
  if (!client || trustedProxies.length === 0) return client;
  const trusted = trustedProxies.map(toRange);
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim()).filter(Boolean).reverse();
  for (const hop of hops) {
    if (!within(client, trusted)) break;
    const next = parseAddress(hop);
    if (!next) break;
    client = next;
  }
  return client;
}

/**
 * The name a client is throttled under: an IPv4 address, or an IPv6 /64, the network one subscriber
 * gets and can draw fresh addresses from at will.
 * @example throttleKeyOf(parseAddress('2001:db8:1:2::99')) // '2001:db8:1:2::/64'
 */
export function throttleKeyOf(address: Address | null): string {
  if (!address) return NO_SOCKET_CLIENT;
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toNormalizedString()}/64`).toString()}/64`;
}

/**
 * The throttling name of a request's client. The address comes from the socket (through
 * @hono/node-server's `env.incoming`); `X-Forwarded-For` counts only when the socket peer is a proxy in
 * `CRM_TRUSTED_PROXIES`. Requests from no socket all count as one client, `NO_SOCKET_CLIENT`.
 */
export function clientOf(c: Context, trustedProxies: readonly string[]): string {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  const peer = env?.incoming || env?.server?.incoming ? getConnInfo(c).remote.address : undefined;
  return throttleKeyOf(resolveClientAddress(peer, c.req.header('X-Forwarded-For'), trustedProxies));
}
