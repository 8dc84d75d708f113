import type { ErrorSpec } from './error-spec.js';

/**
 * Error codes of users and sessions (SPEC §7, §11). Login failures never say whether the user name
 * exists; lockouts say when to try again, because a user who waits is better than one who calls.
 */
export const AUTH_ERRORS = {
  'auth.unauthenticated': {
    http: 401,
    exit: 5,
    'zh-HK': '請先登入。',
    en: 'Please log in first.',
  },
  'auth.session_expired': {
    http: 401,
    exit: 5,
    'zh-HK': '你的登入已逾時，請重新登入。',
    en: 'Your session has expired. Please log in again.',
  },
  'auth.invalid_credentials': {
    http: 401,
    exit: 5,
    'zh-HK': '用戶名稱或密碼不正確，請再試。',
    en: 'The user name or password is not correct. Please try again.',
  },
  'auth.user_locked': {
    http: 423,
    exit: 5,
    'zh-HK': '此帳戶因多次登入失敗已暫時鎖定，請於 {minutes} 分鐘後再試，或聯絡系統管理員。',
    en: 'This account is locked after repeated failed logins. Try again in {minutes} minutes or contact your administrator.',
  },
  'auth.address_locked': {
    http: 429,
    exit: 5,
    'zh-HK': '此電腦登入失敗次數過多，請於 {minutes} 分鐘後再試。',
    en: 'Too many failed logins from this computer. Try again in {minutes} minutes.',
  },
  'auth.origin_mismatch': {
    http: 403,
    exit: 5,
    'zh-HK': '要求來源不符（{origin}），已拒絕。請直接在本系統的網頁操作。',
    en: 'The request came from another origin ({origin}) and was refused. Use this system’s own pages.',
  },
  'auth.password_change_required': {
    http: 403,
    exit: 5,
    'zh-HK': '請先更改密碼，然後才可使用其他功能。',
    en: 'Change your password before using other functions.',
  },
  'auth.wrong_current_password': {
    http: 400,
    exit: 5,
    'zh-HK': '現有密碼不正確。',
    en: 'The current password is not correct.',
  },
  'auth.password_too_short': {
    http: 400,
    exit: 2,
    'zh-HK': '新密碼最少要有 {min} 個字元。',
    en: 'The new password must have at least {min} characters.',
  },
  'auth.password_too_long': {
    http: 400,
    exit: 2,
    'zh-HK': '新密碼最多只可有 {max} 個字元。',
    en: 'The new password may have at most {max} characters.',
  },
  'auth.password_too_simple': {
    http: 400,
    exit: 2,
    'zh-HK': '新密碼須混合英文字母與數字或符號。',
    en: 'The new password must mix letters with digits or symbols.',
  },
  'auth.password_contains_username': {
    http: 400,
    exit: 2,
    'zh-HK': '新密碼不可包含用戶名稱。',
    en: 'The new password must not contain the user name.',
  },
  'auth.password_common': {
    http: 400,
    exit: 2,
    'zh-HK': '新密碼太常見，容易被猜中，請另選一個。',
    en: 'The new password is too common and easy to guess. Choose another.',
  },
  'auth.password_demo': {
    http: 400,
    exit: 2,
    'zh-HK': '示範密碼只可在示範系統（CDS_DEMO=1）使用。',
    en: 'The demo password works only on a demo installation (CDS_DEMO=1).',
  },
  'auth.same_password': {
    http: 400,
    exit: 2,
    'zh-HK': '新密碼不可與現有密碼相同。',
    en: 'The new password must differ from the current one.',
  },
  'user.exists': {
    http: 409,
    exit: 4,
    'zh-HK': '用戶名稱 {username} 已被使用。',
    en: 'The user name {username} is already taken.',
  },
  'user.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到用戶 {username}。',
    en: 'User {username} was not found.',
  },
  'user.invalid_username': {
    http: 400,
    exit: 2,
    'zh-HK':
      '用戶名稱 {username} 不正確：請用 3 至 32 個英文小寫字母、數字、點、底線或連字號，並以字母開頭。',
    en: 'The user name {username} is not valid: use 3 to 32 lowercase letters, digits, dots, underscores or hyphens, starting with a letter.',
  },
  'user.group_not_offered': {
    http: 400,
    exit: 2,
    'zh-HK': '此節點不設使用者組別 {group}。',
    en: 'The user group {group} does not exist on this node.',
  },
  'user.last_admin': {
    http: 409,
    exit: 4,
    'zh-HK': '不可停用或移除最後一位用戶管理員。',
    en: 'The last user administrator cannot be disabled or lose that right.',
  },
  'user.self_disable': {
    http: 409,
    exit: 4,
    'zh-HK': '你不可停用自己的帳戶。',
    en: 'You cannot disable your own account.',
  },
} as const satisfies Record<string, ErrorSpec>;
