import type { ErrorSpec } from './error-spec.js';

/**
 * Error codes of offline bundles (SPEC §5, 匯出/匯入訊息). An import or ingest names exactly why a
 * bundle was refused, one code per item of the SPEC's list, and changes nothing when it refuses.
 */
export const BUNDLE_ERRORS = {
  'bundle.file_not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到匯入檔案 {file}。',
    en: 'The bundle file {file} was not found.',
  },
  'bundle.not_a_bundle': {
    http: 422,
    exit: 1,
    'zh-HK': '此檔案不是聯遞系統的匯出檔案（.zip）。請選擇由聯遞系統匯出的檔案。',
    en: 'This file is not a CDS bundle (.zip). Choose a file exported by CDS.',
  },
  'bundle.unsupported_version': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案的格式版本 {version} 不受支援（支援 {supported}）。',
    en: 'The bundle format {version} is not supported (this version reads {supported}).',
  },
  'bundle.unsupported_feature': {
    http: 422,
    exit: 1,
    'zh-HK':
      '匯出檔案使用了不受支援的壓縮檔功能（例如加密或分割壓縮檔），不會匯入。請使用聯遞系統直接匯出的檔案，不要重新壓縮。',
    en: 'The bundle uses a zip feature that is not accepted (such as encryption or split archives), so it is not imported. Use the file exactly as CDS exported it; do not re-zip it.',
  },
  'bundle.wrong_party': {
    http: 422,
    exit: 1,
    'zh-HK': '此匯出檔案是給 {expected} 的，不是給 {actual} 的。',
    en: 'This bundle is meant for {expected}, not for {actual}.',
  },
  'bundle.signature_invalid': {
    http: 422,
    exit: 1,
    'zh-HK':
      '匯出檔案的數碼簽署無效，檔案可能被改動或並非由所示的一方匯出，不會匯入。請聯絡匯出的一方重新匯出。',
    en: 'The bundle signature is not valid: the file may have been altered or was not exported by the party it names, so it is not imported. Ask the exporting party to export it again.',
  },
  'bundle.manifest_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案的清單（manifest.json）不正確，不會匯入。請聯絡匯出的一方重新匯出。',
    en: 'The bundle manifest (manifest.json) is not valid, so the bundle is not imported. Ask the exporting party to export it again.',
  },
  'bundle.hash_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '{entry} 的內容與清單所記錄的 SHA-256 不符。',
    en: 'The content of {entry} does not match the SHA-256 in the manifest.',
  },
  'bundle.size_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '{entry} 的實際大小與記錄不符，檔案可能已損壞或被改動，不會匯入。請重新取得匯出檔案。',
    en: 'The size of {entry} is not what is recorded: the file may be damaged or altered, so it is not imported. Get the bundle again.',
  },
  'bundle.duplicate_entry': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案內 {entry} 出現多於一次。',
    en: 'The bundle holds {entry} more than once.',
  },
  'bundle.missing_entry': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案的內容與其清單不一致（缺少或多出項目），不會匯入。請重新取得匯出檔案。',
    en: 'The bundle and its manifest disagree (an entry is missing or extra), so it is not imported. Get the bundle again.',
  },
  'bundle.path_traversal': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案內的名稱 {entry} 試圖指向上層目錄。',
    en: 'The entry name {entry} climbs out of the bundle (..).',
  },
  'bundle.absolute_name': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案內的名稱 {entry} 是絕對路徑。',
    en: 'The entry name {entry} is an absolute path.',
  },
  'bundle.bad_name': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案內的項目 {entry} 名稱或類型不正確，不會匯入。請使用聯遞系統直接匯出的檔案。',
    en: 'The bundle entry {entry} has a name or type that is not accepted, so it is not imported. Use the file exactly as CDS exported it.',
  },
  'bundle.symlink': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案內的項目 {entry} 是符號連結。',
    en: 'The bundle entry {entry} is a symbolic link.',
  },
  'bundle.compression_bomb': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案解壓後會異常龐大（疑似壓縮炸彈），不會匯入。請聯絡匯出的一方。',
    en: 'The bundle would expand to an abnormal size (it looks like a decompression bomb), so it is not imported. Contact the exporting party.',
  },
  'bundle.too_many_entries': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案有 {count} 個項目，上限為 {limit} 個。',
    en: 'The bundle has {count} entries; at most {limit} are accepted.',
  },
  'bundle.too_large': {
    http: 413,
    exit: 1,
    'zh-HK': '{entry} 有 {size} 位元組，超過上限 {limit} 位元組。',
    en: '{entry} is {size} bytes, more than the limit of {limit} bytes.',
  },
  'bundle.truncated': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案不完整（可能在複製或下載時被截斷），不會匯入。請重新複製或下載整個檔案。',
    en: 'The bundle is incomplete (cut short while copying or downloading?), so it is not imported. Copy or download the whole file again.',
  },
  'bundle.corrupt': {
    http: 422,
    exit: 1,
    'zh-HK': '匯出檔案已損壞，不會匯入。請重新取得匯出檔案。',
    en: 'The bundle is damaged, so it is not imported. Get the bundle again.',
  },
  'bundle.nothing_to_export': {
    http: 404,
    exit: 3,
    'zh-HK': '{party} 沒有可匯出的訊息。',
    en: 'There is nothing to export for {party}.',
  },
} as const satisfies Record<string, ErrorSpec>;
