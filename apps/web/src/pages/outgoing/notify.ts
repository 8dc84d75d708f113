import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/**
 * A notice in the corner. Its close button gets a name (Mantine leaves it unnamed, which screen
 * readers announce as just "button"); failures stay until closed so the reason can be read.
 */
export function notify(color: 'green' | 'red', message: string): void {
  notifications.show({
    color,
    message,
    autoClose: color === 'red' ? false : 5000,
    closeButtonProps: { 'aria-label': i18n.t('common:common.close') },
  });
}
