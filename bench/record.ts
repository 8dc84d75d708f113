/// <reference types="node" />
import { readFile, writeFile } from 'node:fs/promises';

const INTRO =
  '# Performance\n\nFigures from `bench/`; every run appends a row to its section. Measured on the project build machine (2 cores); figures vary with load.\n';

/**
 * Adds a row to the table under `## title` in docs/performance.md, creating the section (with its
 * header row) the first time, wherever other sections stand in the file.
 */
export async function recordRow(
  file: string,
  title: string,
  columns: readonly string[],
  row: readonly string[],
): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => INTRO);
  const line = `| ${row.join(' | ')} |`;
  const heading = `## ${title}`;
  const lines = text.trimEnd().split('\n');
  const at = lines.indexOf(heading);
  if (at < 0) {
    lines.push(
      '',
      heading,
      '',
      `| ${columns.join(' | ')} |`,
      `|${columns.map(() => '---').join('|')}|`,
      line,
    );
  } else {
    let end = at + 1;
    while (end < lines.length && !lines[end].startsWith('## ')) end += 1;
    // Right after the table's last row, so notes written below the table stay below it.
    let lastRow = end - 1;
    while (lastRow > at && !lines[lastRow].startsWith('|')) lastRow -= 1;
    if (lastRow > at) end = lastRow + 1;
    else while (end > at + 1 && lines[end - 1].trim() === '') end -= 1;
    lines.splice(end, 0, line);
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}
