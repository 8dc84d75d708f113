/**
 * Fits text into a table cell: wraps at spaces between Latin words and between any two Chinese
 * characters, breaks a word longer than the cell (an id, a fingerprint) where it must, and cuts
 * what exceeds the allowed lines with an ellipsis, so nothing is ever printed past a cell's edge.
 */
const ELLIPSIS = '…';

/** A CJK ideograph, kana, CJK punctuation or full-width form: a line may break before it or after it. */
const CJK = /[\u2E80-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;
/** Punctuation that must not begin a line (kinsoku): it stays with the character before it. */
const NO_LINE_START = /^[，。、；：？！）」』》〉】．,.;:?!)\]}]/u;

type Measure = (text: string) => number;

/** Whitespace (tabs, newlines from a pasted description) prints as single spaces. */
export function normalise(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const char of text) {
    if (char === ' ' || CJK.test(char)) {
      if (word) out.push(word);
      word = '';
      const last = out[out.length - 1];
      // A closing mark joins the token before it so it is never alone at the start of a line.
      if (NO_LINE_START.test(char) && last !== undefined && last !== ' ') out[out.length - 1] = last + char;
      else out.push(char);
    } else if (NO_LINE_START.test(char) && word === '' && out.length > 0 && out[out.length - 1] !== ' ') {
      out[out.length - 1] += char;
    } else {
      word += char;
    }
  }
  if (word) out.push(word);
  return out;
}

/** The longest prefix of `text` that, followed by `suffix`, fits in `width`. */
function fitPrefix(text: string, width: number, measure: Measure, suffix = ''): string {
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(chars.slice(0, mid).join('') + suffix) <= width) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('');
}

/** One line, cut with an ellipsis when it does not fit. */
export function truncate(text: string, width: number, measure: Measure): string {
  const clean = normalise(text);
  if (measure(clean) <= width) return clean;
  return fitPrefix(clean, width, measure, ELLIPSIS).trimEnd() + ELLIPSIS;
}

/** At most `maxLines` lines no wider than `width`; the last one ends in an ellipsis if text remains. */
export function wrap(text: string, width: number, maxLines: number, measure: Measure): string[] {
  const clean = normalise(text);
  if (clean === '') return [];
  if (measure(clean) <= width) return [clean];
  if (maxLines <= 1) return [truncate(clean, width, measure)];
  const lines: string[] = [];
  let line = '';
  const queue = tokens(clean);
  for (let i = 0; i < queue.length; i += 1) {
    const token = queue[i] ?? '';
    if (line === '' && token === ' ') continue;
    if (measure(line + token) <= width) {
      line += token;
      continue;
    }
    if (line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      if (token !== ' ') i -= 1; // retry the token on the fresh line
    } else {
      // A single token wider than the cell: break it where the cell ends.
      const head = fitPrefix(token, width, measure) || [...token][0] || '';
      lines.push(head);
      queue[i] = token.slice(head.length);
      if (queue[i] !== '') i -= 1;
    }
    if (lines.length > maxLines) break;
  }
  if (line.trim() !== '' && lines.length <= maxLines) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const rest = lines.slice(maxLines - 1).join(' ');
  kept[maxLines - 1] = truncate(rest, width, measure);
  return kept;
}

/**
 * The narrowest width at which `text` wraps without splitting a word: its widest word, or the whole
 * text when it is a short label without spaces (a four-character Chinese heading reads badly
 * broken over two lines even where a break is allowed).
 */
export function unbreakableWidth(text: string, measure: Measure): number {
  const clean = normalise(text);
  if (!clean.includes(' ') && [...clean].length <= 6) return measure(clean);
  return Math.max(0, ...tokens(clean).map((token) => (token === ' ' ? 0 : measure(token))));
}
