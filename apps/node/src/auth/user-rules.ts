import { AppError, hasRight, isGroup, type Group, type User } from '@cds/domain';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;
export const MAX_DISPLAY_NAME = 100;

/** User names are compared without case and surrounding spaces: `Head ` logs in as `head`. */
export function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export function assertUsername(username: string): void {
  if (!USERNAME.test(username)) throw new AppError('user.invalid_username', { username });
}

/** At least one group, each known and offered by this node's role. */
export function assertGroups(groups: readonly string[], offered: readonly Group[]): Group[] {
  if (groups.length === 0) throw new AppError('validation.failed', { reason: 'user.no_group' });
  return [...new Set(groups)].map((group) => {
    if (!isGroup(group)) throw new AppError('auth.unknown_group', { group });
    if (!offered.includes(group)) throw new AppError('user.group_not_offered', { group });
    return group;
  });
}

export function displayNameOf(raw: string | undefined, username: string): string {
  const name = (raw ?? '').trim();
  if ([...name].length > MAX_DISPLAY_NAME) {
    throw new AppError('validation.failed', { reason: 'user.display_name_long', max: MAX_DISPLAY_NAME });
  }
  return name === '' ? username : name;
}

export function isActiveAdministrator(user: Pick<User, 'disabled' | 'groups'>): boolean {
  return !user.disabled && hasRight(user.groups, 'admin.users');
}
