import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError, type IncomingStatus, type StoredAttachment } from '@cds/domain';
import { safeFileName } from '@cds/envelope';
import { copyBlobToNewFile } from '../messages/copy-blob.js';
import type { NodeServices } from '../node-services.js';

export interface ExtractedFile {
  readonly ordinal: number;
  readonly displayName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  /** The generated file name (SPEC §2.4): never the sender's name as a path. */
  readonly path: string;
}

const OPENED: readonly IncomingStatus[] = ['DECRYPTED', 'IMPORTED', 'IMPORT_FAIL'];

async function attachmentsOf(services: NodeServices, id: string): Promise<readonly StoredAttachment[]> {
  if (await services.repos.outgoing.get(id)) return services.repos.outgoing.attachments(id);
  const incoming = await services.repos.incoming.get(id);
  if (!incoming) throw new AppError('message.not_found', { id });
  if (!OPENED.includes(incoming.status)) {
    throw new AppError('message.not_decrypted', { id, status: incoming.status });
  }
  return services.repos.incoming.attachments(id);
}

/**
 * 取出附件: writes every attachment of a decrypted incoming message (or of an outgoing one, whose
 * attachments this node owns) into `outDir` under generated names `0001-<safe name>`; an existing
 * file is never overwritten.
 */
export async function extractAttachments(
  services: NodeServices,
  input: { readonly id: string; readonly outDir: string },
): Promise<ExtractedFile[]> {
  const id = input.id.trim().toLowerCase();
  const attachments = await attachmentsOf(services, id);
  const dir = resolve(input.outDir);
  await mkdir(dir, { recursive: true });
  const written: ExtractedFile[] = [];
  for (const attachment of attachments) {
    const path = join(dir, safeFileName(attachment.ordinal, attachment.displayName));
    await copyBlobToNewFile(services, attachment.blob, attachment.sha256, path);
    written.push({
      ordinal: attachment.ordinal,
      displayName: attachment.displayName,
      mediaType: attachment.mediaType,
      size: attachment.size,
      sha256: attachment.sha256,
      path,
    });
  }
  return written;
}
