/**
 * Bech32 (BIP 173) as age uses it: the original checksum constant (not Bech32m) and no 90-character
 * limit, because an age secret key is longer than that. The human-readable part is returned in the
 * case it was written in, since age tells recipients ("age") from identities ("AGE-SECRET-KEY-") by it.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (GENERATOR[i] ?? 0)) >>> 0;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >>> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

function convertBits(data: Iterable<number>, from: number, to: number, pad: boolean): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const value of data) {
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
    acc &= (1 << bits) - 1;
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    throw new Error('non-zero or excess padding bits');
  }
  return out;
}

export function bech32Encode(hrp: string, data: Uint8Array, upper = false): string {
  const lowerHrp = hrp.toLowerCase();
  const words = convertBits(data, 8, 5, true);
  const checksumInput = [...hrpExpand(lowerHrp), ...words, 0, 0, 0, 0, 0, 0];
  const mod = polymod(checksumInput) ^ 1;
  for (let i = 0; i < 6; i++) words.push((mod >>> (5 * (5 - i))) & 31);
  const encoded = `${lowerHrp}1${words.map((w) => CHARSET[w]).join('')}`;
  return upper ? encoded.toUpperCase() : encoded;
}

/** Throws a plain Error with the reason; callers wrap it in the AppError that fits their input. */
export function bech32Decode(text: string): { hrp: string; data: Buffer } {
  if (text.toLowerCase() !== text && text.toUpperCase() !== text) throw new Error('mixed case');
  const pos = text.lastIndexOf('1');
  if (pos < 1 || pos + 7 > text.length) throw new Error('separator "1" at an invalid position');
  const hrp = text.slice(0, pos);
  for (let i = 0; i < hrp.length; i++) {
    const c = hrp.charCodeAt(i);
    if (c < 33 || c > 126) throw new Error('invalid character in the prefix');
  }
  const lower = text.toLowerCase();
  const words: number[] = [];
  for (const ch of lower.slice(pos + 1)) {
    const w = CHARSET.indexOf(ch);
    if (w < 0) throw new Error(`invalid character ${JSON.stringify(ch)}`);
    words.push(w);
  }
  if (polymod([...hrpExpand(hrp.toLowerCase()), ...words]) !== 1) throw new Error('invalid checksum');
  return { hrp, data: Buffer.from(convertBits(words.slice(0, -6), 5, 8, false)) };
}
