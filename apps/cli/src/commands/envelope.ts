import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@cds/domain';
import { loadCrypto, loadKeys } from '../lazy.js';
import { createOutput } from '../output.js';
import { withNode } from './keys.js';

interface InspectOptions {
  dataDir?: string;
  node?: string;
}

const AGE_MAGIC = 'age-encryption.org/v1';
const ARMOR_MAGIC = '-----BEGIN AGE';

/** A directory holds <id>/header.jws and <id>/payload.age (the export layout); a file is either one. */
async function locate(path: string): Promise<{ header?: string; payload?: string }> {
  if ((await stat(path)).isDirectory())
    return { header: join(path, 'header.jws'), payload: join(path, 'payload.age') };
  const handle = await open(path, 'r');
  const start = Buffer.alloc(32);
  await handle.read(start, 0, 32, 0);
  await handle.close();
  const text = start.toString('latin1');
  return text.startsWith(AGE_MAGIC) || text.startsWith(ARMOR_MAGIC) ? { payload: path } : { header: path };
}

async function digestFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function senderKey(options: InspectOptions, from: string, kid: string) {
  if (!options.dataDir && !options.node) return null;
  const { readPublicKeys } = await loadKeys();
  return withNode(options, async (services) => {
    if (from === services.config.party) {
      const own = await readPublicKeys(services.keys.paths.publicKeys);
      return own?.keys.find((key) => key.kid === kid)?.ed25519 ?? null;
    }
    return (await services.repos.directory.keys(from)).find((key) => key.kid === kid)?.ed25519 ?? null;
  });
}

export function registerEnvelopeCommands(program: Command): void {
  const envelope = program.command('envelope').description('sealed envelopes (routing header + age payload)');
  envelope
    .command('inspect <file>')
    .description(
      'show header fields, whether the signatures verify, and the payload digest (a header.jws, a payload.age, or a directory with both)',
    )
    .option('--data-dir <dir>', "verify with this node's directory")
    .option('--node <code>', 'verify with the directory of node ${CDS_DATA_DIR:-./data}/<code>')
    .action(async (file: string, options: InspectOptions, command: Command) => {
      const { decodeHeader, verifyHeader } = await import('@cds/envelope');
      const { inspectAge } = await loadCrypto();
      const found = await locate(file);
      const report: Record<string, unknown> = {};
      let promised: { size: number; sha256: string } | null = null;
      if (found.header) {
        const jws = (await readFile(found.header, 'utf8')).trim();
        const decoded = decodeHeader(jws);
        promised = { size: decoded.fields.payloadSize, sha256: decoded.fields.payloadSha256 };
        const key = await senderKey(options, decoded.fields.from, decoded.kid);
        let signature = 'not verified: the sender key is unknown here (give --node)';
        if (key) {
          signature = await verifyHeader(jws, key).then(
            () => 'verified',
            (error: unknown) => `INVALID: ${error instanceof AppError ? error.code : String(error)}`,
          );
        }
        report['header'] = decoded.fields;
        report['headerSignature'] = signature;
      }
      if (found.payload) {
        const prefix = Buffer.alloc(64 * 1024);
        const handle = await open(found.payload, 'r');
        const { bytesRead } = await handle.read(prefix, 0, prefix.length, 0);
        await handle.close();
        const info = inspectAge(prefix.subarray(0, bytesRead));
        const digest = await digestFile(found.payload);
        report['payload'] = {
          ...digest,
          armored: info.armored,
          recipients: info.header.stanzas.map((stanza) => stanza.type),
          matchesHeader: promised ? promised.size === digest.size && promised.sha256 === digest.sha256 : null,
        };
        report['manifestSignature'] = 'sealed inside the payload: checked when a recipient decrypts';
      }
      createOutput(Boolean(command.optsWithGlobals<{ json?: boolean }>().json)).result(report, () =>
        JSON.stringify(report, null, 2),
      );
    });
}
