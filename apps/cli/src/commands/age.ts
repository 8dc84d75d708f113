import { createReadStream, createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { loadCrypto, loadKeys } from '../lazy.js';
import { readSchoolKey } from '../school-key-input.js';
import { collect } from './options.js';
import { cliActor, withNode } from './keys.js';

/** Writes a temp file renamed into place, so a failure never leaves a partial output. */
async function writeAtomically(output: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${output}.partial-${process.pid}`;
  try {
    await write(temp);
    await rename(temp, output);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Streams input → transform → output (through a temp file). */
async function streamToFile(input: string, transform: NodeJS.ReadWriteStream, output: string): Promise<void> {
  await writeAtomically(output, (temp) =>
    pipeline(
      createReadStream(input, { highWaterMark: 1024 * 1024 }),
      transform,
      // A few MiB of write-behind lets decryption of the next piece overlap the previous write.
      createWriteStream(temp, { mode: 0o600, highWaterMark: 4 * 1024 * 1024 }),
    ),
  );
}

export function registerAgeCommands(program: Command): void {
  const age = program
    .command('age')
    .description('low-level age v1 tools, interoperable with the age command');

  age
    .command('encrypt')
    .description('encrypt a file to one or more age1… (or post-quantum age1pq1…) recipients')
    .requiredOption('--to <recipient>', 'age1… or age1pq1… recipient (repeat for more)', collect)
    .requiredOption('--in <file>', 'plaintext input')
    .requiredOption('--out <file>', 'age output')
    .action(async (options: { to: string[]; in: string; out: string }) => {
      const { encryptFile, parseAgeRecipient } = await loadCrypto();
      const recipients = options.to.map(parseAgeRecipient);
      // File to file, both cores: the STREAM chunks are read, sealed and written in place.
      await writeAtomically(options.out, (temp) => encryptFile(recipients, options.in, temp));
    });

  age
    .command('decrypt')
    .description("decrypt an age file with this node's keyring (every key pair, current and previous)")
    .option('--school-key-file <file>', 'School Key (- for stdin; prompts on a terminal)')
    .requiredOption('--in <file>', 'age input')
    .requiredOption('--out <file>', 'plaintext output')
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>')
    .action(
      async (options: {
        schoolKeyFile?: string;
        in: string;
        out: string;
        dataDir?: string;
        node?: string;
      }) => {
        const { unlockKeyring } = await loadKeys();
        const { decryptStream } = await loadCrypto();
        const identities = await withNode(options, async (services) => {
          const unlocked = await unlockKeyring(
            services.keys,
            await readSchoolKey(options.schoolKeyFile),
            cliActor(),
          );
          return unlocked.identities;
        });
        await streamToFile(options.in, decryptStream(identities), options.out);
      },
    );
}
