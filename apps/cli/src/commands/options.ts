import { InvalidArgumentError } from 'commander';
import { resolveDataDir } from '@cds/platform/datadir';
import { UsageError } from '../output.js';

export function parsePortOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidArgumentError(`not a TCP port: ${value}`);
  return port;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--data-dir` or `--node CODE`; one of them is required for node commands. */
export function requireNodeDataDir(
  options: { dataDir?: string; node?: string },
  fallbackParty?: string,
): string {
  const dir = resolveDataDir({ dataDir: options.dataDir, node: options.node ?? fallbackParty });
  if (!dir) throw new UsageError('give --data-dir DIR or --node CODE');
  return dir;
}
