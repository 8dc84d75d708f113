import { Readable } from 'node:stream';
import type { OutgoingMessage } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { createOutgoingMessage } from './create-outgoing-message.js';
import { noteSoftwareVersion } from './report-version.js';

/** What EDB's node reads from the attachment (SPEC §4). */
export interface VersionDocument {
  readonly scrn: string;
  readonly version: string;
  /** ISO 8601 UTC: when this node first started with the version. */
  readonly upgradedAt: string;
}

/**
 * 傳送網上校管系統版本, the manual Start (SPEC §4): a READY outgoing message to EDB, subject SYS,
 * type VER, carrying `version.json` {scrn, version, upgradedAt}. The key holder seals and sends it
 * like any other message; it exists besides the automatic report so the version also reaches EDB
 * as a signed, sealed business record.
 */
export async function createVersionMessage(
  services: NodeServices,
  input: { readonly owner: string },
): Promise<OutgoingMessage> {
  const record = await noteSoftwareVersion(services);
  const document: VersionDocument = {
    scrn: services.config.party,
    version: record.version,
    upgradedAt: new Date(record.upgradedAt).toISOString(),
  };
  const bytes = Buffer.from(`${JSON.stringify(document, null, 2)}\n`);
  return createOutgoingMessage(services, {
    to: ['EDB'],
    subject: 'SYS',
    type: 'VER',
    description: `網上校管系統版本 ${record.version}`,
    owner: input.owner,
    sourceModule: 'version',
    attachments: [
      { displayName: 'version.json', mediaType: 'application/json', open: () => Readable.from([bytes]) },
    ],
  });
}
