import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { z } from 'zod';
import { AppError, type ErrorCode, type ErrorDetails } from '@cds/domain';
import { verifyDirectoryEntries, type DirectoryEntry } from '@cds/directory';
import { ed25519Fingerprint, normaliseFingerprint } from '@cds/keys';
import type { NodeServices } from '../node-services.js';
import { checkHubUrls, readHubConnection } from '../settings/hub-connection-setting.js';
import { pinnedHubKey } from './hub-trust.js';

export type ConnectionStepName = 'dns' | 'tcp' | 'tls' | 'http' | 'signature' | 'clock';
export const CONNECTION_STEPS: readonly ConnectionStepName[] = [
  'dns',
  'tcp',
  'tls',
  'http',
  'signature',
  'clock',
];

/** Same bound as the hub's request check (SPEC §4): beyond it every signed request is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface ConnectionStep {
  readonly step: ConnectionStepName;
  /** `not_applicable`: TLS on a loopback http:// URL; `skipped`: an earlier step failed. */
  readonly state: 'ok' | 'failed' | 'skipped' | 'not_applicable';
  /** What was found (address, TLS version, HTTP status, fingerprint, both clocks…). */
  readonly detail: ErrorDetails;
  readonly error: { readonly code: ErrorCode; readonly details: ErrorDetails } | null;
}

export interface HubUrlCheck {
  readonly url: string;
  readonly ok: boolean;
  readonly steps: readonly ConnectionStep[];
}

const hubInfoSchema = z.object({
  role: z.literal('hub'),
  version: z.string(),
  time: z.number(),
  hubKey: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() }),
});
const directorySchema = z.object({
  entries: z.array(
    z.object({
      seq: z.number(),
      at: z.number(),
      prevHash: z.string(),
      body: z.unknown(),
      hash: z.string(),
      signature: z.string(),
    }),
  ),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
});

class StepFailure extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails) {
    super(code);
    this.code = code;
    this.details = details;
  }
}

const reasonOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ??
  (error instanceof Error ? error.message : String(error));

function openSocket(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

function tlsHandshake(host: string, servername: string | undefined, port: number, timeoutMs: number) {
  return new Promise<ErrorDetails>((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: true,
    });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      const detail = {
        protocol: socket.getProtocol(),
        subject: [certificate.subject?.CN ?? []].flat().join(', ') || null,
        validTo: certificate.valid_to ? new Date(certificate.valid_to).toISOString() : null,
      };
      socket.destroy();
      resolve(detail);
    });
    socket.once('error', reject);
  });
}

async function getJson(url: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the caller says the answer is not a hub's.
  }
  return { status: response.status, body };
}

/** The hub's last directory entry, checked against its key: the hub signs what it serves (SPEC §2.3). */
async function checkSignedHead(
  base: string,
  hubKey: z.infer<typeof hubInfoSchema>['hubKey'],
  timeoutMs: number,
) {
  const first = directorySchema.safeParse(
    (await getJson(`${base}/v1/directory?after=0&limit=1`, timeoutMs)).body,
  );
  if (!first.success) throw new StepFailure('connection.signature_failed', { detail: 'no directory served' });
  const head = first.data.head;
  if (head === null) return { directorySeq: 0 };
  const last = directorySchema.safeParse(
    (await getJson(`${base}/v1/directory?after=${head.seq - 1}&limit=1`, timeoutMs)).body,
  );
  const entry = last.success ? last.data.entries[0] : undefined;
  if (!entry || entry.seq !== head.seq || entry.hash !== head.hash) {
    throw new StepFailure('connection.signature_failed', {
      detail: `directory head #${head.seq} not served`,
    });
  }
  try {
    await verifyDirectoryEntries(
      [entry as DirectoryEntry],
      { seq: head.seq - 1, hash: entry.prevHash },
      hubKey,
    );
  } catch (error) {
    throw new StepFailure('connection.signature_failed', { detail: reasonOf(error) });
  }
  return { directorySeq: head.seq };
}

/**
 * 測試連線 (SPEC §4): walks the path to one hub URL a step at a time — DNS, TCP, TLS (https only),
 * HTTP, the hub's signature (its key against the pinned one, its signed directory head) and the clock
 * skew — so a failure says which part is broken. A failed step skips those that depend on it.
 */
export async function checkHubUrl(
  services: NodeServices,
  url: string,
  expectedFingerprint: string | null,
  timeoutMs = 5000,
): Promise<HubUrlCheck> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const https = parsed.protocol === 'https:';
  const port = Number(parsed.port || (https ? 443 : 80));
  const steps: ConnectionStep[] = [];
  let failed = false;
  let address = host;
  let info: z.infer<typeof hubInfoSchema> | null = null;
  let nodeTime = 0;

  const run = async (step: ConnectionStepName, work: () => Promise<ErrorDetails>) => {
    if (failed) {
      steps.push({ step, state: 'skipped', detail: {}, error: null });
      return;
    }
    try {
      steps.push({ step, state: 'ok', detail: await work(), error: null });
    } catch (error) {
      failed = true;
      const reason =
        error instanceof StepFailure
          ? { code: error.code, details: error.details }
          : error instanceof AppError
            ? { code: error.code, details: error.details }
            : null;
      if (reason === null) throw error;
      steps.push({ step, state: 'failed', detail: {}, error: reason });
    }
  };

  await run('dns', async () => {
    if (isIP(host) !== 0) return { address: host };
    try {
      address = (await lookup(host)).address;
    } catch (error) {
      throw new StepFailure('connection.dns_failed', { host, detail: reasonOf(error) });
    }
    return { address };
  });
  await run('tcp', async () => {
    await openSocket(address, port, timeoutMs).catch((error: unknown) => {
      throw new StepFailure('connection.tcp_failed', { host: address, port, detail: reasonOf(error) });
    });
    return { address, port };
  });
  if (!https) steps.push({ step: 'tls', state: 'not_applicable', detail: {}, error: null });
  else
    await run('tls', () =>
      tlsHandshake(address, isIP(host) === 0 ? host : undefined, port, timeoutMs).catch((error: unknown) => {
        throw new StepFailure('connection.tls_failed', { host, detail: reasonOf(error) });
      }),
    );
  await run('http', async () => {
    const base = url.replace(/\/+$/, '');
    const answer = await getJson(`${base}/v1/hub`, timeoutMs).catch((error: unknown) => {
      throw new StepFailure('connection.http_failed', {
        url,
        detail: reasonOf((error as Error).cause ?? error),
      });
    });
    nodeTime = services.keys.clock.now();
    const body = hubInfoSchema.safeParse(answer.body);
    if (answer.status !== 200 || !body.success) {
      throw new StepFailure('connection.http_failed', {
        url,
        detail: `HTTP ${answer.status}, not a CDS hub answer`,
      });
    }
    info = body.data;
    return { status: answer.status, version: body.data.version };
  });
  await run('signature', async () => {
    const hub = info!;
    const fingerprint = ed25519Fingerprint(hub.hubKey.x);
    if (expectedFingerprint !== null && expectedFingerprint !== fingerprint) {
      throw new AppError('transport.hub_key_mismatch', {
        actual: fingerprint,
        expected: expectedFingerprint,
      });
    }
    const head = await checkSignedHead(url.replace(/\/+$/, ''), hub.hubKey, timeoutMs);
    return { fingerprint, pinned: expectedFingerprint !== null, ...head };
  });
  await run('clock', () => {
    const hubTime = info!.time;
    const skewSeconds = Math.round((nodeTime - hubTime) / 1000);
    const detail = {
      nodeTime: new Date(nodeTime).toISOString(),
      hubTime: new Date(hubTime).toISOString(),
      skewSeconds,
    };
    if (Math.abs(skewSeconds) > MAX_CLOCK_SKEW_SECONDS) {
      throw new StepFailure('connection.clock_skew', { ...detail, maxSkewSeconds: MAX_CLOCK_SKEW_SECONDS });
    }
    return Promise.resolve(detail);
  });
  return { url, ok: !failed, steps };
}

/**
 * Tests each URL in order (the saved 聯遞系統延伸網址 and fallbacks, or those a user is about to save).
 * The expected hub key is the pinned one, else the fingerprint given at `cds node init --hub-key`.
 */
export async function testHubConnection(
  services: NodeServices,
  input: { readonly urls?: readonly string[]; readonly timeoutMs?: number } = {},
): Promise<{ readonly checks: readonly HubUrlCheck[] }> {
  const urls =
    input.urls === undefined
      ? (await readHubConnection(services)).urls
      : checkHubUrls(input.urls, services.config.hub.allowInsecure);
  const pinned = await pinnedHubKey(services);
  const configured = services.config.hub.keyFingerprint;
  const expected = pinned?.fingerprint ?? (configured ? normaliseFingerprint(configured) : null);
  const checks: HubUrlCheck[] = [];
  for (const url of urls) checks.push(await checkHubUrl(services, url, expected, input.timeoutMs));
  return { checks };
}
