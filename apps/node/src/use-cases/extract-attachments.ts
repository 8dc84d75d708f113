import { createHash } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError, type IncomingStatus, type StoredAttachment } from '@cds/domain';
import { safeFileName } from '@cds/envelope';
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

/** Copies one blob to a new file, checking on the way that the bytes are still the recorded ones. */
async function copyOut(services: NodeServices, attachment: StoredAttachment, path: string): Promise<void> {
  const file = await open(path, 'wx', 0o600).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new AppError('message.file_exists', { path });
    throw error;
  });
  const hash = createHash('sha256');
  try {
    for await (const chunk of await services.blobs.get(attachment.blob)) {
      hash.update(chunk as Buffer);
      await file.write(chunk as Buffer);
    }
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(path, { force: true });
    throw error;
  }
  await file.close();
  const actual = hash.digest('hex');
  if (actual !== attachment.sha256) {
    await rm(path, { force: true });
    throw new AppError('blob.integrity', { hash: attachment.sha256, actual });
  }
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
    await copyOut(services, attachment, path);
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
