/**
 * A hub in this process on a free loopback port, and requests to it signed with a participant's
 * transport key (RFC 9421), as a node sends them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { contentDigestOf, signRequest } from '@cds/transport';
import { startHub } from '../start-hub.js';
import type { TestParticipant } from './relay-fixture.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface TestHub {
  readonly url: string;
  readonly dataDir: string;
  /** Stops the hub and removes its data directory. */
  close(): Promise<void>;
}

/** A hub in this process on a free loopback port, in a fresh temporary data directory (or `dataDir`). */
export async function startTestHub(
  options: { maxPayloadBytes?: number; dataDir?: string } = {},
): Promise<TestHub> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cds-relay-')));
  const running = await startHub({
    dataDir,
    host: '127.0.0.1',
    port: await freePort(),
    handleSignals: false,
    ...(options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: options.maxPayloadBytes }),
  });
  return {
    url: running.url,
    dataDir,
    close: async () => {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SendOptions {
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
  /** The Content-Digest to sign, when it should not be that of `body`. */
  readonly signedBody?: Uint8Array;
  /** The hub's clock when it is not this process's (CDS_TEST_NOW). */
  readonly now?: number;
  /** Streams the body without Content-Length (chunked transfer encoding). */
  readonly chunked?: boolean;
}

/** A request signed with the participant's transport key (RFC 9421), as a node sends it. */
export async function send(
  baseUrl: string,
  participant: TestParticipant,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Response> {
  const url = `${baseUrl}${path}`;
  const signed = options.signedBody ?? options.body;
  const signature = await signRequest({
    method,
    url,
    key: participant.transport,
    now: options.now ?? Date.now(),
    ...(signed === undefined ? {} : { bodyDigest: contentDigestOf(signed) }),
  });
  let body: { body?: NonNullable<RequestInit['body']>; duplex?: 'half' } = {};
  if (options.body !== undefined) {
    body = options.chunked ? { body: Readable.from([options.body]), duplex: 'half' } : { body: options.body };
  }
  return fetch(url, { method, headers: { ...signature, ...options.headers }, ...body });
}

export async function sendJson(
  baseUrl: string,
  participant: TestParticipant,
  path: string,
  body: unknown,
): Promise<Response> {
  const bytes = Buffer.from(JSON.stringify(body));
  return send(baseUrl, participant, 'POST', path, {
    body: bytes,
    headers: { 'content-type': 'application/json' },
  });
}

/** Asserts an error answer by its HTTP status and stable code. */
export async function refusal(response: Response): Promise<{ status: number; code: unknown }> {
  const body = (await response.json()) as { error?: { code?: unknown } };
  return { status: response.status, code: body.error?.code };
}
