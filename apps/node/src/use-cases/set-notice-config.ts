import { validateNoticeConfig, type NoticeConfig, type SystemNoticeKind } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { NOTICE_CONFIG_SETTING } from './notice-facts.js';

export type NoticeConfigInput = Readonly<
  Record<SystemNoticeKind, { groups: readonly string[]; dismissible: boolean }>
>;

/** 維護通知, the kinds: who gets each notice and whether it may be dismissed (SPEC §6). */
export async function setNoticeConfig(
  services: NodeServices,
  input: NoticeConfigInput,
  actor: string,
): Promise<NoticeConfig> {
  const config = validateNoticeConfig(input, services.config.nodeRole);
  await services.repos.settings.set(NOTICE_CONFIG_SETTING, JSON.stringify(config));
  await services.repos.securityEvents.record({
    id: services.keys.ids.next(),
    at: services.keys.clock.now(),
    kind: 'notice.config_changed',
    actor,
    detail: { config: JSON.stringify(config) },
  });
  return config;
}
