/**
 * The hub's offline-bundle endpoint (SPEC §5): an operator (or the hub console) hands over a
 * school's export as the request body; the answer says what became of each message.
 */
import { z } from 'zod';
import { messageIdSchema, partySchema } from './fields.js';

export const bundlePaths = { ingest: '/v1/bundles' } as const;
/** A bundle is a zip, streamed. */
export const BUNDLE_MEDIA_TYPE = 'application/zip';
/** The file name the user chose, kept with the import or ingest (the body is only bytes). */
export const BUNDLE_NAME_FIELD = 'cds-bundle-name';

export const ingestResponseSchema = z.object({
  party: partySchema,
  messages: z.array(
    z.object({
      id: messageIdSchema,
      /** `accepted` now, or a `duplicate` of a message already uploaded or ingested. */
      outcome: z.enum(['accepted', 'duplicate']),
    }),
  ),
});

export type IngestResponse = z.infer<typeof ingestResponseSchema>;
