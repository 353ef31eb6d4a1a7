import { describe, expect, it } from 'vitest';
import { configSchema } from '../config.ts';
import { isAddressOrRange, NO_SOCKET_CLIENT, parseAddress, resolveClientAddress, throttleKeyOf } from './client-address.ts';

const clientOf = (peer: string | undefined, forwardedFor: string | undefined, trusted: string[]) =>
  throttleKeyOf(resolveClientAddress(peer, forwardedFor, trusted));

describe('resolveClientAddress', () => {
  it.each([
    ['no trusted proxies: the socket peer, whatever the header says', '198.51.100.7', '203.0.113.1', [], '198.51.100.7'],
    ['an untrusted peer: its header is ignored', '198.51.100.7', '203.0.113.1', ['10.0.0.0/8'], '198.51.100.7'],
    ['a trusted proxy: the hop it appended', '10.0.0.2', '203.0.113.1', ['10.0.0.0/8'], '203.0.113.1'],
    ['a trusted proxy: hops the client wrote further left prove nothing', '10.0.0.2', '192.0.2.99, 203.0.113.1', ['10.0.0.0/8'], '203.0.113.1'],
    ['two trusted proxies in a row', '10.0.0.2', '203.0.113.1, 10.0.0.9', ['10.0.0.0/8'], '203.0.113.1'],
    ['a trusted proxy named by address, seen as IPv4-mapped IPv6', '::ffff:192.0.2.200', '203.0.113.1', ['192.0.2.200'], '203.0.113.1'],
    ['a trusted proxy without a header: the proxy itself', '10.0.0.2', undefined, ['10.0.0.0/8'], '10.0.0.2'],
    ['every hop trusted: the left-most', '10.0.0.2', '10.0.0.5, 10.0.0.9', ['10.0.0.0/8'], '10.0.0.5'],
    ['a hop that is not an address stops at the proxy that passed it on', '10.0.0.2', '203.0.113.1, unknown', ['10.0.0.0/8'], '10.0.0.2'],
    ['shorthand IPv4 is not an address', '10.0.0.2', '0x7f.1', ['10.0.0.0/8'], '10.0.0.2'],
    ['hops with ports', '10.0.0.2', '203.0.113.1:52100', ['10.0.0.0/8'], '203.0.113.1'],
    ['IPv6 proxies and clients', 'fd00::2', '[2001:db8:1:2::99]:443', ['fd00::/8'], '2001:db8:1:2::/64'],
    ['an IPv4-mapped IPv6 range', '10.0.0.2', '203.0.113.1', ['::ffff:10.0.0.0/104'], '203.0.113.1'],
  ])('%s', (_case, peer, forwardedFor, trusted, client) => {
    expect(clientOf(peer, forwardedFor, trusted)).toBe(client);
  });

  it('counts every address of one IPv6 /64 as one client, and no socket as one client', () => {
    expect(clientOf('2001:db8:1:2::99', undefined, [])).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8:1:2:ffff:ffff:ffff:ffff', undefined, [])).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8:1:3::99', undefined, [])).toBe('2001:db8:1:3::/64');
    expect(clientOf(undefined, '203.0.113.1', ['10.0.0.0/8'])).toBe(NO_SOCKET_CLIENT);
  });
});

describe('CRM_TRUSTED_PROXIES', () => {
  it('accepts addresses and CIDR ranges, comma-separated, and nothing else', () => {
    expect(configSchema.parse({ CRM_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.200,fd00::/8' }).CRM_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.0.2.200', 'fd00::/8']);
    expect(configSchema.parse({}).CRM_TRUSTED_PROXIES).toEqual([]);
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.1', '*']) {
      expect(configSchema.safeParse({ CRM_TRUSTED_PROXIES: bad }).success).toBe(false);
    }
    expect(isAddressOrRange('::1')).toBe(true);
    expect(parseAddress('127.1')).toBeNull();
  });
});
