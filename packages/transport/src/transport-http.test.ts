import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@cds/domain';
import { checkBodyDigest, contentDigestFromHex, contentDigestOf, digestReadable } from './content-digest.js';
import { signRequest } from './sign-request.js';
import type { TransportKey } from './signature-profile.js';
import { librarySign } from './testing/library-signer.js';
import { MemoryNonceStore } from './testing/memory-nonce-store.js';
import { keyDirectory, newTestKey, rawRequest, T0, type HubAnswer } from './testing/transport-fixture.js';
import { verifyFastifyRequest } from './verify-fastify-request.js';
import type { VerifiedRequest } from './verify-request.js';

const NODE = newTestKey('t-node-123456');
const hub = { now: T0 };
const deps = {
  lookupKey: keyDirectory([[NODE, '123456']]),
  nonces: new MemoryNonceStore(() => hub.now),
  now: () => hub.now,
};
const verifiedOf = new WeakMap<FastifyRequest, VerifiedRequest>();
let app: FastifyInstance;
let port: number;
let base: string;

beforeAll(async () => {
  app = Fastify();
  // Uploads stay a stream, as on the hub, so the route hashes while it reads.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  app.setErrorHandler((error, _request, reply) =>
    isAppError(error)
      ? reply.code(error.http).send({ code: error.code, details: error.details })
      : reply.code(500).send({ code: 'unexpected', details: { message: String(error) } }),
  );
  const guard = async (request: FastifyRequest) => {
    verifiedOf.set(request, await verifyFastifyRequest(request, deps));
  };
  const upload = async (request: FastifyRequest) => {
    const verified = verifiedOf.get(request);
    const body = await digestReadable(request.body as Readable);
    checkBodyDigest(verified?.contentDigest ?? '', body.sha256Hex);
    return { party: verified?.party, bytes: body.bytes };
  };
  app.get('/v1/directory', { preHandler: guard }, (request) => ({ party: verifiedOf.get(request)?.party }));
  app.put('/v1/messages/:id', { preHandler: guard }, upload);
  app.post('/v1/messages/:id', { preHandler: guard }, upload);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => app.close());

beforeEach(() => {
  hub.now = T0;
});

async function signFor(
  method: string,
  path: string,
  options: { body?: Buffer; now?: number; key?: TransportKey } = {},
) {
  const headers = await signRequest({
    method,
    url: `${base}${path}`,
    ...(options.body === undefined ? {} : { bodyDigest: contentDigestOf(options.body) }),
    key: options.key ?? NODE,
    now: options.now ?? hub.now,
  });
  return { ...headers } as Record<string, string>;
}

async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | ReadableStream,
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/octet-stream' },
    ...(body === undefined ? {} : { body, duplex: 'half' as const }),
  });
  return { status: response.status, body: (await response.json()) as HubAnswer };
}

describe('signed requests over loopback HTTP', () => {
  it('accepts a signed GET and a signed PUT with a body', async () => {
    expect(await send('GET', '/v1/directory', await signFor('GET', '/v1/directory'))).toEqual({
      status: 200,
      body: { party: '123456' },
    });
    const body = Buffer.from('sealed payload');
    const headers = await signFor('PUT', '/v1/messages/0190', { body });
    expect(await send('PUT', '/v1/messages/0190', headers, body)).toEqual({
      status: 200,
      body: { party: '123456', bytes: body.length },
    });
  });

  it('streams a file from disk signed with the digest the blob store already knows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cds-transport-'));
    try {
      const file = join(dir, 'payload.age');
      const content = Buffer.alloc(5 * 1024 * 1024, 7);
      await writeFile(file, content);
      const blobSha256 = createHash('sha256').update(content).digest('hex');
      const headers = await signRequest({
        method: 'PUT',
        url: `${base}/v1/messages/0191`,
        bodyDigest: contentDigestFromHex(blobSha256),
        key: NODE,
        now: hub.now,
      });
      const stream = Readable.toWeb(createReadStream(file)) as ReadableStream;
      expect(await send('PUT', '/v1/messages/0191', { ...headers }, stream)).toEqual({
        status: 200,
        body: { party: '123456', bytes: content.length },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses the exact same request a second time', async () => {
    const headers = await signFor('GET', '/v1/directory');
    expect((await send('GET', '/v1/directory', headers)).status).toBe(200);
    expect(await send('GET', '/v1/directory', headers)).toMatchObject({
      status: 401,
      body: { code: 'transport.replayed' },
    });
  });

  it('refuses a stale signature and a node clock too far ahead, with both clocks', async () => {
    const stale = await send(
      'GET',
      '/v1/directory',
      await signFor('GET', '/v1/directory', { now: T0 - 301_000 }),
    );
    expect(stale).toMatchObject({ status: 401, body: { code: 'transport.stale_signature' } });
    const ahead = await send(
      'GET',
      '/v1/directory',
      await signFor('GET', '/v1/directory', { now: T0 + 301_000 }),
    );
    expect(ahead).toEqual({
      status: 401,
      body: {
        code: 'transport.clock_skew',
        details: {
          hubTime: '2026-03-02T01:00:00.000Z',
          requestCreated: '2026-03-02T01:05:01.000Z',
          maxSkewSeconds: 300,
          skewSeconds: 301,
        },
      },
    });
  });

  it('refuses an unknown keyid and another key under a known keyid', async () => {
    const stranger = await signFor('GET', '/v1/directory', { key: newTestKey('t-stranger') });
    expect((await send('GET', '/v1/directory', stranger)).body?.code).toBe('transport.unknown_key');
    const impostor = await signFor('GET', '/v1/directory', { key: newTestKey(NODE.kid) });
    expect((await send('GET', '/v1/directory', impostor)).body?.code).toBe('transport.bad_signature');
  });

  it('refuses a changed method, path or authority', async () => {
    const body = Buffer.from('x');
    const put = await signFor('PUT', '/v1/messages/0190', { body });
    expect((await send('POST', '/v1/messages/0190', put, body)).body?.code).toBe('transport.bad_signature');
    const other = await signFor('PUT', '/v1/messages/0190', { body });
    expect((await send('PUT', '/v1/messages/0192', other, body)).body?.code).toBe('transport.bad_signature');

    const get = await signFor('GET', '/v1/directory');
    const genuine = await rawRequest(port, { method: 'GET', path: '/v1/directory', headers: get });
    expect(genuine).toEqual({ status: 200, body: { party: '123456' } });
    const moved = await signFor('GET', '/v1/directory');
    const asHost = { ...moved, host: `hub.example:${port}` };
    expect(
      (await rawRequest(port, { method: 'GET', path: '/v1/directory', headers: asHost })).body?.code,
    ).toBe('transport.bad_signature');
    // Routed by Fastify as id "..", but a URL parser reads it as /v1/: refused before any signature check.
    const probe = Buffer.from('y');
    const dotted = await signFor('PUT', '/v1/messages/..', { body: probe });
    const headers = { ...dotted, 'content-type': 'application/octet-stream' };
    expect(
      (await rawRequest(port, { method: 'PUT', path: '/v1/messages/..', headers, body: probe })).body?.code,
    ).toBe('transport.signature_invalid');
  });

  it('refuses a body that differs from its signed digest, and a GET that signed a body', async () => {
    const headers = await signFor('PUT', '/v1/messages/0190', { body: Buffer.from('announced') });
    expect(await send('PUT', '/v1/messages/0190', headers, Buffer.from('delivered'))).toMatchObject({
      status: 400,
      body: { code: 'transport.bad_digest' },
    });
    const get = await signFor('GET', '/v1/directory', { body: Buffer.from('smuggled') });
    expect((await send('GET', '/v1/directory', get)).body?.code).toBe('transport.bad_digest');
  });

  it('refuses missing headers and a wrong algorithm, each with its own code', async () => {
    const { Signature: _signature, ...noSignature } = await signFor('GET', '/v1/directory');
    expect((await send('GET', '/v1/directory', noSignature)).body?.code).toBe('transport.signature_missing');
    const { 'Content-Digest': _digest, ...noDigest } = await signFor('GET', '/v1/directory');
    expect((await send('GET', '/v1/directory', noDigest)).body?.code).toBe('transport.bad_digest');
    expect((await send('GET', '/v1/directory', {})).body?.code).toBe('transport.signature_missing');
    const ed448 = await librarySign({
      key: NODE,
      method: 'GET',
      url: `${base}/v1/directory`,
      paramValues: { created: new Date(T0), expires: new Date(T0 + 300_000), alg: 'ed448' },
    });
    expect((await send('GET', '/v1/directory', ed448.headers)).body?.code).toBe(
      'transport.unsupported_algorithm',
    );
  });
});
