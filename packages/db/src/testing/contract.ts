/**
 * The repository contract: one suite, run by sqlite.test.ts and postgres.test.ts against each
 * dialect, so the two can never drift apart in behaviour.
 */
import { afterAll, describe } from 'vitest';
import type { TestDatabases } from './databases.js';
import { incomingContract } from './incoming.contract.js';
import { keysContract } from './keys.contract.js';
import { directoryContract } from './directory.contract.js';
import { leaseContract } from './lease.contract.js';
import { migrationContract } from './migration.contract.js';
import { outgoingContract } from './outgoing.contract.js';
import { transmissionContract } from './transmission.contract.js';
import { relayContract } from './relay.contract.js';
import { reportContract } from './report.contract.js';
import { usersContract } from './users.contract.js';
import { searchContract } from './search.contract.js';
import { bundlesContract } from './bundles.contract.js';
import { noticesContract } from './notices.contract.js';
import { studentsContract } from './students.contract.js';

export function repositoryContract(label: string, makeDatabases: () => TestDatabases): void {
  describe(label, () => {
    const databases = makeDatabases();
    afterAll(() => databases.cleanup());
    migrationContract(databases);
    outgoingContract(databases);
    transmissionContract(databases);
    incomingContract(databases);
    leaseContract(databases);
    keysContract(databases);
    directoryContract(databases);
    relayContract(databases);
    reportContract(databases);
    usersContract(databases);
    searchContract(databases);
    bundlesContract(databases);
    noticesContract(databases);
    studentsContract(databases);
  });
}
