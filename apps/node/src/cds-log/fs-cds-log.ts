import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  AppError,
  cdsLogFileName,
  dateOfCdsLogFile,
  formatCdsLogLine,
  hongKongDate,
  isCalendarDate,
  type CdsLogDay,
  type CdsLogEntry,
  type CdsLogReader,
  type CdsLogWriter,
} from '@cds/domain';

export type FsCdsLog = CdsLogWriter & CdsLogReader;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The CDS log as files in the data directory's `logs/` (SPEC §11), beside the server's own log.
 * Appends are O_APPEND writes followed by fdatasync (and a directory fsync when the day's file is
 * new), so a line the cycle wrote survives a crash; a CLI cycle and the server never write at the
 * same time because the transmission lease allows one cycle per node.
 */
export function createFsCdsLog(dir: string): FsCdsLog {
  function pathOf(date: string): string {
    if (!isCalendarDate(date)) throw new AppError('log.invalid_date', { date });
    return join(dir, cdsLogFileName(date));
  }

  async function sizeOf(date: string): Promise<number> {
    try {
      return (await stat(pathOf(date))).size;
    } catch (error) {
      if (isMissing(error)) throw new AppError('log.not_found', { date });
      throw error;
    }
  }

  return {
    async append(entries: readonly CdsLogEntry[]) {
      const byDate = new Map<string, string[]>();
      for (const entry of entries) {
        const date = hongKongDate(entry.at);
        const lines = byDate.get(date) ?? [];
        lines.push(`${formatCdsLogLine(entry)}\n`);
        byDate.set(date, lines);
      }
      await mkdir(dir, { recursive: true });
      for (const [date, lines] of byDate) {
        const path = pathOf(date);
        const handle = await open(path, 'a', 0o640);
        let created: boolean;
        try {
          created = (await handle.stat()).size === 0;
          await handle.writeFile(lines.join(''), 'utf8');
          await handle.datasync();
        } finally {
          await handle.close();
        }
        if (created) await fsyncDirectory(dir);
      }
    },

    async days(): Promise<readonly CdsLogDay[]> {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const days: CdsLogDay[] = [];
      for (const name of names) {
        const date = dateOfCdsLogFile(name);
        if (date === null) continue;
        days.push({ date, file: name, size: (await stat(join(dir, name))).size });
      }
      return days.sort((a, b) => (a.date < b.date ? 1 : -1));
    },

    async *lines(date: string): AsyncIterable<string> {
      await sizeOf(date);
      const reader = createInterface({ input: createReadStream(pathOf(date), 'utf8'), crlfDelay: Infinity });
      try {
        for await (const line of reader) if (line !== '') yield line;
      } finally {
        reader.close();
      }
    },

    async open(date: string) {
      const size = await sizeOf(date);
      return { size, stream: createReadStream(pathOf(date)) };
    },
  };
}
