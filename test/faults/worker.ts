/**
 * A fault-harness worker: a long-lived child process that hosts hubs and nodes of one scenario at a
 * time and runs what the harness asks (start a hub, run a cycle, resend). It exists so that a
 * SIGKILL at a named crash point (CDS_FAULT_POINT) kills real hub or node code mid-flight, while
 * the process start-up (≈1 s of module loading) is paid only after a kill, not per step.
 *
 * Bundled by the harness with the packages' code (esbuild, into node_modules/.cache), so it
 * imports packages only, never the harness's own files.
 */
import { isAppError } from '@cds/domain';
import type { NodeServices, TransmissionEvent } from '@cds/node';

// Each worker hosts either hubs or nodes: loading only that side's modules keeps restarts cheap.
const hubSide = () => import('@cds/hub');
const nodeSide = () => import('@cds/node');

export interface WorkerRequest {
  readonly id: number;
  readonly op: string;
  readonly args: Record<string, unknown>;
}

export interface WorkerReply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

type Closable = { close(): Promise<void> };
const hubs = new Map<string, Closable>();
const nodes = new Map<string, NodeServices>();

function node(name: unknown): NodeServices {
  const services = nodes.get(String(name));
  if (!services) throw new Error(`node ${String(name)} is not open in this worker`);
  return services;
}

/** What a cycle came to, small enough to send back: totals and the codes that stopped things. */
function summarise(events: readonly TransmissionEvent[]): string[] {
  return events
    .filter((event) => event.outcome !== 'retrying')
    .map((event) => `${event.step}:${event.outcome}${event.reason ? `:${event.reason}` : ''}`);
}

const ops: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  /** Arms (or with null disarms) a crash point for everything this process does from now on. */
  arm(args) {
    if (typeof args['point'] === 'string') process.env['CDS_FAULT_POINT'] = args['point'];
    else delete process.env['CDS_FAULT_POINT'];
    return Promise.resolve(null);
  },
  async 'hub.start'(args) {
    const dir = String(args['dir']);
    if (hubs.has(dir)) return null;
    const { startHub } = await hubSide();
    const server = await startHub({ dataDir: dir, port: Number(args['port']), handleSignals: false });
    hubs.set(dir, server);
    return null;
  },
  async 'hub.stop'(args) {
    const dir = String(args['dir']);
    await hubs.get(dir)?.close();
    hubs.delete(dir);
    return null;
  },
  async 'node.open'(args) {
    if (nodes.has(String(args['name']))) return null;
    const { openNodeServices } = await nodeSide();
    nodes.set(String(args['name']), await openNodeServices(String(args['dir'])));
    return null;
  },
  async 'node.cycle'(args) {
    const { runTransmissionCycle } = await nodeSide();
    const report = await runTransmissionCycle(node(args['name']), {
      actor: 'fault-harness',
      retry: { attempts: Number(args['attempts']), baseDelayMs: Number(args['delayMs']) },
      leaseTtlMs: Number(args['leaseTtlMs']),
    });
    return { stoppedBy: report.stoppedBy, events: summarise(report.events) };
  },
  /** 再傳送 of the given ids, or of every message in the given statuses. */
  async 'node.resend'(args) {
    const services = node(args['name']);
    let ids = Array.isArray(args['ids']) ? (args['ids'] as string[]) : [];
    if (Array.isArray(args['statuses'])) {
      const page = await services.repos.outgoing.list({
        status: args['statuses'] as never,
        limit: 1000,
        after: null,
      });
      ids = page.items.map((message) => message.id);
    }
    if (ids.length === 0) return [];
    const { resendMessages } = await nodeSide();
    const outcomes = await resendMessages(services, { ids, actor: 'fault-harness' });
    return outcomes.map((outcome) => ({ id: outcome.id, ok: outcome.ok }));
  },
  /** CPU seconds used by this process so far (the harness's budget is CPU on two cores). */
  cpu() {
    const usage = process.cpuUsage();
    return Promise.resolve((usage.user + usage.system) / 1e6);
  },
  async 'close.all'() {
    for (const services of nodes.values()) await services.close();
    nodes.clear();
    for (const server of hubs.values()) await server.close();
    hubs.clear();
    return null;
  },
};

process.on('message', (raw: WorkerRequest) => {
  const handler = ops[raw.op];
  const reply = (message: WorkerReply) => process.send?.(message);
  if (!handler) {
    reply({ id: raw.id, ok: false, error: { code: 'harness.unknown_op', message: raw.op } });
    return;
  }
  handler(raw.args).then(
    (value) => reply({ id: raw.id, ok: true, value }),
    (error: unknown) =>
      reply({
        id: raw.id,
        ok: false,
        error: {
          code: isAppError(error) ? error.code : 'harness.crash',
          message: error instanceof Error ? error.message : String(error),
        },
      }),
  );
});
// A harness that dies (Ctrl-C, a time-out) must not leave hubs listening behind it.
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ok: true, value: 'ready' });
