import type { TFunction } from 'i18next';
import type { NoticeItem } from '../../api/notices';
import { formatDateTime } from '../../lib/format';

/** Title and body of a notice in the user's language; maintenance notices carry their own. */
export function noticeText(notice: NoticeItem, t: TFunction): { title: string; body: string } {
  if (notice.kind === 'maintenance') {
    return { title: notice.title ?? t('notices:kinds.maintenance.title'), body: notice.body ?? '' };
  }
  const value = notice.value ?? 0;
  return {
    title: t(`notices:kinds.${notice.kind}.title`),
    body: t(`notices:kinds.${notice.kind}.body`, {
      count: value,
      date: formatDateTime(new Date(value).toISOString()),
    }),
  };
}
