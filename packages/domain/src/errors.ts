/**
 * The one error type of CDS. Every failure a user or a peer can see carries a stable code from
 * ERROR_CATALOGUE; the HTTP status, the CLI exit code and both languages' messages live in that
 * one table so the hub, the node, the CLI and the UI can never disagree about an error.
 */
export type Lang = 'zh-HK' | 'en';

export interface ErrorSpec {
  readonly http: number;
  /** CLI exit code (SPEC §11): 1 other, 2 usage, 3 not found, 4 conflict, 5 key/forbidden, 6 unreachable, 7 refused. */
  readonly exit: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  readonly 'zh-HK': string;
  readonly en: string;
}

export const ERROR_CATALOGUE = {
  'internal.unexpected': {
    http: 500,
    exit: 1,
    'zh-HK': '系統發生未預期的錯誤，請稍後再試或聯絡支援。',
    en: 'An unexpected error occurred. Try again later or contact support.',
  },
  'usage.invalid_argument': {
    http: 400,
    exit: 2,
    'zh-HK': '參數不正確：{detail}',
    en: 'Invalid argument: {detail}',
  },
  'validation.failed': {
    http: 400,
    exit: 2,
    'zh-HK': '輸入資料不正確：{detail}',
    en: 'The input is not valid: {detail}',
  },
  'config.invalid': {
    http: 500,
    exit: 2,
    'zh-HK': '設定不正確：{detail}',
    en: 'The configuration is not valid: {detail}',
  },
  'not_found.route': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到所要求的功能。',
    en: 'The requested resource does not exist.',
  },
  'message.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到訊息 {id}。',
    en: 'Message {id} was not found.',
  },
  'message.invalid_transition': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息狀況為「{statusLabel}」時不可執行「{actionLabel}」。',
    en: 'A message in status {status} does not allow the action {action}.',
  },
  'message.unknown_status': {
    http: 500,
    exit: 1,
    'zh-HK': '未知的訊息狀況：{status}。',
    en: 'Unknown message status: {status}.',
  },
  'message.unknown_action': {
    http: 400,
    exit: 2,
    'zh-HK': '未知的訊息操作：{action}。',
    en: 'Unknown message action: {action}.',
  },
  'message.concurrent_update': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息已被其他使用者更改，請重新整理後再試。',
    en: 'The message was changed by someone else. Refresh and try again.',
  },
  'message.deleted': { http: 409, exit: 4, 'zh-HK': '訊息已被刪除。', en: 'The message has been deleted.' },
  'message.recipient_key_changed': {
    http: 409,
    exit: 4,
    'zh-HK':
      '{party} 的密碼匙已於加密後更改（{sealedKid} → {currentKid}），不可再傳送；請複製為新訊息後重新加密。',
    en: "{party}'s key changed after sealing ({sealedKid} → {currentKid}); resend is refused. Copy it as a new message and seal again.",
  },
  'message.not_decrypted': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息 {id} 尚未解密（狀況：{status}），沒有可取出的附件。',
    en: 'Message {id} is not decrypted (status {status}); there are no attachments to extract.',
  },
  'message.file_exists': {
    http: 409,
    exit: 4,
    'zh-HK': '檔案 {path} 已存在，不會覆寫。',
    en: 'The file {path} already exists; it is not overwritten.',
  },
  'auth.forbidden': {
    http: 403,
    exit: 5,
    'zh-HK': '你沒有執行此功能的權限（需要 {right}）。',
    en: 'You do not have the right to do this (requires {right}).',
  },
  'auth.system_only': {
    http: 403,
    exit: 5,
    'zh-HK': '此操作只由系統（{actor}）執行，使用者不可執行。',
    en: 'Only the system ({actor}) does this; a user cannot.',
  },
  'auth.unknown_right': {
    http: 500,
    exit: 1,
    'zh-HK': '未知的權限：{right}。',
    en: 'Unknown right: {right}.',
  },
  'auth.unknown_group': {
    http: 400,
    exit: 2,
    'zh-HK': '未知的使用者組別：{group}。',
    en: 'Unknown user group: {group}.',
  },
  'db.unavailable': {
    http: 503,
    exit: 1,
    'zh-HK': '資料庫暫時無法使用。',
    en: 'The database is not available.',
  },
  'db.migration_failed': {
    http: 500,
    exit: 1,
    'zh-HK': '資料庫更新失敗：{detail}',
    en: 'The database migration failed: {detail}',
  },
  'datadir.locked': {
    http: 409,
    exit: 4,
    'zh-HK': '資料目錄 {dir} 正由另一程序（PID {pid}）使用，請先停止該伺服器。',
    en: 'The data directory {dir} is in use by another process (PID {pid}). Stop that server first.',
  },
  'datadir.not_initialised': {
    http: 500,
    exit: 3,
    'zh-HK': '資料目錄 {dir} 尚未初始化，請先執行 cds node init（中央伺服器：cds hub start）。',
    en: 'The data directory {dir} is not initialised. Run cds node init (the hub: cds hub start) first.',
  },
  'datadir.already_initialised': {
    http: 409,
    exit: 4,
    'zh-HK': '資料目錄 {dir} 已經初始化。',
    en: 'The data directory {dir} is already initialised.',
  },
  'datadir.role_mismatch': {
    http: 409,
    exit: 4,
    'zh-HK': '資料目錄 {dir} 屬於 {actual}，不能作為 {expected} 使用。',
    en: 'The data directory {dir} belongs to a {actual}; it cannot be used as a {expected}.',
  },
  'blob.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到檔案內容 {hash}。',
    en: 'Blob {hash} was not found.',
  },
  'blob.integrity': {
    http: 500,
    exit: 1,
    'zh-HK': '檔案內容已損壞（{hash}）。',
    en: 'Stored content is corrupt ({hash}).',
  },
  'blob.too_large': {
    http: 413,
    exit: 7,
    'zh-HK': '檔案超過上限 {limit} 位元組。',
    en: 'The file exceeds the limit of {limit} bytes.',
  },
  'transmission.already_running': {
    http: 409,
    exit: 4,
    'zh-HK': '傳送已在進行中（由 {holder} 開始）。',
    en: 'A transmission cycle is already running (held by {holder}).',
  },
  'transmission.lease_lost': {
    http: 409,
    exit: 4,
    'zh-HK': '傳送週期失去了執行權（已由 {holder} 接手），已停止。',
    en: 'The transmission cycle lost its lease (now held by {holder}) and stopped.',
  },
  // age v1 (packages/crypto). Decrypt failures name the failed layer, so a damaged download, a wrong
  // key and a wrong passphrase are told apart; the keyring maps age.wrong_passphrase to key.wrong_school_key.
  'age.header_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的標頭無效：{detail}',
    en: 'The encrypted file has an invalid header: {detail}',
  },
  'age.no_match': {
    http: 403,
    exit: 5,
    'zh-HK': '沒有可開啟此加密檔案的密碼匙。',
    en: 'None of the available keys can open this encrypted file.',
  },
  'age.wrong_passphrase': {
    http: 403,
    exit: 5,
    'zh-HK': '密碼不正確，無法開啟此加密檔案。',
    en: 'The passphrase does not open this encrypted file.',
  },
  'age.hmac_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的標頭已被改動（驗證碼不符）。',
    en: 'The header of the encrypted file was altered (MAC mismatch).',
  },
  'age.payload_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的內容已損壞或被改動：{detail}',
    en: 'The encrypted content is damaged or altered: {detail}',
  },
  'age.truncated': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案不完整（在最後一段之前已中斷）。',
    en: 'The encrypted file is incomplete (it ends before its final chunk).',
  },
  'age.trailing_data': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案結尾之後有多餘資料。',
    en: 'The encrypted file has extra data after its end.',
  },
  'age.armor_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的文字封裝（ASCII armor）無效：{detail}',
    en: 'The ASCII armor of the encrypted file is invalid: {detail}',
  },
  'age.recipient_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '收件者公開密碼匙無效：{detail}',
    en: 'The recipient is not valid: {detail}',
  },
  'age.identity_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '私人密碼匙無效：{detail}',
    en: 'The identity (private key) is not valid: {detail}',
  },
  'code.unknown': {
    http: 400,
    exit: 2,
    'zh-HK': '代碼 {code} 不在代碼表 {table} 內。',
    en: 'Code {code} is not in the {table} code table.',
  },
  'party.invalid_code': {
    http: 400,
    exit: 2,
    'zh-HK': '參與者代號 {code} 不正確：學校為六位數字，機構為 EDB、HKEAA、SFO 或 TRY。',
    en: 'Party code {code} is not valid: schools are six digits, agencies are EDB, HKEAA, SFO or TRY.',
  },
  'key.wrong_school_key': {
    http: 403,
    exit: 5,
    'zh-HK': '學校密碼匙不正確。',
    en: 'The School Key is not correct.',
  },
  'key.locked': {
    http: 423,
    exit: 5,
    'zh-HK': '學校密碼匙因多次輸入錯誤已被鎖定，請於 {until} 後再試。',
    en: 'School Key use is locked after repeated wrong entries. Try again after {until}.',
  },
  'key.expired': {
    http: 409,
    exit: 4,
    'zh-HK': '學校密碼匙已於 {validTo} 過期，請先更改學校密碼匙。',
    en: 'The School Key expired on {validTo}. Change the School Key first.',
  },
  'key.weak_school_key': {
    http: 400,
    exit: 2,
    'zh-HK': '學校密碼匙太弱：{detail}',
    en: 'The School Key is too weak: {detail}',
  },
  'key.confirmation_mismatch': {
    http: 400,
    exit: 2,
    'zh-HK': '新學校密碼匙與確認不相符。',
    en: 'The new School Key and its confirmation do not match.',
  },
  'key.same_as_current': {
    http: 400,
    exit: 2,
    'zh-HK': '新學校密碼匙不可與現有的相同。',
    en: 'The new School Key must differ from the current one.',
  },
  'key.keyring_missing': {
    http: 404,
    exit: 3,
    'zh-HK': '尚未建立密碼匙（{file}），請先執行 cds keys init。',
    en: 'No keyring at {file}. Run cds keys init first.',
  },
  'key.keyring_exists': {
    http: 409,
    exit: 4,
    'zh-HK': '密碼匙已經存在（{file}）。',
    en: 'A keyring already exists at {file}.',
  },
  'key.keyring_corrupt': {
    http: 500,
    exit: 1,
    'zh-HK': '密碼匙檔案已損壞：{detail}',
    en: 'The keyring file is damaged: {detail}',
  },
  'key.school_key_required': {
    http: 400,
    exit: 2,
    'zh-HK': '請提供學校密碼匙（--school-key-file 或在終端機輸入）。',
    en: 'A School Key is required (--school-key-file, or type it at a terminal).',
  },
  'key.party_mismatch': {
    http: 409,
    exit: 4,
    'zh-HK': '密碼匙屬於 {actual}，不是 {expected}。',
    en: 'The keyring belongs to {actual}, not {expected}.',
  },
  'key.statement_invalid': {
    http: 400,
    exit: 7,
    'zh-HK': '密碼匙聲明無效：{detail}',
    en: 'The key statement is not valid: {detail}',
  },
  'key.recovery_not_needed': {
    http: 409,
    exit: 4,
    'zh-HK': '現有的學校密碼匙仍然有效，請使用一般的更改學校密碼匙。',
    en: 'The current School Key is still valid; use the normal School Key change.',
  },
  'directory.log_invalid': {
    http: 502,
    exit: 7,
    'zh-HK': '中央伺服器的目錄記錄無效（第 {seq} 項：{check}）。',
    en: 'The hub directory log is not valid (entry {seq}: {check}).',
  },
  'directory.key_not_chained': {
    http: 409,
    exit: 4,
    'zh-HK': '{party} 的新密碼匙尚未核實（指紋 {fingerprint}），請先以電話核實後確認。',
    en: 'The new key of {party} is not verified (fingerprint {fingerprint}); confirm it out of band first.',
  },
  'registration.invalid_code': {
    http: 403,
    exit: 7,
    'zh-HK': '註冊碼不正確、已使用或已過期。',
    en: 'The registration code is wrong, used or expired.',
  },
  'registration.already_registered': {
    http: 409,
    exit: 7,
    'zh-HK': '{party} 已經註冊；如需重新註冊，請聯絡中央伺服器管理員先撤銷。',
    en: '{party} is already registered; ask the hub operator to revoke it before registering again.',
  },
  'registration.too_many_attempts': {
    http: 429,
    exit: 7,
    'zh-HK': '註冊嘗試次數過多，請稍後再試。',
    en: 'Too many registration attempts. Try again later.',
  },
  'registration.not_registered': {
    http: 404,
    exit: 3,
    'zh-HK': '{party} 尚未註冊。',
    en: '{party} is not registered.',
  },
  // Sealed envelope (packages/envelope, SPEC §2.4). Opening names the check that failed, one code per
  // check, so DECRYPT_FAIL keeps a reason a key holder can act on (damaged download vs. forged sender).
  'envelope.header_invalid': {
    http: 400,
    exit: 1,
    'zh-HK': '路由標頭無效：{detail}',
    en: 'The routing header is not valid: {detail}',
  },
  'envelope.header_signature_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '路由標頭的數碼簽署核實失敗：{detail}',
    en: 'The routing header signature does not verify: {detail}',
  },
  'envelope.clock_skew': {
    http: 422,
    exit: 1,
    'zh-HK': '訊息的封存時間（{sealedAt}）比現在遲超過 5 分鐘，請檢查發送方的電腦時鐘。',
    en: "The message was sealed more than 5 minutes in the future ({sealedAt}); check the sender's clock.",
  },
  'envelope.payload_hash_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '加密內容與路由標頭不符（{detail}），檔案已損壞或被改動。',
    en: 'The encrypted payload does not match its routing header ({detail}); it is damaged or was altered.',
  },
  'envelope.not_a_recipient': {
    http: 403,
    exit: 5,
    'zh-HK': '此訊息並非以你的密碼匙加密，無法解密。',
    en: 'This message was not sealed to any of your keys, so it cannot be decrypted.',
  },
  'envelope.decryption_failed': {
    http: 422,
    exit: 1,
    'zh-HK': '加密內容無法解密：{detail}',
    en: 'The payload could not be decrypted: {detail}',
  },
  'envelope.format_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '訊息內容的格式不正確：{detail}',
    en: 'The message content is not in the expected format: {detail}',
  },
  'envelope.manifest_signature_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '附件清單的數碼簽署核實失敗：{detail}',
    en: 'The attachment manifest signature does not verify: {detail}',
  },
  'envelope.manifest_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '附件清單與訊息不符：{detail}',
    en: 'The attachment manifest does not match the message: {detail}',
  },
  'envelope.attachment_hash_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '附件 {index} 的內容與附件清單不符（{detail}）。',
    en: 'Attachment {index} does not match the manifest ({detail}).',
  },
  'envelope.attachment_changed': {
    http: 500,
    exit: 1,
    'zh-HK': '附件 {index} 的內容與上載時記錄的不同（{detail}），不可加密。',
    en: 'Attachment {index} differs from what was recorded when it was added ({detail}); it cannot be sealed.',
  },
  'envelope.display_name_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '附件名稱 {name} 不符合規則：{ruleZh}',
    en: 'The attachment name {name} breaks a rule: {ruleEn}',
  },
  'envelope.unknown_sender_key': {
    http: 422,
    exit: 7,
    'zh-HK': '密碼匙 {kid} 不是 {party} 在中央伺服器公佈的密碼匙。',
    en: 'Key {kid} is not a key {party} has published at the hub.',
  },
  'envelope.key_not_valid': {
    http: 422,
    exit: 7,
    'zh-HK': '{party} 的密碼匙 {kid} 不可簽署此訊息：{detail}',
    en: 'Key {kid} of {party} may not sign this message: {detail}',
  },
  // Store-and-forward relay at the hub (SPEC §4). Every refusal of an upload has its own code, so the
  // sender can tell a permanent refusal (REJECTED) from a fault worth retrying.
  'relay.id_mismatch': {
    http: 400,
    exit: 7,
    'zh-HK': '路由標頭屬於訊息 {headerId}，不是 {id}。',
    en: 'The routing header is for message {headerId}, not {id}.',
  },
  'relay.sender_mismatch': {
    http: 403,
    exit: 7,
    'zh-HK': '路由標頭的發送方是 {from}，但請求由 {party} 簽署。',
    en: 'The routing header says it is from {from}, but {party} signed the request.',
  },
  'relay.id_conflict': {
    http: 409,
    exit: 7,
    'zh-HK': '訊息 {id} 已以其他內容傳送至中央伺服器；更改後的訊息須使用新的編號。',
    en: 'Message {id} was already accepted with other content; a changed message needs a new id.',
  },
  'relay.unknown_recipient': {
    http: 422,
    exit: 7,
    'zh-HK': '收件者 {parties} 未在中央伺服器註冊或已被撤銷。',
    en: 'Recipient {parties} is not registered at the hub, or was revoked.',
  },
  'relay.too_large': {
    http: 413,
    exit: 7,
    'zh-HK': '訊息內容有 {size} 位元組，超過中央伺服器上限 {limit} 位元組。',
    en: 'The payload of {size} bytes exceeds the hub limit of {limit} bytes.',
  },
  'relay.size_mismatch': {
    http: 400,
    exit: 7,
    'zh-HK': '上載內容的長度（{actual}）與路由標頭的 payloadSize（{expected}）不符。',
    en: 'The upload is {actual} bytes long but the routing header says {expected}.',
  },
  'relay.message_not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '中央伺服器沒有你的訊息 {id}。',
    en: 'The hub holds no message {id} of yours.',
  },
  'relay.not_a_recipient': {
    http: 403,
    exit: 5,
    'zh-HK': '{party} 不是訊息 {id} 的收件者。',
    en: '{party} is not a recipient of message {id}.',
  },
  'relay.delivery_settled': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息 {id} 給 {party} 的傳遞已經是 {state}，不可更改。',
    en: 'The delivery of message {id} to {party} is already {state}; it cannot change.',
  },
  'relay.range_not_satisfiable': {
    http: 416,
    exit: 2,
    'zh-HK': '所要求的位元組範圍 {range} 超出內容長度 {size}。',
    en: 'The requested byte range {range} lies outside the {size}-byte payload.',
  },
  'receipt.invalid': {
    http: 422,
    exit: 7,
    'zh-HK': '收據無效：{detail}',
    en: 'The receipt is not valid: {detail}',
  },
  // Transport authentication (packages/transport, RFC 9421). Each refusal has its own code so the node's
  // 測試連線 can say exactly what is wrong: its clock, its key, or a damaged request.
  'transport.signature_missing': {
    http: 401,
    exit: 7,
    'zh-HK': '送往中央伺服器的請求沒有傳送簽署（需要 Signature 及 Signature-Input）。',
    en: 'The request carries no transport signature (Signature and Signature-Input are required).',
  },
  'transport.signature_invalid': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署格式不正確：{detail}',
    en: 'The transport signature is malformed: {detail}',
  },
  'transport.signature_components': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署涵蓋的部分不正確（需要 {required}，收到 {actual}）。',
    en: 'The transport signature covers the wrong components (required {required}, got {actual}).',
  },
  'transport.unsupported_algorithm': {
    http: 401,
    exit: 7,
    'zh-HK': '不支援傳送簽署演算法 {alg}（只接受 ed25519）。',
    en: 'The transport signature algorithm {alg} is not supported (only ed25519).',
  },
  'transport.unknown_key': {
    http: 401,
    exit: 7,
    'zh-HK': '中央伺服器不認識傳送密碼匙 {keyid}（未註冊或已被撤銷）。',
    en: 'The hub does not know transport key {keyid} (not registered, or revoked).',
  },
  'transport.bad_signature': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署驗證失敗：請求在簽署後被改動，或並非由密碼匙 {keyid} 簽署。',
    en: 'The transport signature does not verify: the request was altered after signing or not signed by key {keyid}.',
  },
  'transport.stale_signature': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署已於 {requestExpires} 過期（中央伺服器時間 {hubTime}，請求建立於 {requestCreated}）。',
    en: 'The transport signature expired at {requestExpires} (hub time {hubTime}, request created {requestCreated}).',
  },
  'transport.clock_skew': {
    http: 401,
    exit: 7,
    'zh-HK':
      '節點時鐘比中央伺服器快超過 {maxSkewSeconds} 秒：中央伺服器時間 {hubTime}，請求時間 {requestCreated}。請校正電腦時鐘。',
    en: "The node's clock is more than {maxSkewSeconds} s ahead of the hub: hub time {hubTime}, request time {requestCreated}. Correct the computer's clock.",
  },
  'transport.replayed': {
    http: 401,
    exit: 7,
    'zh-HK': '此請求已被接收過（nonce 重複），不會再次處理。',
    en: 'This request was already received (repeated nonce); it is not processed again.',
  },
  'transport.bad_digest': {
    http: 400,
    exit: 7,
    'zh-HK': '請求內容與 Content-Digest 不符：{detail}',
    en: 'The request body does not match its Content-Digest: {detail}',
  },
  'transport.hub_unreachable': {
    http: 503,
    exit: 6,
    'zh-HK': '無法連線至聯遞系統中央伺服器（{url}）：{detail}。請檢查網絡及聯遞系統延伸網址設定。',
    en: 'The CDS hub cannot be reached ({url}): {detail}. Check the network and the hub URL setting.',
  },
  'transport.hub_refused': {
    http: 502,
    exit: 7,
    'zh-HK': '聯遞系統中央伺服器拒絕了要求（{status}）：{detail}',
    en: 'The CDS hub refused the request ({status}): {detail}',
  },
  'transport.hub_key_mismatch': {
    http: 502,
    exit: 7,
    'zh-HK': '中央伺服器的簽署密碼匙指紋 {actual} 與已固定的 {expected} 不符，請勿繼續並聯絡教育局。',
    en: 'The hub signing key fingerprint {actual} does not match the pinned {expected}. Stop and contact EDB.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(formatErrorMessage(code, details, 'en'), options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get http(): number {
    return ERROR_CATALOGUE[this.code].http;
  }

  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }

  messageIn(lang: Lang): string {
    return formatErrorMessage(this.code, this.details, lang);
  }
}

export function formatErrorMessage(code: ErrorCode, details: ErrorDetails, lang: Lang): string {
  const template: string = ERROR_CATALOGUE[code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
