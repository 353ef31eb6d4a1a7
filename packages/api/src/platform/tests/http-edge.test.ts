import { request as httpRequest, Agent, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support/index.ts';
import { listen } from '../http-server.ts';

let ctx: TestContext;
let server: Server;
let port: number;
let token: string;

beforeAll(async () => {
  ctx = await createTestContext();
  token = await (await ctx.createTenant()).token('admin');
  server = listen(ctx.app, { port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

/** One request over `agent`: status, headers and the body parsed as JSON. */
const send = (agent: Agent, method: string, path: string, body?: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(body ? { 'Content-Length': Buffer.byteLength(body) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });

/** The raw answer to bytes written on a fresh connection. */
const raw = (bytes: string) =>
  new Promise<{ statusLine: string; headers: string; body: any }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('error', reject);
    socket.on('close', () => {
      const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
      resolve({ statusLine: head.split('\r\n')[0]!, headers: head, body: body ? JSON.parse(body) : null });
    });
  });

describe('the HTTP edge answers in the envelope and keeps the connection honest', () => {
  it('a body over the limit answers 413 with Connection: close, and the client’s next request works', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const big = JSON.stringify({ customer_name: '超大请求体', description: 'x'.repeat(3 * 1024 * 1024) });
    const refused = await send(agent, 'POST', '/api/v1/customers', big);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 413, error: 'request.too_large', request_id: expect.any(String) });
    expect(refused.headers.connection).toBe('close');
    const next = await send(agent, 'GET', '/api/v1/customers?limit=1');
    expect(next.status).toBe(200);
    agent.destroy();
  });

  it('a URL over ~16 KB answers 431 in the envelope, not an empty body', async () => {
    const answer = await raw(`GET /api/v1/customers?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(answer.body).toMatchObject({ code: 431, error: 'request.headers_too_large', message: expect.any(String), request_id: expect.any(String) });
  });

  it('a malformed request line answers 400 in the envelope', async () => {
    const answer = await raw('GET /api/v1/customers HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n');
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toMatchObject({ code: 400, error: 'request.malformed_http', request_id: expect.any(String) });
  });
});
