import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { AppError } from '@cds/domain';
import type { CdsApp } from '@cds/http';
import { pickLanguage } from '@cds/http';

/** apps/web/dist, from apps/node/src/routes or apps/node/dist/routes alike. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The page's policy: scripts and styles only from this origin, plus Mantine's two generated <style>
 * elements, which carry this response's nonce. No inline script, no eval, no framing.
 */
function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const notBuilt = (lang: 'zh-HK' | 'en') =>
  lang === 'en'
    ? 'The CDS web application has not been built. Run npm run build, then restart the node.'
    : '聯遞系統網頁程式尚未建置。請執行 npm run build，然後重新啟動節點。';

/**
 * Serves the single-page app on every path that is not the API: built files as they are (hashed
 * assets cached for a year), anything else the app's index.html, which routes in the browser.
 */
export async function registerWebRoutes(app: CdsApp, distDir: string = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, { root: distDir, serve: false });
  // Read on every page load (it is small): a rebuild while the node runs must not serve stale asset names.
  const indexHtml = (): Promise<string | null> => readFile(`${distDir}index.html`, 'utf8').catch(() => null);

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    // Fastify has decoded the wildcard (and refused malformed escapes with 400).
    const path = `/${(request.params as { '*'?: string })['*'] ?? ''}`;
    if (path.startsWith('/api/') || path === '/api') throw new AppError('not_found.route');
    if (extname(path) !== '' && !path.endsWith('.html')) {
      // Vite names assets by content hash, so a cached copy can never be stale.
      const hashed = path.startsWith('/assets/');
      return reply.sendFile(path.slice(1), hashed ? { maxAge: '365d', immutable: true } : {});
    }
    const html = await indexHtml();
    if (html === null) {
      const lang = pickLanguage(request.headers['accept-language']);
      return reply.status(503).type('text/plain; charset=utf-8').send(notBuilt(lang));
    }
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', pageCsp(nonce))
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
  });
}
