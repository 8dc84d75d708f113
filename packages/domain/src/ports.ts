/**
 * Ports: what the use cases need from the outside world. Adapters live in @cds/db, @cds/blobs and
 * @cds/platform; every adapter of a port passes the same contract test suite.
 */
import type { Readable } from 'node:stream';
import type {
  Attachment,
  Box,
  IncomingMessage,
  IncomingStatus,
  OutgoingMessage,
  OutgoingStatus,
  Tombstone,
} from './model.js';

export interface Clock {
  now(): number;
}

export interface IdGenerator {
  /** A lowercase UUIDv7. */
  next(): string;
}

export interface BlobRef {
  readonly sha256: string;
  readonly size: number;
}

export interface BlobStore {
  /** Streams the source to disk, hashing as it goes; durable (fsynced) when the promise resolves. */
  put(
    source: Readable | AsyncIterable<Uint8Array>,
    options?: { maxBytes?: number; expectedSha256?: string },
  ): Promise<BlobRef>;
  /** Streams a stored blob, optionally a byte range [start, end] inclusive. */
  get(sha256: string, range?: { start: number; end?: number }): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<BlobRef | null>;
  delete(sha256: string): Promise<void>;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque keyset cursor for the next page, null at the end. */
  readonly next: string | null;
}

export interface ListQuery<S extends string> {
  readonly status?: readonly S[];
  readonly archived?: boolean;
  /** Free text in description, id, subject or party (a plain scan; for small lists). */
  readonly text?: string;
  /**
   * "Description contains" (SPEC §6): trigram-indexed, so it stays fast on a million rows. Its
   * results come newest first by arrival (the order rows were stored), with their own cursors.
   */
  readonly description?: string;
  /** The other party: a recipient of an outgoing message, the sender of an incoming one. */
  readonly party?: string;
  readonly subject?: string;
  readonly type?: string;
  /** Created (outgoing) or received (incoming) at or after `from` and before `to`, epoch ms. */
  readonly from?: number;
  readonly to?: number;
  /** Outgoing only: messages this user owns (SPEC §7, a user without `cds.outgoing.all`). */
  readonly owner?: string;
  readonly limit?: number;
  readonly after?: string | null;
}

export interface OutgoingMessageRepository {
  insert(message: OutgoingMessage, attachments: readonly (Attachment & { blob: string })[]): Promise<void>;
  get(id: string): Promise<OutgoingMessage | null>;
  attachments(id: string): Promise<readonly (Attachment & { blob: string })[]>;
  /** Writes the changed fields if the stored version equals `expectedVersion`; returns the new row. */
  update(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<OutgoingMessage, 'id' | 'version'>>,
  ): Promise<OutgoingMessage>;
  list(query: ListQuery<OutgoingStatus>): Promise<Page<OutgoingMessage>>;
  /**
   * 編修訊息 while READY: adds one attachment (after the last ordinal) or removes one, bumping the
   * message's version in the same transaction so a concurrent edit or seal sees the change.
   */
  addAttachment(
    id: string,
    expectedVersion: number,
    attachment: Omit<Attachment, 'messageId' | 'ordinal'> & { blob: string },
    updatedAt: number,
  ): Promise<OutgoingMessage>;
  removeAttachment(
    id: string,
    expectedVersion: number,
    ordinal: number,
    updatedAt: number,
  ): Promise<OutgoingMessage>;
  /** Removes the row and its attachments and writes the tombstone in one transaction. */
  delete(id: string, tombstone: Tombstone): Promise<void>;
}

export interface IncomingMessageRepository {
  /** Returns false (and stores nothing) when the id is already stored or tombstoned. */
  insertIfNew(message: IncomingMessage, payloadBlob: string): Promise<boolean>;
  get(id: string): Promise<IncomingMessage | null>;
  update(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<IncomingMessage, 'id' | 'version'>>,
  ): Promise<IncomingMessage>;
  list(query: ListQuery<IncomingStatus>): Promise<Page<IncomingMessage>>;
  /** 未讀取: messages in 接收訊息 (not archived) nobody has opened yet. */
  unreadCount(): Promise<number>;
  delete(id: string, tombstone: Tombstone): Promise<void>;
}

export interface TombstoneRepository {
  has(box: Box, party: string, messageId: string): Promise<boolean>;
}

export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  all(): Promise<Readonly<Record<string, string>>>;
}

export interface LeaseHolder {
  readonly holder: string;
  readonly expiresAt: number;
}

/** One transmission cycle per node across processes (SPEC §4). */
export interface LeaseRepository {
  /** Takes the lease when free or expired; returns the current holder otherwise. */
  acquire(
    name: string,
    holder: string,
    now: number,
    ttlMs: number,
  ): Promise<{ acquired: true } | { acquired: false; current: LeaseHolder }>;
  renew(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** Who holds the lease at `now`, or null when it is free or expired (for a status view). */
  current(name: string, now: number): Promise<LeaseHolder | null>;
}

/** Wrong School Key entries and the node-wide lock they cause (SPEC §2.1). */
export interface SchoolKeyGuardStore {
  recordFailure(at: number): Promise<void>;
  failuresSince(since: number): Promise<number>;
  clearFailures(): Promise<void>;
  lockedUntil(): Promise<number | null>;
  lockUntil(until: number): Promise<void>;
}

/** A row of 學校密碼匙更改紀錄: never key material. */
export interface KeyChange {
  readonly id: string;
  readonly at: number;
  readonly user: string;
  readonly kid: string;
  readonly fingerprint: string;
  readonly validFrom: number;
  readonly validTo: number;
  readonly reason: string;
}

export interface KeyChangeRepository {
  append(change: KeyChange): Promise<void>;
  list(): Promise<readonly KeyChange[]>;
  has(kid: string): Promise<boolean>;
}

/** Security-relevant facts kept for notifications and, later, the hash-chained audit trail. */
export interface SecurityEvent {
  readonly id: string;
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

export interface SecurityEventRepository {
  record(event: SecurityEvent): Promise<void>;
  list(options?: { kind?: string; since?: number }): Promise<readonly SecurityEvent[]>;
}
