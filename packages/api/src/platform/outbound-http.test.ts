import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDns } from '../test-support/fake-dns.ts';
import { isOutboundFailure, isPublicAddress, postOutbound, vetOutboundUrl } from './outbound-http.ts';

/** A resolver over a table: no name reaches a DNS server; the names asked are kept. */
const tableResolver = (table: Record<string, string[]>) => {
  const { resolveHost, lookups } = fakeDns(table);
  return { resolve: resolveHost, asked: lookups };
};

describe('isPublicAddress', () => {
  it.each([
    ['93.184.215.14', true],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['0.0.0.0', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['240.0.0.1', false],
    ['::', false],
    ['::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:a00:1', false],
    ['::127.0.0.1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['ff02::1', false],
    ['64:ff9b::a00:1', false],
    ['2002:a00:1::1', false],
    ['2001:db8::1', false],
    ['localhost', false],
    ['0x7f000001', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('vetOutboundUrl', () => {
  const { resolve, asked } = tableResolver({ 'hooks.example.com': ['93.184.215.14', '2606:4700:4700::1111'], 'intranet.example': ['10.0.0.1'], 'mixed.example': ['93.184.215.14', '169.254.169.254'], 'empty.example': [] });
  const strict = { allowPrivate: false, resolveHost: resolve };

  it('refuses every spelling of an internal address without asking DNS, and names that resolve to one', async () => {
    asked.length = 0;
    for (const url of ['http://0x7f000001/', 'http://2130706433/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::ffff:7f00:1]/', 'http://localhost./', 'http://LocalHost/', 'http://api.localhost/', 'http://[::1]:8080/']) {
      expect(await vetOutboundUrl(url, strict), url).toEqual({ ok: false, reason: 'private address' });
    }
    expect(asked).toEqual([]);
    expect(await vetOutboundUrl('http://intranet.example/hook', strict)).toEqual({ ok: false, reason: 'private address' });
    expect(await vetOutboundUrl('http://mixed.example/hook', strict)).toEqual({ ok: false, reason: 'private address' });
    expect(asked).toEqual(['intranet.example', 'mixed.example']);
  });

  it('passes a public host with every address it resolved to, and only http(s) without credentials', async () => {
    const vetting = await vetOutboundUrl('https://hooks.example.com/crm?x=1', strict);
    expect(vetting).toMatchObject({ ok: true, target: { addresses: ['93.184.215.14', '2606:4700:4700::1111'] } });
    for (const url of ['ftp://hooks.example.com/', 'https://u:p@hooks.example.com/', 'file:///etc/passwd', 'not a url']) {
      expect(await vetOutboundUrl(url, strict), url).toEqual({ ok: false, reason: 'unsupported URL' });
    }
    expect(await vetOutboundUrl('https://nowhere.example/', strict)).toEqual({ ok: false, reason: 'host not found' });
    expect(await vetOutboundUrl('https://empty.example/', strict)).toEqual({ ok: false, reason: 'host not found' });
  });

  it('allows private targets only when the operator says so', async () => {
    const open = { allowPrivate: true, resolveHost: resolve };
    expect(await vetOutboundUrl('http://intranet.example/hook', open)).toMatchObject({ ok: true, target: { addresses: ['10.0.0.1'] } });
    expect(await vetOutboundUrl('http://127.0.0.1:3000/hook', open)).toMatchObject({ ok: true, target: { addresses: ['127.0.0.1'] } });
  });
});

describe('postOutbound', () => {
  let receiver: Server;
  let port: number;
  const seen: { path: string; host: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ path: req.url!, host: req.headers.host, body });
        if (req.url === '/ok') return void res.writeHead(204).end();
        if (req.url === '/moved') return void res.writeHead(301, { Location: '/ok' }).end('moved');
        if (req.url === '/slow') return; // never answers
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('stack trace of an internal service');
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((done) => receiver.close(done));
  });

  const post = { headers: { 'Content-Type': 'application/json' }, body: '{"hello":"世界"}', timeoutMs: 5_000 };

  it('connects to the vetted address of a name, the name kept as Host', async () => {
    const { resolve, asked } = tableResolver({ 'receiver.test': ['127.0.0.1'] });
    seen.length = 0;
    const outcome = await postOutbound(`http://receiver.test:${port}/ok`, post, { allowPrivate: true, resolveHost: resolve });
    expect(outcome).toEqual({ ok: true, status: 204, failure: null });
    expect(asked).toEqual(['receiver.test']);
    expect(seen).toEqual([{ path: '/ok', host: `receiver.test:${port}`, body: '{"hello":"世界"}' }]);
  });

  it('never connects to a refused target', async () => {
    const { resolve } = tableResolver({ 'rebound.example': ['127.0.0.1'] });
    seen.length = 0;
    for (const url of [`http://127.0.0.1:${port}/ok`, `http://localhost:${port}/ok`, `http://rebound.example:${port}/ok`]) {
      expect(await postOutbound(url, post, { allowPrivate: false, resolveHost: resolve }), url).toEqual({ ok: false, status: null, failure: 'refused: private address' });
    }
    expect(await postOutbound(`ftp://127.0.0.1:${port}/ok`, post, { allowPrivate: true })).toEqual({ ok: false, status: null, failure: 'refused: unsupported URL' });
    expect(seen).toEqual([]);
  });

  it('reports a status and a fixed reason, never the answer', async () => {
    const open = { allowPrivate: true };
    seen.length = 0;
    expect(await postOutbound(`http://127.0.0.1:${port}/moved`, post, open)).toEqual({ ok: false, status: 301, failure: 'redirect not followed' });
    expect(seen.map((s) => s.path)).toEqual(['/moved']);
    expect(await postOutbound(`http://127.0.0.1:${port}/broken`, post, open)).toEqual({ ok: false, status: 500, failure: 'http 500' });
    expect(await postOutbound(`http://127.0.0.1:${port}/slow`, { ...post, timeoutMs: 300 }, open)).toEqual({ ok: false, status: null, failure: 'timeout' });
    expect(await postOutbound('http://127.0.0.1:1/closed', post, open)).toEqual({ ok: false, status: null, failure: 'connection failed' });
    const { resolve } = tableResolver({});
    expect(await postOutbound(`http://nowhere.example:${port}/ok`, post, { allowPrivate: true, resolveHost: resolve })).toEqual({ ok: false, status: null, failure: 'host not found' });
  });

  it('tells a fixed reason from anything else', () => {
    for (const text of ['http 500', 'timeout', 'refused: private address', 'connection failed']) expect(isOutboundFailure(text), text).toBe(true);
    for (const text of ['HTTP 500: stack trace', 'TypeError: fetch failed', 'http 500 oops', '']) expect(isOutboundFailure(text), text).toBe(false);
  });
});
