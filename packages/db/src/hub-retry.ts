/** The directory starts from this virtual entry: seq 0 with an all-zero hash. */
export const GENESIS = { seq: 0, hash: '0'.repeat(64) };

const ATTEMPTS = 8;

/**
 * Two hub instances appending to the directory at once both read the same head; the primary key on
 * seq lets only one commit, and the other retries on the new head. SQLite reports the same race as
 * SQLITE_BUSY when two connections upgrade to write locks.
 */
function isConflict(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === '23505' ||
    code === '40001' ||
    code === '40P01' ||
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export async function withConflictRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
