import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE } from '@cds/domain';
import { createLogger } from '@cds/platform';
import { buildBaseApp } from './base-app.js';

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ role: 'node', party: '123456' }, { destination, level: 'debug' }) };
}

async function app(readiness: () => Promise<void> = () => Promise.resolve()) {
  const { lines, logger } = captureLogs();
  const instance = await buildBaseApp({ role: 'node', party: '123456', version: '1.2.3', logger, readiness });
  const typed = instance.withTypeProvider<ZodTypeProvider>();
  typed.get('/boom/:code', { schema: { params: z.object({ code: z.string() }) } }, (request) => {
    if (request.params.code === 'crash') throw new Error('secret internals');
    throw new AppError('message.not_found', { id: 'abc' });
  });
  typed.post('/echo', { schema: { body: z.object({ count: z.number().int() }) } }, (request) => request.body);
  return { instance, lines };
}

describe('base app', () => {
  it('answers /healthz with version, role and party', async () => {
    const { instance } = await app();
    const response = await instance.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: '1.2.3', role: 'node', party: '123456' });
  });

  it('answers /readyz 200 when the store answers and 503 when it does not', async () => {
    expect((await (await app()).instance.inject({ url: '/readyz' })).statusCode).toBe(200);
    const down = await (
      await app(() => Promise.reject(new Error('disk gone')))
    ).instance.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: { code: 'db.unavailable' } });
  });

  it('maps AppError codes to the catalogue status, in zh-HK by default and English on request', async () => {
    const { instance } = await app();
    const zh = await instance.inject({ url: '/boom/x' });
    expect(zh.statusCode).toBe(ERROR_CATALOGUE['message.not_found'].http);
    expect(zh.json()).toEqual({
      error: { code: 'message.not_found', message: '找不到訊息 abc。', details: { id: 'abc' } },
    });
    const en = await instance.inject({ url: '/boom/x', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.json().error.message).toBe('Message abc was not found.');
  });

  it('hides unexpected errors behind internal.unexpected and logs them', async () => {
    const { instance, lines } = await app();
    const response = await instance.inject({ url: '/boom/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal.unexpected');
    expect(response.body).not.toContain('secret internals');
    expect(lines.join('')).toContain('secret internals');
  });

  it('refuses invalid input with validation.failed and unknown routes with not_found.route', async () => {
    const { instance } = await app();
    const bad = await instance.inject({ method: 'POST', url: '/echo', payload: { count: 'many' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation.failed');
    const missing = await instance.inject({ url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found.route');
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const { instance } = await app();
    await instance.ready();
    const response = await instance.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(
      document.paths['/healthz'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('party');
    expect(
      document.paths['/echo'].post.requestBody.content['application/json'].schema.properties.count.type,
    ).toBe('integer');
    expect(document.paths).not.toHaveProperty('/openapi.json');
  });

  it('sends strict security headers', async () => {
    const { instance } = await app();
    const response = await instance.inject({ url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('never writes cookies or authorization headers to the log', async () => {
    const { instance, lines } = await app();
    await instance.inject({
      url: '/healthz',
      headers: { cookie: 'cds_sid_123456=topsecret', authorization: 'Bearer hunter2' },
    });
    const text = lines.join('');
    expect(text).not.toContain('topsecret');
    expect(text).not.toContain('hunter2');
  });
});
