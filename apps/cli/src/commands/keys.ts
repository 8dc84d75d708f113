import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AppError } from '@cds/domain';
import type { NodeServices } from '@cds/node';
import { loadKeys, loadNode } from '../lazy.js';
import type { KeysView } from '@cds/keys';
import { createOutput } from '../output.js';
import { readSchoolKey } from '../school-key-input.js';
import { registerKeyPublishCommand } from './keys-publish.js';
import { requireNodeDataDir } from './options.js';

interface DirOptions {
  dataDir?: string;
  node?: string;
}

export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

export async function withNode<T>(
  options: DirOptions,
  work: (services: NodeServices) => Promise<T>,
  party?: string,
): Promise<T> {
  const { openNodeServices } = await loadNode();
  const services = await openNodeServices(requireNodeDataDir(options, party));
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function describeKeys(view: KeysView): string {
  const lines = [`party ${view.party}`];
  for (const key of view.keys) {
    const state =
      key.validity.state === 'expiring' ? `expires in ${key.validity.daysLeft} days` : key.validity.state;
    lines.push(
      `${key.current ? 'current ' : 'previous'} kid ${key.kid}  ${state}${key.recovery ? '  (recovery: unchained)' : ''}`,
      `  fingerprint ${key.fingerprint}`,
      `  age recipient ${key.ageRecipient}`,
      `  ed25519 ${JSON.stringify(key.ed25519)}`,
      `  valid ${iso(key.validFrom)} to ${iso(key.validTo)}`,
    );
  }
  lines.push(
    `transport kid ${view.transport.kid}  fingerprint ${view.transport.fingerprint}`,
    `  ${JSON.stringify({ kty: view.transport.kty, crv: view.transport.crv, x: view.transport.x })}`,
  );
  return lines.join('\n');
}

function dirOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>');
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('the School Key and the keyring (學校密碼匙管理)');

  dirOptions(keys.command('init'))
    .description('create the keyring: the first key pair (365 days), its key statement and the transport key')
    .requiredOption('--party <code>', 'the participant code (must match the data directory)')
    .option(
      '--school-key-file <file>',
      'file holding the new School Key (- for stdin; prompts on a terminal)',
    )
    .action(async (options: DirOptions & { party: string; schoolKeyFile?: string }, command: Command) => {
      const result = await withNode(
        options,
        async (services) => {
          if (services.config.party !== options.party) {
            throw new AppError('key.party_mismatch', {
              actual: services.config.party,
              expected: options.party,
            });
          }
          const { initKeyring } = await loadKeys();
          return initKeyring(services.keys, await readSchoolKey(options.schoolKeyFile), cliActor());
        },
        options.party,
      );
      createOutput(json(command)).result(
        result,
        () =>
          `keyring created: kid ${result.key.kid}, fingerprint ${result.key.fingerprint}, valid to ${iso(result.key.validTo)}`,
      );
    });

  dirOptions(keys.command('show'))
    .description('show the public keys, fingerprints and validity (no School Key needed)')
    .action(async (options: DirOptions, command: Command) => {
      const { showKeys } = await loadKeys();
      const view = await withNode(options, (services) => showKeys(services.keys));
      createOutput(json(command)).result(view, () => describeKeys(view));
    });

  dirOptions(keys.command('change'))
    .description('change the School Key (更改學校密碼匙): a new key pair, the keyring re-encrypted')
    .option('--school-key-file <file>', 'current School Key (with --recover: omit when it is lost)')
    .option('--new-school-key-file <file>', 'new School Key')
    .option('--confirm-school-key-file <file>', 'the new School Key again (defaults to the new file)')
    .option('--reason <text>', 'reason recorded in the change history')
    .option(
      '--recover',
      'the key pair expired or the School Key is lost: issue an unchained key (needs an operator approval code to publish)',
    )
    .action(async (options: ChangeOptions, command: Command) => {
      const { changeSchoolKey, recoverKeyring } = await loadKeys();
      const changed = await withNode(options, async (services) => {
        const current =
          options.schoolKeyFile === undefined && options.recover
            ? null
            : await readSchoolKey(options.schoolKeyFile, 'Current School Key 現有學校密碼匙');
        const next = await readSchoolKey(options.newSchoolKeyFile, 'New School Key 新學校密碼匙');
        const confirmation =
          options.confirmSchoolKeyFile !== undefined || options.newSchoolKeyFile === undefined
            ? await readSchoolKey(options.confirmSchoolKeyFile, 'Confirm 確認新學校密碼匙')
            : Buffer.from(next);
        if (options.recover)
          return recoverKeyring(services.keys, { current, next, confirmation, actor: cliActor() });
        return changeSchoolKey(services.keys, {
          current: current ?? Buffer.alloc(0),
          next,
          confirmation,
          actor: cliActor(),
          ...(options.reason ? { reason: options.reason } : {}),
        });
      });
      createOutput(json(command)).result(
        changed,
        () =>
          `new key pair: kid ${changed.kid}, fingerprint ${changed.fingerprint}, valid to ${iso(changed.validTo)}`,
      );
    });

  dirOptions(keys.command('history'))
    .description('the Key Change History (學校密碼匙更改紀錄), newest first')
    .action(async (options: DirOptions, command: Command) => {
      const rows = await withNode(options, (services) => services.repos.keyChanges.list());
      const printable = rows.map((row) => ({
        ...row,
        at: iso(row.at),
        validFrom: iso(row.validFrom),
        validTo: iso(row.validTo),
      }));
      createOutput(json(command)).result(
        printable,
        () =>
          printable
            .map(
              (row) =>
                `${row.at}  ${row.user}  kid ${row.kid}  ${row.fingerprint}  ${row.validFrom} – ${row.validTo}  ${row.reason}`,
            )
            .join('\n') || '(no key changes)',
      );
    });

  registerKeyPublishCommand(keys);

  dirOptions(keys.command('identity'))
    .description(
      'print every X25519 identity (AGE-SECRET-KEY-1…), newest first, for recovery and the age tool (audited)',
    )
    .option('--school-key-file <file>', 'School Key (- for stdin; prompts on a terminal)')
    .action(async (options: DirOptions & { schoolKeyFile?: string }) => {
      const { exportIdentities } = await loadKeys();
      const text = await withNode(options, async (services) =>
        exportIdentities(services.keys, await readSchoolKey(options.schoolKeyFile), cliActor()),
      );
      process.stdout.write(text);
    });
}

export function registerTransportKeyCommand(node: Command): void {
  dirOptions(node.command('rotate-transport-key'))
    .description('replace the transport key; the new key is signed by the old one and sent to the hub')
    .action(async (options: DirOptions, command: Command) => {
      const { rotateTransportKey } = await loadKeys();
      const { hubClientFor, publishTransportRotation } = await loadNode();
      const result = await withNode(options, async (services) => {
        const rotated = await rotateTransportKey(services.keys, cliActor());
        // Sent at once when the hub answers; otherwise the next cycle sends it before anything else.
        const sentToHub = await publishTransportRotation(services, await hubClientFor(services)).then(
          (kid): boolean | string => kid !== null,
          (error: unknown) => {
            if (!(error instanceof AppError)) throw error;
            return error.code;
          },
        );
        return { ...rotated, sentToHub };
      });
      const sent =
        result.sentToHub === true
          ? 'sent to the hub'
          : typeof result.sentToHub === 'string'
            ? `not sent yet (${result.sentToHub}); the next cycle sends it`
            : 'not registered: nothing to send';
      createOutput(json(command)).result(
        result,
        () =>
          `transport key rotated: ${result.previousKid} → ${result.transport.kid} (${result.transport.fingerprint}), ${sent}`,
      );
    });
}

function json(command: Command): boolean {
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

interface ChangeOptions extends DirOptions {
  schoolKeyFile?: string;
  newSchoolKeyFile?: string;
  confirmSchoolKeyFile?: string;
  reason?: string;
  recover?: boolean;
}
