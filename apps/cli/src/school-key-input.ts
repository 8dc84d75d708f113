import { readFile } from 'node:fs/promises';
import { AppError } from '@cds/domain';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Typed at a terminal without echo; never in argv or env (SPEC §2.1). */
async function prompt(label: string): Promise<Buffer> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new AppError('key.school_key_required');
  process.stderr.write(`${label}: `);
  stdin.setRawMode(true);
  stdin.resume();
  const bytes: number[] = [];
  try {
    for await (const chunk of stdin) {
      for (const byte of chunk as Buffer) {
        if (byte === 3) throw new AppError('usage.invalid_argument', { reason: 'cli.cancelled' });
        if (byte === 13 || byte === 10) return Buffer.from(bytes);
        if (byte === 127 || byte === 8) bytes.pop();
        else bytes.push(byte);
      }
    }
    return Buffer.from(bytes);
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
    bytes.fill(0);
  }
}

/**
 * A School Key from `--school-key-file F` (UTF-8, one trailing newline removed; `-` = stdin), or a
 * prompt on a terminal. Returned as a Buffer so the caller can zero it after use.
 */
export async function readSchoolKey(
  file: string | undefined,
  label = 'School Key 學校密碼匙',
): Promise<Buffer> {
  let raw: Buffer;
  if (file === undefined) return prompt(label);
  try {
    raw = file === '-' ? await readStdin() : await readFile(file);
  } catch (error) {
    throw new AppError('usage.invalid_argument', {
      reason: 'cli.cannot_read',
      file,
      detail: (error as Error).message,
    });
  }
  let end = raw.length;
  if (end > 0 && raw[end - 1] === 0x0a) end -= 1;
  if (end > 0 && raw[end - 1] === 0x0d) end -= 1;
  const key = Buffer.from(raw.subarray(0, end));
  raw.fill(0);
  if (key.length === 0) throw new AppError('key.school_key_required');
  return key;
}
