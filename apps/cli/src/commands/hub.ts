import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { defaultHubDataDir, resolveDataDir } from '@cds/platform/datadir';
import { loadHub } from '../lazy.js';
import { createOutput } from '../output.js';
import { parsePortOption } from './options.js';

export function registerHubCommands(program: Command): void {
  const hub = program.command('hub').description('the central hub (聯遞系統中央伺服器)');
  hub
    .command('start')
    .description('start the hub server; an empty data directory is initialised on first start')
    .option('--data-dir <dir>', 'hub data directory (default ${CDS_DATA_DIR:-./data}/hub)')
    .option('--host <host>', 'address to listen on (default from config, 127.0.0.1)')
    .option('--port <port>', 'TCP port (default from config, 8700)', parsePortOption)
    .action(async (options: { dataDir?: string; host?: string; port?: number }) => {
      const dataDir = resolveDataDir({ dataDir: options.dataDir }) ?? defaultHubDataDir();
      const { startHub } = await loadHub();
      const running = await startHub({ dataDir, host: options.host, port: options.port });
      process.stderr.write(`hub listening on ${running.url} (data: ${dataDir})\n`);
    });

  hub
    .command('issue-code')
    .description(
      'issue a single-use code (14 days) for a party: registration, or approval of a recovered key; prints the code as the last line',
    )
    .requiredOption('--party <code>', 'school code or agency')
    .option('--name <name>', 'participant name shown to operators')
    .addOption(
      new Option('--purpose <purpose>', 'registration (系統註冊) or key-recovery (a recovered School Key)')
        .choices(['registration', 'key-recovery'])
        .default('registration'),
    )
    .option('--data-dir <dir>', 'hub data directory (default ${CDS_DATA_DIR:-./data}/hub)')
    .action(
      async (
        options: { party: string; name?: string; purpose: 'registration' | 'key-recovery'; dataDir?: string },
        command: Command,
      ) => {
        const { issueRegistrationCode } = await loadHub();
        const issued = await withHub(options.dataDir, (hub) =>
          issueRegistrationCode(hub, { party: options.party, name: options.name, purpose: options.purpose }),
        );
        const json = Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
        const what = issued.purpose === 'key-recovery' ? 'key-recovery approval code' : 'registration code';
        createOutput(json).result(
          issued,
          () =>
            `${what} for ${issued.party}, valid until ${new Date(issued.expiresAt).toISOString()}:\n${issued.code}`,
        );
      },
    );

  hub
    .command('participants')
    .description('participants: registered or revoked, and the software version each last reported')
    .option('--data-dir <dir>', 'hub data directory (default ${CDS_DATA_DIR:-./data}/hub)')
    .action(async (options: { dataDir?: string }, command: Command) => {
      const { listParticipants } = await loadHub();
      const rows = await withHub(options.dataDir, (hub) => listParticipants(hub));
      const json = Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
      createOutput(json).result(
        rows,
        () =>
          rows
            .map((row) =>
              [
                row.party.padEnd(8),
                row.role.padEnd(7),
                row.revokedAt ? 'revoked' : row.registeredAt ? 'registered' : 'code issued',
                row.softwareVersion ?? '-',
                row.versionReportedAt ?? '',
              ].join('  '),
            )
            .join('\n') || '(no participants)',
      );
    });

  hub
    .command('revoke')
    .description('revoke a participant (it must register again with a new code)')
    .requiredOption('--party <code>', 'school code or agency')
    .option('--reason <text>', 'reason recorded in the directory', 'revoked by the hub operator')
    .option('--data-dir <dir>', 'hub data directory (default ${CDS_DATA_DIR:-./data}/hub)')
    .action(async (options: { party: string; reason: string; dataDir?: string }, command: Command) => {
      const { revokeParticipant } = await loadHub();
      const result = await withHub(options.dataDir, (hub) =>
        revokeParticipant(hub, { party: options.party, reason: options.reason }),
      );
      const json = Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
      createOutput(json).result(
        { party: options.party, ...result },
        () => `${options.party} revoked (directory entry ${result.seq})`,
      );
    });

  hub
    .command('ingest')
    .description('offline ingest: take a school’s export bundle as if its messages had been uploaded')
    .argument('<file>', 'the bundle (.zip) a node wrote with cds export')
    .option('--data-dir <dir>', 'hub data directory (default ${CDS_DATA_DIR:-./data}/hub)')
    .action(async (file: string, options: { dataDir?: string }, command: Command) => {
      const { ingestBundle } = await loadHub();
      const result = await withHub(options.dataDir, (hub) => ingestBundle(hub, { file, actor: operator() }));
      const json = Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
      createOutput(json).result(result, () =>
        result.messages.map((m) => `${m.id} ${m.outcome} from ${result.party}`).join('\n'),
      );
    });

  hub
    .command('export-for')
    .description('offline export: the deliveries waiting for a party, in a bundle signed by the hub')
    .requiredOption('--party <code>', 'school code or agency')
    .requiredOption('--out <file>', 'the bundle to create (never overwritten)')
    .option('--data-dir <dir>', 'hub data directory (default ${CDS_DATA_DIR:-./data}/hub)')
    .action(async (options: { party: string; out: string; dataDir?: string }, command: Command) => {
      const { exportForParty } = await loadHub();
      const result = await withHub(options.dataDir, (hub) =>
        exportForParty(hub, { party: options.party, out: options.out, actor: operator() }),
      );
      const json = Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
      createOutput(json).result(result, () =>
        [
          `${result.messages.length} message(s) for ${result.party}${result.remaining ? ' (more wait: export again)' : ''}`,
          result.file,
        ].join('\n'),
      );
    });
}

/** The operator as recorded with offline bundles. */
function operator(): string {
  return `cli:${userInfo().username}`;
}

type HubServices = Awaited<ReturnType<Awaited<ReturnType<typeof loadHub>>['openHubServices']>>;

async function withHub<T>(dataDir: string | undefined, work: (hub: HubServices) => Promise<T>): Promise<T> {
  const { openHubServices } = await loadHub();
  const hub = await openHubServices(resolveDataDir({ dataDir }) ?? defaultHubDataDir());
  try {
    return await work(hub);
  } finally {
    await hub.close();
  }
}
