import { NavLink, ScrollArea, Text } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { visibleMenu } from '../lib/menu';
import { useMe } from './useMe';

/**
 * The router marks a link active for every path under it (/outgoing for /outgoing/process); the menu
 * highlights only the page the user is on, so 編修訊息 and 處理訊息 are never lit together.
 */
const EXACT = { exact: true } as const;

/** The main menu, built from the user's rights: what they may not use is not shown at all. */
export function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const entries = visibleMenu(me.rights, me.nodeRole);

  return (
    <ScrollArea type="scroll" component="nav" aria-label={t('menu.label')} data-testid="main-menu">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="md" pt="md" pb={6} className="cds-nav-section">
        {t('app.name')}
      </Text>
      {entries.map((entry) => {
        const Icon = entry.icon;
        const icon = <Icon size={18} stroke={1.7} aria-hidden />;
        if (!entry.children) {
          return (
            <NavLink
              key={entry.label}
              component={Link}
              to={entry.path}
              activeOptions={EXACT}
              label={t(`menu.${entry.label}`)}
              leftSection={icon}
              active={pathname === entry.path}
              onClick={onNavigate}
            />
          );
        }
        const open = entry.children.some((child) => pathname === child.path);
        return (
          <NavLink key={entry.label} label={t(`menu.${entry.label}`)} leftSection={icon} defaultOpened={open}>
            {entry.children.map((child) => (
              <NavLink
                key={child.label}
                component={Link}
                to={child.path}
                activeOptions={EXACT}
                label={t(`menu.${child.label}`)}
                active={pathname === child.path}
                onClick={onNavigate}
              />
            ))}
          </NavLink>
        );
      })}
    </ScrollArea>
  );
}
