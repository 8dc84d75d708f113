import { AppError, type ErrorReason } from '@cds/domain';

export interface SchoolKeyPolicy {
  readonly minLength: number;
  /** The published demo School Keys (Demo-Key-<PARTY>-2026) work only in the demo (CDS_DEMO=1). */
  readonly allowDemoKeys: boolean;
}

export const DEFAULT_SCHOOL_KEY_POLICY: SchoolKeyPolicy = { minLength: 12, allowDemoKeys: false };

const DEMO_KEY = /^Demo-Key-[A-Z0-9]+-2026$/;

/** Passphrases every guesser tries first; a School Key protects a whole school's correspondence. */
const TRIVIAL = [
  'password',
  'passw0rd',
  'qwerty',
  'abc123',
  '12345678',
  'letmein',
  'admin',
  'welcome',
  'school',
  'edb',
];

/**
 * The problems with a proposed School Key, in the order a user should fix them (empty when strong
 * enough), as reason codes both languages can read (domain error-reasons.ts).
 */
export function schoolKeyProblems(
  candidate: string,
  policy: SchoolKeyPolicy = DEFAULT_SCHOOL_KEY_POLICY,
): ErrorReason[] {
  const problems: ErrorReason[] = [];
  if (!policy.allowDemoKeys && DEMO_KEY.test(candidate)) problems.push('school_key.demo_key');
  const length = [...candidate].length;
  if (length < policy.minLength) problems.push('school_key.too_short');
  if (candidate.trim() !== candidate) problems.push('school_key.spaces');
  if (new Set(candidate).size < 4) problems.push('school_key.few_characters');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(candidate)).length;
  if (classes < 2 && ![...candidate].some((char) => char.charCodeAt(0) > 0x7f))
    problems.push('school_key.no_mix');
  const lower = candidate.toLowerCase();
  if (
    TRIVIAL.some((word) => lower.replace(/[^a-z0-9]/g, '').startsWith(word) && lower.length < word.length + 6)
  ) {
    problems.push('school_key.common');
  }
  return problems;
}

export function assertStrongSchoolKey(
  candidate: string,
  policy: SchoolKeyPolicy = DEFAULT_SCHOOL_KEY_POLICY,
): void {
  const problems = schoolKeyProblems(candidate, policy);
  if (problems.length > 0) {
    throw new AppError('key.weak_school_key', {
      reason: problems.join(','),
      minLength: policy.minLength,
      length: [...candidate].length,
    });
  }
}
