import {
  AppError,
  availableIncomingActions,
  hasRight,
  type IncomingAction,
  type IncomingStatus,
} from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { showMessage } from './show-message.js';

const OPENED: readonly IncomingStatus[] = ['DECRYPTED', 'IMPORTED', 'IMPORT_FAIL'];

/**
 * One 接收訊息 as its reader sees it: the header fields, sender, status and business state, the
 * attachments, how it arrived (a download, or 匯入訊息 with the bundle's name), and what this user
 * may do with it now — the state machine joined to the rights matrix, so the screen offers exactly
 * what the server would allow. Attachments of a CONFIDENTIAL message are listed only to holders of
 * `cds.incoming.confidential`; the others are told why.
 */
export async function showIncomingMessage(
  services: NodeServices,
  input: { readonly id: string; readonly groups: readonly string[] },
) {
  const details = await showMessage(services, input.id);
  if (details.box !== 'incoming') throw new AppError('message.not_found', { id: input.id });
  const confidential = details.encryptionLevel === 'CONFIDENTIAL';
  const mayOpen = !confidential || hasRight(input.groups, 'cds.incoming.confidential');
  const opened = OPENED.includes(details.status);
  const imported = await services.repos.bundles.imported(details.id);
  const actions: readonly IncomingAction[] = availableIncomingActions(details.status, input.groups);
  return {
    ...details,
    attachments: mayOpen ? details.attachments : [],
    attachmentAccess: !opened
      ? ('not_decrypted' as const)
      : mayOpen
        ? ('allowed' as const)
        : ('confidential' as const),
    importedFrom:
      imported === null
        ? null
        : { at: new Date(imported.at).toISOString(), by: imported.by, file: imported.file },
    actions,
  };
}

export type IncomingDetails = Awaited<ReturnType<typeof showIncomingMessage>>;
