/** A participant's key as a node knows it. `trust` decides whether anyone may seal to it (SPEC §2.3). */
export interface KnownKey {
  readonly party: string;
  readonly kid: string;
  readonly fingerprint: string;
  readonly x25519: string;
  readonly ed25519: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  readonly validFrom: number;
  readonly validTo: number;
  readonly previousKid: string | null;
  /** first: the first key seen for the party (pinned); chained: signed by a trusted previous key;
   *  confirmed: an unchained key a key holder confirmed by fingerprint; unconfirmed: 未核實的新密碼匙. */
  readonly trust: 'first' | 'chained' | 'confirmed' | 'unconfirmed';
  readonly seq: number;
}

export interface KnownParty {
  readonly party: string;
  /** null on a revocation, which does not restate the role. */
  readonly role: 'school' | 'agency' | null;
  readonly revoked: boolean;
}

/**
 * A participant's transport key as the directory lists it: introduced at registration, or by a
 * rotation the previous key signed. Delivery and refusal receipts are verified with these, never
 * with a key the hub hands out beside a receipt.
 */
export interface KnownTransportKey {
  readonly party: string;
  readonly kid: string;
  readonly x: string;
  readonly seq: number;
}

/** A node's verified copy of the hub directory. */
export interface NodeDirectoryStore {
  head(): Promise<{ seq: number; hash: string } | null>;
  keys(party?: string): Promise<readonly KnownKey[]>;
  parties(): Promise<readonly KnownParty[]>;
  transportKeys(party?: string): Promise<readonly KnownTransportKey[]>;
  /** Stores new keys and party changes and moves the head, in one transaction. */
  apply(
    changes: {
      keys: readonly KnownKey[];
      parties: readonly KnownParty[];
      transportKeys?: readonly KnownTransportKey[];
    },
    head: { seq: number; hash: string },
  ): Promise<void>;
  /** Marks the party's unconfirmed key with this fingerprint confirmed; false when there is none. */
  confirm(party: string, fingerprint: string): Promise<boolean>;
}
