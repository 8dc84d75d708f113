/**
 * Participant codes (SPEC §1): a school by its six-digit school code (SCRN), an agency by one of
 * four fixed codes. Codes are matched exactly (no trimming, no case folding) so one party can never
 * be stored under two spellings; input layers normalise before they call this.
 */
import { AppError } from './errors.js';
import type { CodeOf, CodeTable } from './codes.js';

export const AGENCIES = {
  name: 'agency',
  title: { 'zh-HK': '機構', en: 'Agency' },
  entries: [
    { code: 'EDB', 'zh-HK': '教育局', en: 'Education Bureau' },
    { code: 'HKEAA', 'zh-HK': '考評局', en: 'Hong Kong Examinations and Assessment Authority' },
    { code: 'SFO', 'zh-HK': '學生資助處', en: 'Student Finance Office' },
    { code: 'TRY', 'zh-HK': '庫務署', en: 'Treasury' },
  ],
} as const satisfies CodeTable<string>;
export type AgencyCode = CodeOf<typeof AGENCIES>;

/** Six ASCII digits; a template literal type cannot say "six", so the brand is the validator. */
export type SchoolCode = string & { readonly __schoolCode: true };
export type PartyCode = SchoolCode | AgencyCode;
export type PartyKind = 'school' | 'agency';

const SCHOOL_CODE = /^[0-9]{6}$/;

export function isSchoolCode(value: unknown): value is SchoolCode {
  return typeof value === 'string' && SCHOOL_CODE.test(value);
}

export function isAgencyCode(value: unknown): value is AgencyCode {
  return typeof value === 'string' && AGENCIES.entries.some((entry) => entry.code === value);
}

export function isPartyCode(value: unknown): value is PartyCode {
  return isSchoolCode(value) || isAgencyCode(value);
}

/** The code, typed, or `party.invalid_code`. */
export function parsePartyCode(value: unknown): PartyCode {
  if (isPartyCode(value)) return value;
  throw new AppError('party.invalid_code', { code: String(value) });
}

export function partyKind(code: PartyCode | (string & {})): PartyKind {
  if (isSchoolCode(code)) return 'school';
  if (isAgencyCode(code)) return 'agency';
  throw new AppError('party.invalid_code', { code });
}
