import type { Readable } from 'node:stream';
import { AppError, assertRight, type IncomingStatus, type StoredAttachment } from '@cds/domain';
import type { NodeServices } from '../node-services.js';

const OPENED: readonly IncomingStatus[] = ['DECRYPTED', 'IMPORTED', 'IMPORT_FAIL'];

/**
 * 下載附件 of a 接收訊息 (SPEC §3.2, §7): only once the message is decrypted, and for a CONFIDENTIAL
 * message only for holders of `cds.incoming.confidential` (RESTRICTED: every viewer). The content
 * is the blob the decrypt stored after checking its hash against the signed manifest.
 */
export async function openIncomingAttachment(
  services: NodeServices,
  input: { readonly id: string; readonly ordinal: number; readonly groups: readonly string[] },
): Promise<{ attachment: StoredAttachment; content: Readable }> {
  const id = input.id.trim().toLowerCase();
  const message = await services.repos.incoming.get(id);
  if (!message) throw new AppError('message.not_found', { id });
  if (message.encryptionLevel === 'CONFIDENTIAL') {
    assertRight(input.groups, 'cds.incoming.confidential');
  }
  if (!OPENED.includes(message.status)) {
    throw new AppError('message.not_decrypted', { id, status: message.status });
  }
  const attachment = (await services.repos.incoming.attachments(id)).find((a) => a.ordinal === input.ordinal);
  if (!attachment) throw new AppError('message.not_found', { id: `${id}/${input.ordinal}` });
  return { attachment, content: await services.blobs.get(attachment.blob) };
}
