import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { ApiError, type ErrorCode } from './errors.ts';

type FetchApp = { fetch: (request: Request, ...rest: never[]) => Response | Promise<Response> };

/** Node's HTTP parser refuses these before the app sees a request; each still gets an envelope. */
const parserRefusals: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'request.headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request.timeout',
  ERR_HTTP_HEADERS_TIMEOUT: 'request.timeout',
};

const reasons: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * What the server answers when Node refuses a request while parsing it (a URL over ~16 KB, a malformed request
 * line, a client too slow to send its headers): the envelope with a request id and `Connection: close`, instead of
 * Node's bare status line with an empty body. The app never ran, so the message is in the default locale.
 * @example server.on('clientError', answerClientError)
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const refusal = new ApiError(parserRefusals[error.code ?? ''] ?? 'request.malformed_http');
  const body = JSON.stringify({ code: refusal.status, message: refusal.messageIn('zh-CN'), error: refusal.code, request_id: randomUUID() });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reasons[refusal.status] ?? 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The API's HTTP server: the app on `hostname:port` (0 picks a free port), with parser refusals in the envelope.
 * The process entry and the test server both listen through it, so tests see what production serves.
 * @example const server = listen(app, { port: 3000, hostname: '127.0.0.1' }, (info) => console.log(info.port));
 */
export function listen(app: FetchApp, options: { port: number; hostname: string }, onListening?: (info: { port: number }) => void): Server {
  const server = serve({ fetch: app.fetch as never, port: options.port, hostname: options.hostname }, onListening) as Server;
  server.on('clientError', answerClientError);
  return server;
}
