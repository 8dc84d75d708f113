export type Lang = 'zh-HK' | 'en';

export interface ErrorSpec {
  readonly http: number;
  /** CLI exit code (SPEC §11): 1 other, 2 usage, 3 not found, 4 conflict, 5 key/forbidden, 6 unreachable, 7 refused. */
  readonly exit: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  readonly 'zh-HK': string;
  readonly en: string;
  /** The sentence to use instead when the error names a `reason` (error-reasons.ts): `{reason}` fills in. */
  readonly reasoned?: { readonly 'zh-HK': string; readonly en: string };
}
