import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An upload as it went over the wire, for replaying it verbatim. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const MAX_RECORDED = 20;

/**
 * The harness's front door to the hub: a tiny round-robin TCP-honest HTTP proxy on loopback. It
 * streams bodies both ways (so a crash mid-payload cuts the node's connection mid-payload), spreads
 * requests over the hub instances (two on PostgreSQL), and records uploads so a scenario can replay
 * one byte for byte. When an instance is down it behaves like that instance: the connection drops.
 */
export class RoundRobinProxy {
  #server: Server | undefined;
  #turn = 0;
  backends: number[] = [];
  readonly recorded: RecordedRequest[] = [];

  async listen(): Promise<number> {
    this.#server = createServer((incoming, outgoing) => {
      const port = this.backends[this.#turn++ % Math.max(1, this.backends.length)];
      const chunks: Buffer[] = [];
      const upstream = request(
        { host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          answer.on('error', () => outgoing.destroy());
        },
      );
      upstream.on('error', () => outgoing.destroy());
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        if (incoming.method !== 'PUT') return;
        this.recorded.push({
          method: 'PUT',
          url: incoming.url ?? '/',
          headers: incoming.headers,
          body: Buffer.concat(chunks),
        });
        if (this.recorded.length > MAX_RECORDED) this.recorded.shift();
      });
      incoming.on('error', () => upstream.destroy());
      outgoing.on('close', () => upstream.destroy());
      incoming.pipe(upstream);
    });
    this.#server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    return (this.#server.address() as AddressInfo).port;
  }

  /** Sends a recorded request again, unchanged, to the next instance; resolves with the status. */
  replay(recorded: RecordedRequest): Promise<number> {
    const port = this.backends[this.#turn++ % Math.max(1, this.backends.length)];
    return new Promise((resolve) => {
      const upstream = request(
        { host: '127.0.0.1', port, method: recorded.method, path: recorded.url, headers: recorded.headers },
        (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer.statusCode ?? 0));
          answer.on('error', () => resolve(0));
        },
      );
      upstream.on('error', () => resolve(0));
      upstream.end(recorded.body);
    });
  }

  reset(backends: number[]): void {
    this.backends = backends;
    this.recorded.length = 0;
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}
