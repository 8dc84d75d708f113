/**
 * argon2id at the OWASP baseline (m = 19 MiB, t = 2, p = 1); @node-rs/argon2's defaults are exactly
 * these, spelled out so a library upgrade cannot weaken them silently. About 50 ms per hash here.
 */
const OWASP_ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Loaded on first use: most CLI commands never touch a password. */
const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, OWASP_ARGON2ID);
}

/** A malformed stored hash is a wrong password, not a crash at the login page. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  const { verify } = await argon2();
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification for a user name that does not exist, so response times do
 * not tell an attacker which user names are real.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('cds-decoy-password-never-matches');
  await verifyPassword(await decoy, password);
  return false;
}
