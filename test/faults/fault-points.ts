/**
 * The named crash points (CDS_FAULT_POINT, SPEC §11), one `faultPoint('…')` line each in the product
 * code. Under test hooks the process SIGKILLs itself on reaching the armed point. Keep this table and
 * ARCHITECTURE.md's copy in step.
 */
export const FAULT_POINTS = [
  // The hub (apps/hub/src/use-cases/…)
  {
    name: 'hub.upload.mid_payload',
    process: 'hub',
    where:
      'accept-upload.ts: part of the body stored, the rest still on the wire (the connection is cut mid-payload)',
  },
  {
    name: 'hub.upload.body_received',
    process: 'hub',
    where: 'accept-upload.ts: whole body in the temp file, digest not verified, not fsynced',
  },
  {
    name: 'hub.upload.blob_synced',
    process: 'hub',
    where: 'accept-upload.ts: blob verified and fsynced, message not committed',
  },
  {
    name: 'hub.upload.committed',
    process: 'hub',
    where: 'accept-upload.ts: message and deliveries committed, acceptance receipt not sent',
  },
  {
    name: 'hub.ack.committed',
    process: 'hub',
    where: 'settle-delivery.ts: delivery acknowledged, answer not sent',
  },
  // The node (apps/node/src/…)
  {
    name: 'node.upload.answered',
    process: 'node',
    where: 'transmission/upload-messages.ts: acceptance receipt received, not stored (SENT lost)',
  },
  {
    name: 'node.download.mid_payload',
    process: 'node',
    where: 'transmission/download-payload.ts: part of a payload downloaded',
  },
  {
    name: 'node.download.stored',
    process: 'node',
    where: 'transmission/receive-mailbox.ts: incoming message stored durably, not acknowledged',
  },
  {
    name: 'node.cycle.mid',
    process: 'node',
    where: 'use-cases/run-transmission-cycle.ts: uploads done, downloads not started; the lease is left held',
  },
] as const;

export type FaultPointName = (typeof FAULT_POINTS)[number]['name'];
