import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import type { PinnedHubKey } from '../use-cases/hub-trust.js';

/** Bounded retries inside one cycle (SPEC §4): small by default, configurable per node or test. */
export interface RetryPolicy {
  /** Tries per request, the first included. */
  readonly attempts: number;
  /** Wait before the second try; doubled before each further one. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 500 };

export type TransmissionStep = 'directory' | 'upload' | 'acceptance' | 'download' | 'receipt';

/** One line of per-message progress (and, later, of the CDS log). */
export interface TransmissionEvent {
  readonly step: TransmissionStep;
  readonly messageId: string | null;
  /**
   * What the message came to: an outgoing status (SENT, SEND_FAIL, REJECTED, RECEIVED), ENCRYPTED for
   * a stored download, or duplicate, refused, skipped, retrying, failed, unchanged; queued, uploading
   * and downloading are progress only (not counted, not in the CDS log).
   */
  readonly outcome: string;
  readonly party?: string;
  /** The error code behind a failure, refusal or retry. */
  readonly reason?: string;
  readonly detail?: string;
}

export interface CycleContext {
  readonly services: NodeServices;
  readonly client: HubClient;
  readonly hubKey: PinnedHubKey;
  readonly retry: RetryPolicy;
  report(event: TransmissionEvent): void;
  /** Throws transmission.lease_lost once another process has taken the cycle over. */
  checkLease(): void;
}
