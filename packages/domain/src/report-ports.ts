/**
 * What the reports read (SPEC §6, 聯遞系統報告). A report walks one dataset of rows whose date lies
 * in a range of Hong Kong days, oldest first. The adapter pages through the database by key
 * (date, id), so a 100,000-row report never holds more than one page of rows in memory.
 */

/**
 * Which rows and which of their dates a report reads:
 * - `outgoing.created`: outgoing messages by creation time (每日製作的寄發訊息清單, 寄發訊息撮要);
 * - `outgoing.updated`: outgoing messages by their last change (寄發訊息處理清單);
 * - `outgoing.exported`: outgoing messages written to an export bundle, by export time;
 * - `outgoing.uploaded`: outgoing messages the hub accepted (acceptance receipt), by that time;
 * - `incoming.received`: incoming messages by the time they were stored here;
 * - `incoming.bundled`: incoming messages that arrived in an import bundle, by import time.
 */
export type ReportMessageDataset =
  | 'outgoing.created'
  | 'outgoing.updated'
  | 'outgoing.exported'
  | 'outgoing.uploaded'
  | 'incoming.received'
  | 'incoming.bundled';

export interface ReportRange {
  /** UTC epoch ms, inclusive: the start of the first Hong Kong day. */
  readonly from: number;
  /** UTC epoch ms, exclusive: the start of the day after the last one (or the generation time). */
  readonly to: number;
  /** Rows fetched per database round trip; the adapter caps it. */
  readonly pageSize?: number;
}

export interface ReportMessageQuery extends ReportRange {
  readonly dataset: ReportMessageDataset;
  /** Empty or absent: any status. */
  readonly statuses?: readonly string[];
  /** Empty or absent: any subject. */
  readonly subjects?: readonly string[];
}

/** One message as every message report sees it; fields the box lacks are null. */
export interface ReportMessageRow {
  readonly id: string;
  readonly box: 'outgoing' | 'incoming';
  /** The dataset's date (what the range and the order apply to). */
  readonly at: number;
  /** Recipients of an outgoing message, or the sender of an incoming one. */
  readonly parties: readonly string[];
  readonly subject: string;
  readonly type: string;
  readonly priority: string;
  readonly encryptionLevel: string;
  readonly status: string;
  readonly description: string;
  readonly schoolReference: string | null;
  readonly owner: string | null;
  readonly createdAt: number | null;
  readonly updatedAt: number;
  readonly sealedAt: number | null;
  readonly sentAt: number | null;
  readonly receivedAt: number | null;
  readonly exportedAt: number | null;
  readonly decryptedAt: number | null;
  readonly attempts: number | null;
  readonly lastError: string | null;
  readonly payloadSize: number | null;
}

/** One row of the School Key change history (密碼匙更改紀錄). */
export interface ReportKeyChangeRow {
  readonly id: string;
  readonly at: number;
  readonly user: string;
  readonly kid: string;
  readonly fingerprint: string;
  readonly validFrom: number;
  readonly validTo: number;
  readonly reason: string;
}

export interface ReportSource {
  messages(query: ReportMessageQuery): AsyncIterable<ReportMessageRow>;
  keyChanges(query: ReportRange): AsyncIterable<ReportKeyChangeRow>;
}
