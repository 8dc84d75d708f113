import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '@cds/domain';
import { newTransportKey } from '@cds/keys';
import { HubClient } from '../hub-client.js';
import { faultKind } from './faults.js';

/** Answers GET /<status>/<code> with that status and an error body naming that code. */
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const [, status = '500', code = ''] = (request.url ?? '').split('/');
    response.writeHead(Number(status), { 'content-type': 'application/json' });
    response.end(
      code === 'garbage' ? '<html>' : JSON.stringify({ error: { code, message: code, details: {} } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function kindOf(urls: string[], path: string) {
  const client = new HubClient({ urls, key: newTransportKey(Date.now()), now: () => Date.now() });
  try {
    await client.getJson(path);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return [error.code, faultKind(error)];
  }
  throw new Error('expected a refusal');
}

describe('which faults a cycle retries, which stop it, which reject the message', () => {
  it.each([
    ['/503/db.unavailable', ['db.unavailable', 'transient']],
    ['/500/internal.unexpected', ['internal.unexpected', 'transient']],
    ['/502/garbage', ['transport.hub_refused', 'transient']],
    ['/429/garbage', ['transport.hub_refused', 'transient']],
    ['/401/transport.clock_skew', ['transport.clock_skew', 'node']],
    ['/401/transport.unknown_key', ['transport.unknown_key', 'node']],
    ['/422/relay.unknown_recipient', ['relay.unknown_recipient', 'message']],
    ['/409/relay.id_conflict', ['relay.id_conflict', 'message']],
    ['/413/relay.too_large', ['relay.too_large', 'message']],
    ['/422/envelope.header_signature_invalid', ['envelope.header_signature_invalid', 'message']],
    // Not the hub's own error (a proxy's page, an older hub): never a verdict on the message.
    ['/404/garbage', ['transport.hub_refused', 'node']],
  ])('%s', async (path, expected) => {
    expect(await kindOf([url], path)).toEqual(expected);
  });

  it('an unreachable hub is transient; the fallback URL is tried before giving up', async () => {
    expect(await kindOf(['http://127.0.0.1:1'], '/x')).toEqual(['transport.hub_unreachable', 'transient']);
    expect(await kindOf(['http://127.0.0.1:1', url], '/422/relay.too_large')).toEqual([
      'relay.too_large',
      'message',
    ]);
  });

  it('a local error is the node’s, never a verdict on the message', () => {
    expect(faultKind(new AppError('blob.not_found', { hash: 'x' }))).toBe('node');
    expect(faultKind(new AppError('receipt.invalid', { detail: 'x' }))).toBe('node');
  });
});
