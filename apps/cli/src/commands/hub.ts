import type { Command } from 'commander';
import { defaultHubDataDir, resolveDataDir } from '@cds/platform';
import { startHub } from '@cds/hub';
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
      const running = await startHub({ dataDir, host: options.host, port: options.port });
      process.stderr.write(`hub listening on ${running.url} (data: ${dataDir})\n`);
    });
}
