/**
 * Users, sessions and login failures (SPEC §7, §11). A user belongs to one or more groups; rights
 * come from the groups through the matrix in rights.ts, never from the user row.
 */
import type { Lang } from './error-spec.js';
import type { Group } from './rights.js';

export interface User {
  readonly id: string;
  /** Lowercase, unique per node; what people type at the login page. */
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly Group[];
  readonly disabled: boolean;
  /** Set when an administrator chose the password (add, reset): the user must replace it. */
  readonly mustChangePassword: boolean;
  readonly lang: Lang | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly passwordChangedAt: number;
  readonly lastLoginAt: number | null;
}

export interface UserRecord extends User {
  /** PHC string (argon2id); never leaves the node's auth module. */
  readonly passwordHash: string;
}

export type UserChanges = Partial<
  Pick<
    UserRecord,
    | 'displayName'
    | 'groups'
    | 'disabled'
    | 'mustChangePassword'
    | 'lang'
    | 'passwordHash'
    | 'passwordChangedAt'
    | 'lastLoginAt'
  >
> & { readonly updatedAt: number };

export interface UserRepository {
  /** Throws `user.exists` when the user name is taken. */
  insert(user: UserRecord): Promise<void>;
  byUsername(username: string): Promise<UserRecord | null>;
  byId(id: string): Promise<UserRecord | null>;
  /** Every user, by user name. */
  list(): Promise<readonly User[]>;
  /** Throws `user.not_found`; `groups`, when given, replaces the user's groups. */
  update(id: string, changes: UserChanges): Promise<UserRecord>;
}

export interface Session {
  /** SHA-256 (hex) of the cookie token: a stolen database does not yield live sessions. */
  readonly id: string;
  readonly userId: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** The absolute end; the idle end is lastSeenAt plus the idle timeout. */
  readonly expiresAt: number;
  readonly address: string;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  get(id: string): Promise<Session | null>;
  touch(id: string, at: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Logs a user out everywhere (password change, disable), optionally keeping one session. */
  deleteForUser(userId: string, keep?: string): Promise<number>;
  deleteExpired(absoluteBefore: number, idleBefore: number): Promise<number>;
}

export interface LoginFailure {
  readonly at: number;
  readonly username: string;
  readonly address: string;
}

export interface LoginFailureRepository {
  record(failure: LoginFailure): Promise<void>;
  /** Failure times since `since`, oldest first, for one user name or one address. */
  since(key: { readonly username: string } | { readonly address: string }, since: number): Promise<number[]>;
  clearUser(username: string): Promise<void>;
  prune(before: number): Promise<void>;
}
