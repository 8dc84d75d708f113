import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';

let fx: NodeAppFixture;
beforeAll(async () => {
  fx = await nodeAppFixture();
});
afterAll(() => fx?.close());

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

describe('the web app as every node serves it', () => {
  it('answers any page path with index.html, under a strict CSP whose style nonce is the page’s own', async () => {
    const first = await fx.app.inject({ url: '/outgoing/process?x=1' });
    const second = await fx.app.inject({ url: '/' });
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.body).toContain(`<meta name="csp-nonce" content="${nonceOf(csp)}">`);
    }
    // A fresh nonce per page: one observed nonce is no use on the next page.
    expect(nonceOf(String(first.headers['content-security-policy']))).not.toBe(
      nonceOf(String(second.headers['content-security-policy'])),
    );
  });

  it('serves built assets as files, cached for a year, and never a file outside the build', async () => {
    const asset = await fx.app.inject({ url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log("cds")');
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/assets/missing.js', '/../config.json', '/%2e%2e/%2e%2e/config.json']) {
      expect((await fx.app.inject({ url })).statusCode, url).toBe(404);
    }
    expect((await fx.app.inject({ url: '/assets/%E0%A4%A.js' })).statusCode).toBe(400);
  });

  it('keeps /api/ answers JSON: an unknown API path is not_found.route, never the page', async () => {
    const response = await fx.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({
      code: 'not_found.route',
      message: 'The requested resource does not exist.',
      details: {},
    });
  });
});
