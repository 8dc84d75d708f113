import {
  GROUPS_BY_ROLE,
  NEVER_DISMISSIBLE,
  type Group,
  type NoticeConfig,
  type SystemNoticeKind,
} from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { noticeConfigOf } from './notice-facts.js';

export interface NoticeConfigView {
  readonly config: NoticeConfig;
  /** The groups this node offers (the audience choices). */
  readonly groups: readonly Group[];
  /** Kinds SPEC §6 keeps on screen: the screen shows their switch off and disabled. */
  readonly neverDismissible: readonly SystemNoticeKind[];
}

/** 維護通知, the kinds: the configuration with what the screen needs to edit it. */
export async function showNoticeConfig(services: NodeServices): Promise<NoticeConfigView> {
  return {
    config: await noticeConfigOf(services),
    groups: GROUPS_BY_ROLE[services.config.nodeRole],
    neverDismissible: NEVER_DISMISSIBLE,
  };
}
