import { AppError } from '@cds/domain';

export interface PasswordPolicy {
  readonly minLength: number;
  readonly maxLength: number;
  /** The published demo password works only in the demo (CDS_DEMO=1), like the demo School Keys. */
  readonly allowDemoPassword: boolean;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 10,
  maxLength: 128,
  allowDemoPassword: false,
};

export const DEMO_PASSWORD = 'Demo-Pass-2026!';

/** Passwords every guesser tries first (compared without case, digits and symbols at the end). */
const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'abc123',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'school',
  'websams',
  'iloveyou',
  'hongkong',
  'changeme',
];

export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): PasswordPolicy {
  return { ...DEFAULT_PASSWORD_POLICY, allowDemoPassword: env['CDS_DEMO'] === '1' };
}

/**
 * Throws the first rule a new password breaks, each with its own code, so the user reads exactly
 * what to change in their own language (NIST 800-63B style: length first, no forced rotation).
 */
export function assertPasswordAllowed(
  candidate: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): void {
  if (candidate === DEMO_PASSWORD && !policy.allowDemoPassword) throw new AppError('auth.password_demo');
  const length = [...candidate].length;
  if (length < policy.minLength) throw new AppError('auth.password_too_short', { min: policy.minLength });
  if (length > policy.maxLength) throw new AppError('auth.password_too_long', { max: policy.maxLength });
  const lower = candidate.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) {
    throw new AppError('auth.password_contains_username');
  }
  const stem = lower.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '');
  if (COMMON.includes(stem) || new Set(candidate).size < 4) throw new AppError('auth.password_common');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(candidate));
  const nonAscii = [...candidate].some((char) => char.charCodeAt(0) > 0x7f);
  if (classes.length < 2 && !nonAscii) throw new AppError('auth.password_too_simple');
}
