import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** What the simulators (supplier, payment gateway) share: JSON answers, JSON bodies, a server's lifecycle. */
export const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export const sendError = (res: ServerResponse, status: number, code: string, message: string): void =>
  send(res, status, { error: { code, message } });

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed: unknown = text ? JSON.parse(text) : {};
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

export interface RunningSimulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Listens on `port` (0: a free one); a handler that throws answers 500 SIMULATOR_ERROR, never hangs. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningSimulator> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    handler(req, res, url).catch((err: Error) => {
      if (!res.headersSent) sendError(res, 500, 'SIMULATOR_ERROR', err.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** setTimeout whose pending timers a simulator's stop clears (a slow answer must not outlive it). */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    this.pending.add(t);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  clear(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
