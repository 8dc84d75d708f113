/**
 * Ports of the hub's registry: participants, registration codes, keys and the directory log.
 * The directory entries are stored as the signed JSON the nodes verify; the store never re-encodes them.
 */
export interface Participant {
  readonly code: string;
  readonly role: 'school' | 'agency';
  readonly name: string;
  readonly registeredAt: number | null;
  readonly revokedAt: number | null;
  readonly softwareVersion: string | null;
  /** When the version above was reported (registration or a later report). */
  readonly versionReportedAt: number | null;
}

/** What an operator code unlocks: 系統註冊, or publishing a recovered (unchained) key (SPEC §2.1). */
export type CodePurpose = 'registration' | 'key-recovery';

export interface RegistrationCodeRow {
  readonly codeHash: string;
  readonly party: string;
  readonly purpose: CodePurpose;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly voidedAt: number | null;
  readonly failures: number;
}

export interface StoredDirectoryEntry {
  readonly seq: number;
  readonly at: number;
  readonly prevHash: string;
  /** The entry body as JSON text, exactly as hashed and signed. */
  readonly body: string;
  readonly hash: string;
  readonly signature: string;
}

export interface TransportKeyRow {
  readonly kid: string;
  readonly party: string;
  readonly publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  readonly revokedAt: number | null;
}

export interface PublishedKey {
  readonly kid: string;
  readonly party: string;
  readonly fingerprint: string;
  readonly statement: string;
  readonly validFrom: number;
  readonly validTo: number;
  readonly previousKid: string | null;
  readonly recovery: boolean;
  /** When the hub published it: the moment any earlier key of the party was superseded (SPEC §2.3). */
  readonly publishedAt: number;
}

/** Builds the next signed entry from the current head; called inside the appending transaction. */
export type DirectoryEntryFactory = (
  head: { seq: number; hash: string },
  at: number,
) => Promise<StoredDirectoryEntry>;

export interface HubRegistry {
  participant(code: string): Promise<Participant | null>;
  participants(): Promise<readonly Participant[]>;
  /** Creates the participant if new, voids its earlier unused codes, stores the new code's hash. */
  issueCode(input: {
    party: string;
    role: 'school' | 'agency';
    name: string;
    codeHash: string;
    purpose: CodePurpose;
    now: number;
    expiresAt: number;
  }): Promise<void>;
  findCode(codeHash: string): Promise<RegistrationCodeRow | null>;
  /** Counts a wrong code against the party's live codes; voids them at `maxFailures`. */
  recordCodeFailure(party: string, maxFailures: number, now: number): Promise<void>;
  recordAddressFailure(address: string, at: number): Promise<void>;
  addressFailuresSince(address: string, since: number): Promise<number>;
  /** All or nothing: uses the code, registers the party, stores its keys and appends the directory entry. */
  register(input: {
    codeHash: string;
    party: string;
    now: number;
    softwareVersion: string;
    transportKey: TransportKeyRow;
    key: Omit<PublishedKey, 'publishedAt'>;
    entry: DirectoryEntryFactory;
  }): Promise<StoredDirectoryEntry>;
  /**
   * All or nothing: publishes a further key of a registered party and appends its directory entry;
   * with `codeHash` (a recovered, unchained key) the key-recovery code is used up in the same commit.
   */
  publishKey(input: {
    party: string;
    now: number;
    codeHash: string | null;
    key: Omit<PublishedKey, 'publishedAt'>;
    entry: DirectoryEntryFactory;
  }): Promise<StoredDirectoryEntry>;
  /**
   * All or nothing: the party's transport key `previousKid` (live) is revoked, `next` takes its
   * place, and the rotation is appended to the directory.
   */
  rotateTransportKey(input: {
    party: string;
    previousKid: string;
    next: TransportKeyRow;
    now: number;
    entry: DirectoryEntryFactory;
  }): Promise<StoredDirectoryEntry>;
  /** Keeps the software version a participant reported (SPEC §4), with the time it was reported. */
  reportVersion(input: { party: string; version: string; now: number }): Promise<void>;
  /** Marks the party revoked, its transport keys too, and appends a revocation entry. */
  revoke(input: { party: string; now: number; entry: DirectoryEntryFactory }): Promise<StoredDirectoryEntry>;
  transportKey(kid: string): Promise<TransportKeyRow | null>;
  publishedKeys(party: string): Promise<readonly PublishedKey[]>;
  directoryHead(): Promise<{ seq: number; hash: string } | null>;
  directorySince(seq: number, limit: number): Promise<readonly StoredDirectoryEntry[]>;
}
