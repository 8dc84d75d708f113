import { showKeys, type KeySummary } from '@cds/keys';
import type { NodeServices } from '../node-services.js';
import { registrationState } from './register-node.js';

export interface SchoolKeyRow extends KeySummary {
  /**
   * Where the key's statement stands (SPEC §2.1 "submitting the new key to EDB"): `published` once
   * the verified directory lists it; `next_cycle` for a rollover the next cycle sends; `needs_code`
   * for a recovered key waiting for the operator's approval code; `not_registered` before 系統註冊.
   */
  readonly publication: 'published' | 'next_cycle' | 'needs_code' | 'not_registered';
}

export interface SchoolKeysView {
  readonly party: string;
  readonly registered: boolean;
  readonly keys: readonly SchoolKeyRow[];
}

/** 學校密碼匙管理: the key pairs with their validity and publication, no School Key needed. */
export async function showSchoolKeys(services: NodeServices): Promise<SchoolKeysView> {
  const view = await showKeys(services.keys);
  const registered = (await registrationState(services)) !== null;
  const listed = new Set((await services.repos.directory.keys(services.config.party)).map((key) => key.kid));
  return {
    party: view.party,
    registered,
    keys: view.keys.map((key) => ({
      ...key,
      publication: listed.has(key.kid)
        ? 'published'
        : !registered
          ? 'not_registered'
          : key.recovery
            ? 'needs_code'
            : 'next_cycle',
    })),
  };
}
