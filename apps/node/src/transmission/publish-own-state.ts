import { isAppError } from '@cds/domain';
import { publishPendingKeys } from '../use-cases/publish-keys.js';
import { publishTransportRotation } from '../use-cases/publish-transport-rotation.js';
import { reportVersionIfOwed } from '../use-cases/report-version.js';
import type { CycleContext } from './cycle-context.js';

/**
 * What the node owes the hub about itself, sent in each cycle after the directory refresh: key
 * rollovers (更改學校密碼匙 is "submitting the new key to EDB", SPEC §2.1) and a software version
 * report a start could not deliver (SPEC §4). Neither blocks the messages: a failure is reported
 * and tried again next cycle.
 */
export async function publishOwnState(context: CycleContext): Promise<void> {
  try {
    const keys = await publishPendingKeys(context.services, context.client);
    for (const key of keys.published) {
      context.report({ step: 'directory', messageId: null, outcome: 'key_published', detail: key.kid });
    }
    for (const kid of keys.awaitingApproval) {
      context.report({
        step: 'directory',
        messageId: null,
        outcome: 'skipped',
        reason: 'registration.approval_required',
        detail: kid,
      });
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    context.report({ step: 'directory', messageId: null, outcome: 'failed', reason: error.code });
  }
  try {
    if (await reportVersionIfOwed(context.services, context.client)) {
      context.report({ step: 'directory', messageId: null, outcome: 'version_reported' });
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    context.report({ step: 'directory', messageId: null, outcome: 'failed', reason: error.code });
  }
}

/**
 * Before any other request of the cycle: after `cds node rotate-transport-key` the hub refuses every
 * request signed with the new key until it has the rotation. A failure here is reported; the steps
 * after it then fail with the hub's own answer, which names the cause.
 */
export async function publishRotation(context: CycleContext): Promise<void> {
  try {
    const kid = await publishTransportRotation(context.services, context.client);
    if (kid)
      context.report({ step: 'directory', messageId: null, outcome: 'transport_key_published', detail: kid });
  } catch (error) {
    if (!isAppError(error)) throw error;
    context.report({ step: 'directory', messageId: null, outcome: 'failed', reason: error.code });
  }
}
