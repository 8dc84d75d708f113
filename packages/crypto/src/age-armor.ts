/**
 * age's ASCII armor, incremental in both directions so an armored file streams like a binary one.
 * The decoder follows the reference reader's strictness: exact BEGIN/END lines, 64-column canonical
 * padded base64, only the last line short, LF or CRLF, and nothing but bounded whitespace outside.
 */
import { AppError } from '@cds/domain';
import { decodePaddedBase64 } from './base64.js';

export const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
export const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
const COLUMNS = 64;
const BYTES_PER_LINE = 48;
const MAX_OUTSIDE_WHITESPACE = 1024;
const WHITESPACE = /^[\t\n\v\f\r ]*$/;

/** A binary age file starts with "age-"; armor starts with "-----BEGIN" or the whitespace allowed before it. */
export function startsArmored(firstByte: number): boolean {
  return firstByte === 0x2d || firstByte === 0x20 || (firstByte >= 0x09 && firstByte <= 0x0d);
}

function armorError(detail: string): AppError {
  return new AppError('age.armor_invalid', { detail });
}

export class ArmorEncoder {
  #rest: Buffer = Buffer.alloc(0);
  #started = false;

  #begin(): string {
    if (this.#started) return '';
    this.#started = true;
    return `${ARMOR_BEGIN}\n`;
  }

  update(data: Buffer): Buffer {
    const joined = this.#rest.length ? Buffer.concat([this.#rest, data]) : data;
    const whole = joined.length - (joined.length % BYTES_PER_LINE);
    this.#rest = Buffer.from(joined.subarray(whole));
    const encoded = joined.subarray(0, whole).toString('base64');
    let text = this.#begin();
    for (let i = 0; i < encoded.length; i += COLUMNS) text += `${encoded.slice(i, i + COLUMNS)}\n`;
    return Buffer.from(text, 'latin1');
  }

  final(): Buffer {
    const last = this.#rest.length ? `${this.#rest.toString('base64')}\n` : '';
    return Buffer.from(`${this.#begin()}${last}${ARMOR_END}\n`, 'latin1');
  }
}

type DecoderState = 'before' | 'body' | 'expectEnd' | 'after';

export class ArmorDecoder {
  #state: DecoderState = 'before';
  #partial = '';
  #outside = 0;

  /** Decodes the complete lines in `data`; returns the payload bytes they carry. */
  update(data: Buffer): Buffer {
    const text = this.#partial + data.toString('latin1');
    const out: Buffer[] = [];
    let start = 0;
    for (;;) {
      if (this.#state === 'after') {
        this.#checkTrailing(text.slice(start));
        this.#partial = '';
        break;
      }
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        this.#partial = text.slice(start);
        // No legitimate line is this long: stop a newline-free input from growing the buffer.
        if (this.#partial.length > MAX_OUTSIDE_WHITESPACE + COLUMNS) throw armorError('line too long');
        break;
      }
      this.#line(text.slice(start, nl), out);
      start = nl + 1;
    }
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  /** Ends the input; throws if the armor is not properly closed. */
  final(): Buffer {
    const out: Buffer[] = [];
    // Like the reference reader, a last line without a newline still counts as a line.
    if (this.#state !== 'after' && this.#partial !== '') this.#line(this.#partial, out);
    this.#partial = '';
    if (this.#state !== 'after') throw armorError('the armor ends before its END line');
    return Buffer.concat(out);
  }

  #line(raw: string, out: Buffer[]): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    switch (this.#state) {
      case 'before':
        if (WHITESPACE.test(line)) {
          this.#outside += raw.length + 1;
          if (this.#outside > MAX_OUTSIDE_WHITESPACE) throw armorError('too much leading whitespace');
          return;
        }
        if (line !== ARMOR_BEGIN) throw armorError('the first line is not the BEGIN line');
        this.#state = 'body';
        this.#outside = 0;
        return;
      case 'body': {
        if (line === ARMOR_END) {
          this.#state = 'after';
          return;
        }
        if (line.length > COLUMNS) throw armorError('a line is longer than 64 columns');
        const bytes = line === '' ? undefined : decodePaddedBase64(line);
        if (!bytes) throw armorError('invalid base64 line');
        out.push(bytes);
        if (bytes.length < BYTES_PER_LINE) this.#state = 'expectEnd';
        return;
      }
      case 'expectEnd':
        if (line !== ARMOR_END) throw armorError('a short line is not followed by the END line');
        this.#state = 'after';
        return;
      case 'after':
        throw new Error('unreachable: trailing text is checked as a whole');
    }
  }

  #checkTrailing(text: string): void {
    this.#outside += text.length;
    if (!WHITESPACE.test(text)) throw armorError('data after the END line');
    if (this.#outside >= MAX_OUTSIDE_WHITESPACE) throw armorError('too much trailing whitespace');
  }
}
