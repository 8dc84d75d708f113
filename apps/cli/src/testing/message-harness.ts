/**
 * A hub and registered nodes as real processes (the CLI, loopback HTTP), for the message and
 * transmission tests. Actions go through `cds`; most reads go in-process through the same use cases
 * the CLI calls, which keeps the tests fast (`message show/list --json` are exercised on their own).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { listMessages, openNodeServices, showMessage, type NodeServices } from '@cds/node';
import { freePort, runCliFast as runCli, startCli, waitExit, type CliResult } from './cli-harness.js';

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `message show --json` as the tests read it. */
export interface Shown {
  id: string;
  box: 'outgoing' | 'incoming';
  status: string;
  priority: string;
  sentAt?: string | null;
  receivedAt: string | null;
  lastError: string | null;
  attempts?: number;
  payload: { size: number; sha256: string } | null;
  acceptanceReceipt?: string | null;
  receipts?: Array<{ recipient: string; kind: string; jws: string; signerKid: string }>;
  attachments: Array<{ ordinal: number; displayName: string; size: number; sha256: string }>;
}

export interface MessageWorld {
  readonly root: string;
  readonly hubUrl: string;
  cli(args: readonly string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** Runs a command with --json and parses stdout, failing the test on a non-zero exit. */
  json<T = Record<string, unknown>>(args: readonly string[]): Promise<T>;
  keyFile(party: string): string;
  startHub(): Promise<void>;
  stopHub(): Promise<void>;
  services(node: string): Promise<NodeServices>;
  show(node: string, id: string): Promise<Shown>;
  incoming(node: string): Promise<Shown[]>;
  /** `cds transmit` with short retry delays; fails the test unless it exits 0. */
  transmit(node: string): Promise<CliResult>;
  /** `message create` (checking it prints the id alone) and `message seal`; returns the id. */
  createAndSeal(
    from: string,
    to: string,
    attach?: readonly string[],
    extra?: readonly string[],
  ): Promise<string>;
  close(): Promise<void>;
}

const asJson = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

export async function createMessageWorld(
  parties: ReadonlyArray<readonly [string, 'school' | 'agency']>,
): Promise<MessageWorld> {
  const root = await mkdtemp(join(tmpdir(), 'cds-messages-'));
  const env = { CDS_DATA_DIR: root, CDS_TEST_HOOKS: '1', CDS_TEST_SCRYPT_LOGN: '10' };
  const port = await freePort();
  const hubUrl = `http://127.0.0.1:${port}`;
  let hub: Awaited<ReturnType<typeof startCli>> | undefined;
  const open = new Map<string, Promise<NodeServices>>();
  const cli = (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    runCli(args, { ...env, ...extraEnv });

  const world: MessageWorld = {
    root,
    hubUrl,
    cli,
    async json<T>(args: readonly string[]): Promise<T> {
      const result = await cli(['--json', ...args]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return JSON.parse(result.stdout) as T;
    },
    keyFile: (party) => join(root, `key-${party}`),
    async startHub() {
      hub = await startCli(['hub', 'start', '--port', String(port)], hubUrl, env);
    },
    async stopHub() {
      if (!hub) return;
      hub.kill('SIGTERM');
      await waitExit(hub);
      hub = undefined;
    },
    services(node) {
      if (!open.has(node)) open.set(node, openNodeServices(join(root, node)));
      return open.get(node) as Promise<NodeServices>;
    },
    async show(node, id) {
      return asJson(await showMessage(await world.services(node), id));
    },
    async incoming(node) {
      return asJson(await listMessages(await world.services(node), { box: 'incoming' }));
    },
    async transmit(node) {
      const result = await cli(['transmit', '--node', node, '--retry-delay-ms', '20']);
      expect(result.code, result.stderr).toBe(0);
      return result;
    },
    async createAndSeal(from, to, attach = [], extra = []) {
      const created = await cli([
        ...['message', 'create', '--node', from, '--to', to, '--subject', 'GEN', '--type', 'SUB'],
        ...['--description', `from ${from} to ${to}`, ...extra],
        ...(attach.length > 0 ? ['--attach', ...attach] : []),
      ]);
      expect(created.code, created.stderr).toBe(0);
      const id = created.stdout.trim();
      expect(created.stdout).toBe(`${id}\n`);
      expect(id).toMatch(UUID_V7);
      const sealed = await cli([
        ...['message', 'seal', '--node', from, '--ids', id],
        ...['--school-key-file', world.keyFile(from)],
      ]);
      expect(sealed.code, sealed.stderr).toBe(0);
      expect((await world.show(from, id)).status).toBe('PROCESSING');
      return id;
    },
    async close() {
      for (const handle of open.values()) await (await handle).close();
      await world.stopHub();
      await rm(root, { recursive: true, force: true });
    },
  };

  await world.startHub();
  for (const [party, role] of parties) {
    expect((await cli(['node', 'init', '--party', party, '--role', role, '--hub', hubUrl])).code).toBe(0);
    await writeFile(world.keyFile(party), `School-Key-For-${party}\n`);
    const keys = await cli(['keys', 'init', '--party', party, '--school-key-file', world.keyFile(party)]);
    expect(keys.code, keys.stderr).toBe(0);
    const issued = await cli(['hub', 'issue-code', '--party', party]);
    const code = issued.stdout.trim().split('\n').at(-1) ?? '';
    const registered = await cli(['register', '--node', party, '--code', code]);
    expect(registered.code, registered.stderr).toBe(0);
  }
  return world;
}
