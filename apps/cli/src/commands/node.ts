import type { Command } from 'commander';
import { Option } from 'commander';
import { loadNode } from '../lazy.js';
import type { Output } from '../output.js';
import { createOutput } from '../output.js';
import { collect, parsePortOption, requireNodeDataDir } from './options.js';
import { registerTransportKeyCommand } from './keys.js';

function json(command: Command): Output {
  return createOutput(Boolean(command.optsWithGlobals<{ json?: boolean }>().json));
}

export function registerNodeCommands(program: Command): void {
  const node = program.command('node').description('a school or agency node (one participant)');

  node
    .command('init')
    .description('create the data directory of a participant')
    .requiredOption('--party <code>', 'school code (six digits) or EDB, HKEAA, SFO, TRY')
    .addOption(new Option('--role <role>', 'node role').choices(['school', 'agency']).makeOptionMandatory())
    .requiredOption('--hub <url>', 'hub URL (repeat for fallbacks)', collect)
    .option('--hub-key <fingerprint>', 'pin the hub signing key (otherwise trust on first use)')
    .option('--allow-insecure-hub', 'allow a plain-http hub that is not on loopback')
    .option('--data-dir <dir>', 'data directory (default ${CDS_DATA_DIR:-./data}/<party>)')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>')
    .option('--host <host>', 'address the node will listen on', '127.0.0.1')
    .option('--port <port>', 'TCP port the node will listen on', parsePortOption)
    .option('--name <name>', 'the name printed on reports and shown in the web app, e.g. 示範中學')
    .action(async (options: InitOptions, command: Command) => {
      const dataDir = requireNodeDataDir(options, options.party);
      const { initNode } = await loadNode();
      const config = await initNode({
        dataDir,
        party: options.party,
        nodeRole: options.role,
        hubUrls: options.hub,
        hubKey: options.hubKey,
        allowInsecureHub: options.allowInsecureHub ?? false,
        host: options.host,
        port: options.port,
        name: options.name,
      });
      json(command).result(
        { dataDir, ...config },
        () => `initialised ${config.party} (${config.nodeRole}) in ${dataDir}`,
      );
    });

  node
    .command('start')
    .description('start the node server (API and, with later releases, the web UI and scheduler)')
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>')
    .option('--host <host>', 'address to listen on (default from config)')
    .option('--port <port>', 'TCP port (default from config)', parsePortOption)
    .action(async (options: { dataDir?: string; node?: string; host?: string; port?: number }) => {
      const dataDir = requireNodeDataDir(options);
      const { startNode } = await loadNode();
      const running = await startNode({ dataDir, host: options.host, port: options.port });
      process.stderr.write(`node listening on ${running.url} (data: ${dataDir})\n`);
    });

  registerTransportKeyCommand(node);
}

interface InitOptions {
  party: string;
  role: 'school' | 'agency';
  hub: string[];
  hubKey?: string;
  allowInsecureHub?: boolean;
  dataDir?: string;
  node?: string;
  host: string;
  port?: number;
  name?: string;
}
