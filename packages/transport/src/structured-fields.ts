import { AppError, type ErrorCode } from '@cds/domain';

/**
 * RFC 8941 Structured Field Values: the Dictionary grammar that Signature, Signature-Input and
 * Content-Digest use. http-message-signatures keeps its parser (the `structured-headers` package)
 * private and exposes no typed access to a signature's parameters, and that package is not a
 * declared dependency of ours, so the small part we need is written out here from the RFC's parsing
 * algorithms (§4.2). Dates and display strings (RFC 9651) are not accepted: RFC 9421 uses neither.
 */
export type BareItem =
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'token'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Buffer }
  | { readonly type: 'boolean'; readonly value: boolean };

export type SfParameters = ReadonlyMap<string, BareItem>;

export interface SfItem {
  readonly kind: 'item';
  readonly value: BareItem;
  readonly params: SfParameters;
}

export interface SfInnerList {
  readonly kind: 'inner-list';
  readonly items: readonly SfItem[];
  readonly params: SfParameters;
}

export type SfDictionary = ReadonlyMap<string, SfItem | SfInnerList>;

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_START = /[A-Za-z*]/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;
const DIGIT = /[0-9]/;

/** Parses a Dictionary field value; any deviation from the grammar throws AppError(failWith). */
export function parseDictionary(
  text: string,
  failWith: ErrorCode = 'transport.signature_invalid',
): SfDictionary {
  return new DictionaryParser(text, failWith).parse();
}

class DictionaryParser {
  private readonly input: string;
  private readonly failWith: ErrorCode;
  private pos = 0;

  constructor(input: string, failWith: ErrorCode) {
    this.input = input;
    this.failWith = failWith;
  }

  parse(): SfDictionary {
    const result = new Map<string, SfItem | SfInnerList>();
    this.skip(/ /);
    if (this.atEnd()) throw this.fail('empty dictionary');
    for (;;) {
      const key = this.parseKey();
      if (this.peek() === '=') {
        this.pos++;
        result.set(key, this.peek() === '(' ? this.parseInnerList() : this.parseItem());
      } else {
        result.set(key, {
          kind: 'item',
          value: { type: 'boolean', value: true },
          params: this.parseParams(),
        });
      }
      this.skip(/[ \t]/);
      if (this.atEnd()) return result;
      if (this.next() !== ',') throw this.fail('expected "," between dictionary members');
      this.skip(/[ \t]/);
      if (this.atEnd()) throw this.fail('trailing "," in dictionary');
    }
  }

  private parseInnerList(): SfInnerList {
    this.pos++;
    const items: SfItem[] = [];
    while (!this.atEnd()) {
      this.skip(/ /);
      if (this.peek() === ')') {
        this.pos++;
        return { kind: 'inner-list', items, params: this.parseParams() };
      }
      items.push(this.parseItem());
      const after = this.peek();
      if (after !== ' ' && after !== ')') throw this.fail('expected " " or ")" in inner list');
    }
    throw this.fail('unterminated inner list');
  }

  private parseItem(): SfItem {
    return { kind: 'item', value: this.parseBareItem(), params: this.parseParams() };
  }

  private parseParams(): SfParameters {
    const params = new Map<string, BareItem>();
    while (this.peek() === ';') {
      this.pos++;
      this.skip(/ /);
      const key = this.parseKey();
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === '=') {
        this.pos++;
        value = this.parseBareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  private parseKey(): string {
    const start = this.pos;
    if (!KEY_START.test(this.peek())) throw this.fail('a key must start with a-z or "*"');
    while (KEY_CHAR.test(this.peek())) this.pos++;
    return this.input.slice(start, this.pos);
  }

  private parseBareItem(): BareItem {
    const c = this.peek();
    if (c === '-' || DIGIT.test(c)) return this.parseNumber();
    if (c === '"') return this.parseString();
    if (c === ':') return this.parseBytes();
    if (c === '?') return this.parseBoolean();
    if (TOKEN_START.test(c)) return this.parseToken();
    throw this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  private parseNumber(): BareItem {
    const match = /^-?[0-9]+(\.[0-9]*)?/.exec(this.input.slice(this.pos));
    const text = match?.[0] ?? '';
    const [whole = '', fraction] = text.replace('-', '').split('.');
    if (whole === '') throw this.fail('a number needs a digit');
    this.pos += text.length;
    if (fraction === undefined) {
      if (whole.length > 15) throw this.fail('integer out of range');
      return { type: 'integer', value: Number(text) };
    }
    if (whole.length > 12 || fraction.length === 0 || fraction.length > 3) throw this.fail('bad decimal');
    return { type: 'decimal', value: Number(text) };
  }

  private parseString(): BareItem {
    this.pos++;
    let value = '';
    while (!this.atEnd()) {
      const c = this.next();
      if (c === '"') return { type: 'string', value };
      if (c === '\\') {
        const escaped = this.next();
        if (escaped !== '"' && escaped !== '\\') throw this.fail('bad escape in string');
        value += escaped;
      } else if (c < ' ' || c > '~') {
        throw this.fail('a string holds printable ASCII only');
      } else {
        value += c;
      }
    }
    throw this.fail('unterminated string');
  }

  private parseToken(): BareItem {
    const start = this.pos;
    this.pos++;
    while (TOKEN_CHAR.test(this.peek())) this.pos++;
    return { type: 'token', value: this.input.slice(start, this.pos) };
  }

  private parseBytes(): BareItem {
    const start = ++this.pos;
    while (BASE64_CHAR.test(this.peek())) this.pos++;
    if (this.next() !== ':') throw this.fail('unterminated byte sequence');
    return { type: 'bytes', value: Buffer.from(this.input.slice(start, this.pos - 1), 'base64') };
  }

  private parseBoolean(): BareItem {
    this.pos++;
    const c = this.next();
    if (c !== '0' && c !== '1') throw this.fail('a boolean is ?0 or ?1');
    return { type: 'boolean', value: c === '1' };
  }

  private peek(): string {
    return this.input.charAt(this.pos);
  }

  private next(): string {
    return this.input.charAt(this.pos++);
  }

  private atEnd(): boolean {
    return this.pos >= this.input.length;
  }

  private skip(chars: RegExp): void {
    while (!this.atEnd() && chars.test(this.peek())) this.pos++;
  }

  private fail(reason: string): AppError {
    return new AppError(this.failWith, { detail: `${reason} at position ${this.pos}` });
  }
}
