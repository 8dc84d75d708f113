import type { Command } from 'commander';
import { AppError, GROUPS } from '@cds/domain';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { readSchoolKey } from '../school-key-input.js';
import { cliActor, withNode } from './keys.js';
import { collect } from './options.js';

interface DirOptions {
  dataDir?: string;
  node?: string;
}

function dirOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>');
}

function json(command: Command): boolean {
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

/**
 * A password from `--password-file F` (`-` = stdin, one trailing newline removed) or typed twice at
 * a terminal without echo; never from argv or the environment, where other users could read it.
 */
async function readPassword(file: string | undefined): Promise<string> {
  try {
    const password = await readSchoolKey(file, 'Password 密碼');
    if (file === undefined) {
      const again = await readSchoolKey(undefined, 'Password again 再次輸入密碼');
      if (!again.equals(password))
        throw new AppError('usage.invalid_argument', { reason: 'cli.passwords_differ' });
    }
    return password.toString('utf8');
  } catch (error) {
    if (error instanceof AppError && error.code === 'key.school_key_required') {
      throw new AppError('usage.invalid_argument', { reason: 'cli.password_required' });
    }
    throw error;
  }
}

const groupList = GROUPS.entries.map((entry) => entry.code).join(', ');

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('users of the web application (用戶管理)');

  dirOptions(user.command('add'))
    .description('add a user; on a new node this creates the first administrator (--group CDS_ADMIN)')
    .requiredOption('--username <name>', 'user name (3–32 lowercase letters, digits, . _ -)')
    .requiredOption('--group <group>', `group, repeat for several (${groupList})`, collect)
    .option('--display-name <name>', 'name shown in the web application')
    .option('--password-file <file>', 'file holding the password (- for stdin; prompts on a terminal)')
    .option('--temporary', 'the user must change the password at first login')
    .action(
      async (
        options: DirOptions & {
          username: string;
          group: string[];
          displayName?: string;
          passwordFile?: string;
          temporary?: boolean;
        },
        command: Command,
      ) => {
        const { addUser, authContextOf } = await loadNode();
        const password = await readPassword(options.passwordFile);
        const added = await withNode(options, (services) =>
          addUser(authContextOf(services), {
            username: options.username,
            groups: options.group,
            password,
            mustChangePassword: options.temporary === true,
            actor: cliActor(),
            ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
          }),
        );
        createOutput(json(command)).result(
          added,
          () => `added ${added.username} (${added.groups.join(', ')})`,
        );
      },
    );

  dirOptions(user.command('list'))
    .description('list users with their groups and state')
    .action(async (options: DirOptions, command: Command) => {
      const { listUsers, authContextOf } = await loadNode();
      const users = await withNode(options, (services) => listUsers(authContextOf(services)));
      const view = users.map((entry) => ({
        username: entry.username,
        displayName: entry.displayName,
        groups: entry.groups,
        disabled: entry.disabled,
        mustChangePassword: entry.mustChangePassword,
        lastLoginAt: entry.lastLoginAt === null ? null : new Date(entry.lastLoginAt).toISOString(),
      }));
      createOutput(json(command)).result(view, () =>
        view.length === 0
          ? 'no users yet: cds user add --group CDS_ADMIN --username <name>'
          : view
              .map(
                (entry) =>
                  `${entry.username.padEnd(16)} ${entry.groups.join(',').padEnd(24)} ${entry.disabled ? 'disabled' : 'active'}  ${entry.displayName}`,
              )
              .join('\n'),
      );
    });

  dirOptions(user.command('reset-password'))
    .description('set a new password (ends the user’s sessions and lifts a login lockout)')
    .requiredOption('--username <name>', 'user name')
    .option('--password-file <file>', 'file holding the password (- for stdin; prompts on a terminal)')
    .action(async (options: DirOptions & { username: string; passwordFile?: string }, command: Command) => {
      const { resetPassword, authContextOf } = await loadNode();
      const password = await readPassword(options.passwordFile);
      await withNode(options, (services) =>
        resetPassword(authContextOf(services), { username: options.username, password, actor: cliActor() }),
      );
      createOutput(json(command)).result(
        { username: options.username.trim().toLowerCase(), reset: true },
        () => `password reset for ${options.username}; the user must change it at next login`,
      );
    });
}
