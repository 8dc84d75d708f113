import { describe, it } from 'vitest';
import { repositoryContract } from './testing/contract.js';
import { postgresTestDatabases } from './testing/databases.js';

/*
 * PostgreSQL runs only where a server is configured. Locally a missing CDS_TEST_PG_URL skips the
 * suite (with the reason in its name); in CI it fails, so a misconfigured pipeline cannot pass
 * green without ever touching PostgreSQL.
 */
const url = process.env['CDS_TEST_PG_URL'];

if (url) {
  repositoryContract('repositories on PostgreSQL', () => postgresTestDatabases(url));
} else if (process.env['CI'] === 'true') {
  describe('repositories on PostgreSQL', () => {
    it('needs a database', () => {
      throw new Error('CDS_TEST_PG_URL is required in CI');
    });
  });
} else {
  console.warn(
    'PostgreSQL repository contract skipped: CDS_TEST_PG_URL is not set (CI=true makes this a failure).',
  );
  describe.skip('repositories on PostgreSQL — skipped: set CDS_TEST_PG_URL=postgres://user:pass@host/db to run', () => {
    it('contract suite', () => {});
  });
}
