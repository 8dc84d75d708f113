/**
 * Attachment display names (SPEC §2.4). They come from users and from other participants and end up
 * in file dialogs, lists and logs, so both sealing and opening refuse anything that could hide,
 * reorder or escape text, or that two filesystems could treat as the same file.
 */
import { AppError } from '@cds/domain';
import { MAX_DISPLAY_NAME_BYTES } from './limits.js';

export type DisplayNameRule =
  'encoding' | 'nfc' | 'length' | 'separator' | 'nul' | 'control' | 'bidi' | 'duplicate';

const RULE_TEXT: Readonly<Record<DisplayNameRule, { readonly en: string; readonly zh: string }>> = {
  encoding: { en: 'it is not well-formed Unicode', zh: '含有無效的 Unicode 字元' },
  nfc: { en: 'it is not in Unicode NFC form', zh: '未經 Unicode NFC 正規化' },
  length: {
    en: `it must be 1–${MAX_DISPLAY_NAME_BYTES} UTF-8 bytes`,
    zh: `長度須為 1 至 ${MAX_DISPLAY_NAME_BYTES} 個 UTF-8 位元組`,
  },
  separator: { en: 'it contains / or \\', zh: '不可包含 / 或 \\' },
  nul: { en: 'it contains a NUL character', zh: '不可包含 NUL 字元' },
  control: { en: 'it contains a control character', zh: '不可包含控制字元' },
  bidi: { en: 'it contains a bidirectional text control', zh: '不可包含雙向文字控制字元' },
  duplicate: {
    en: 'another attachment has the same name (ignoring case)',
    zh: '與另一附件名稱相同（不分大小寫）',
  },
};

// Lone surrogates cannot be encoded as UTF-8; \p{Cs} only matches them in a /u regex.
const LONE_SURROGATE = /\p{Cs}/u;
// C0, DEL and C1 (Cc); NUL is tested first so it is reported on its own.
const CONTROL = /\p{Cc}/u;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_FOR_MESSAGES = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The name as it may appear in an error message or log: invisible and reordering characters spelled out. */
export function quoteDisplayName(name: string): string {
  const shown = name.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE_FOR_MESSAGES, (c) => {
    return `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
  });
  const chars = [...shown];
  return `"${chars.length > 300 ? `${chars.slice(0, 300).join('')}…` : shown}"`;
}

/**
 * Case folding for the uniqueness rule: NFC, then upper- then lower-case (Unicode default mappings,
 * locale-independent), then NFC again. Going through upper case folds σ/ς/Σ and ß/ẞ/SS together,
 * close to full Unicode case folding without a table. It is not compatibility folding: full-width
 * "Ａ" and "A" stay different names.
 */
export function foldDisplayName(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** What the upload UI should store: the user's name in NFC (macOS file dialogs give NFD). */
export function normaliseDisplayName(name: string): string {
  return name.normalize('NFC');
}

/** The first rule one name breaks on its own, or undefined. */
export function displayNameViolation(name: string): DisplayNameRule | undefined {
  if (LONE_SURROGATE.test(name)) return 'encoding';
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes < 1 || bytes > MAX_DISPLAY_NAME_BYTES) return 'length';
  if (name.normalize('NFC') !== name) return 'nfc';
  if (name.includes('/') || name.includes('\\')) return 'separator';
  if (name.includes('\u0000')) return 'nul';
  if (CONTROL.test(name)) return 'control';
  if (BIDI.test(name)) return 'bidi';
  return undefined;
}

function violation(rule: DisplayNameRule, name: string, index: number): AppError {
  return new AppError('envelope.display_name_invalid', {
    rule,
    index,
    name: quoteDisplayName(name),
    ruleEn: RULE_TEXT[rule].en,
    ruleZh: RULE_TEXT[rule].zh,
  });
}

/**
 * Checks the display names of one message, in order. Throws envelope.display_name_invalid with
 * `rule`, the 1-based attachment `index` and the quoted `name` of the first violation.
 */
export function checkDisplayNames(names: readonly string[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const rule = displayNameViolation(name);
    if (rule) throw violation(rule, name, i + 1);
    const folded = foldDisplayName(name);
    if (seen.has(folded)) throw violation('duplicate', name, i + 1);
    seen.set(folded, i + 1);
  });
}
