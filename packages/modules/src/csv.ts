/**
 * The CSV files modules read and write (RFC 4180: comma, double quotes, CRLF or LF), UTF-8 only.
 * Reading reports problems by line number instead of throwing, because a school clerk fixes a
 * file row by row: every problem at once, each with the line a spreadsheet shows.
 */
import type { RowProblem } from './contract.js';

export interface CsvRecord {
  /** The line (1-based) the record starts on, as a text editor or spreadsheet numbers it. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface DecodedCsv {
  readonly records: readonly CsvRecord[];
  readonly problems: readonly RowProblem[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const BOM = [0xef, 0xbb, 0xbf];

/** Big5 (the usual legacy encoding of Hong Kong spreadsheets) is named in the hint when it fits. */
function looksLikeBig5(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('big5', { fatal: true }).decode(bytes);
    return /[\u3400-\u9fff]/u.test(text);
  } catch {
    return false;
  }
}

/**
 * Decodes line by line so a wrongly encoded file names each bad line; a UTF-8 BOM is dropped,
 * a UTF-16 file is refused as a whole.
 */
export function decodeUtf8Lines(bytes: Uint8Array): { text: string; problems: RowProblem[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: '', problems: [{ row: 1, code: 'encoding', value: 'UTF-16' }] };
  }
  const start = BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  const problems: RowProblem[] = [];
  const lines: string[] = [];
  let from = start;
  let line = 1;
  for (let i = start; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const slice = bytes.subarray(from, i);
    try {
      lines.push(UTF8.decode(slice));
    } catch {
      problems.push({ row: line, code: 'encoding', value: looksLikeBig5(slice) ? 'Big5' : null });
      lines.push('');
    }
    from = i + 1;
    line++;
  }
  return { text: lines.join('\n'), problems };
}

/** RFC 4180 records; blank lines are skipped, an unterminated quote is a problem of its line. */
export function parseCsv(text: string): DecodedCsv {
  const records: CsvRecord[] = [];
  const problems: RowProblem[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) {
      records.push({ line: startLine, fields });
    }
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) problems.push({ row: startLine, code: 'unterminated_quote' });
  else if (field !== '' || fields.length > 0) endRecord();
  return { records, problems };
}

/** One CSV line; a field with a comma, quote or line break is quoted (RFC 4180). */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields
    .map((value) => {
      const text = value === null ? '' : String(value);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}

/** The header row as lower-case names; each later record read as name → value. */
export function recordsByHeader(records: readonly CsvRecord[]): {
  header: readonly string[];
  rows: { line: number; values: Map<string, string>; extra: boolean }[];
} {
  const [first, ...rest] = records;
  const header = (first?.fields ?? []).map((name) => name.trim().toLowerCase());
  return {
    header,
    rows: rest.map((record) => {
      const values = new Map<string, string>();
      header.forEach((name, index) => values.set(name, (record.fields[index] ?? '').trim()));
      return { line: record.line, values, extra: record.fields.length > header.length };
    }),
  };
}
