/**
 * Ports of offline bundles (SPEC §5): what a node and the hub keep about exports, imports and
 * ingests. The bundle files themselves are the user's; the stores remember who moved what, when.
 */
import type { IncomingMessage } from './model.js';
import type { RelayedMessage } from './relay-ports.js';

export interface BundleMove {
  readonly at: number;
  /** The user (or `cli:<login>`) who ran it. */
  readonly by: string;
  /** The bundle file as the user named it. */
  readonly file: string;
}

/** A verified message of an import bundle, ready to store ENCRYPTED with its delivery receipt. */
export interface ImportedMessage {
  readonly message: IncomingMessage;
  readonly payloadBlob: string;
}

/** Node side: 匯出訊息 history and 匯入訊息 in one transaction. */
export interface NodeBundleStore {
  recordExports(messageIds: readonly string[], move: BundleMove): Promise<void>;
  exports(messageId: string): Promise<readonly BundleMove[]>;
  /**
   * Stores every message not yet stored, all in one transaction, and notes the import; a message
   * already here (a download got there first) is left as it is. Returns the ids stored now.
   * `afterEach` runs inside the transaction after each insert (crash tests use it).
   */
  importAll(
    messages: readonly ImportedMessage[],
    move: BundleMove,
    afterEach?: (index: number) => void,
  ): Promise<string[]>;
  imported(messageId: string): Promise<BundleMove | null>;
}

export interface AcceptedMessage {
  readonly message: RelayedMessage;
  readonly recipients: readonly string[];
}

/** Hub side: ingest as one transaction, and the export-for marks on deliveries. */
export interface HubBundleStore {
  /**
   * Accepts every message like RelayStore.accept, all in one transaction, and notes the ingest of
   * those it created. Returns, per message, whether it was created now and what is stored.
   */
  ingestAll(
    messages: readonly AcceptedMessage[],
    move: BundleMove,
  ): Promise<Array<{ created: boolean; message: RelayedMessage }>>;
  ingested(messageId: string): Promise<BundleMove | null>;
  markExported(recipient: string, messageIds: readonly string[], move: BundleMove): Promise<void>;
  exportsOf(messageId: string, recipient: string): Promise<readonly BundleMove[]>;
}
