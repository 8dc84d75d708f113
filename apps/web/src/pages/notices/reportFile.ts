import { currentLanguage } from '../../lib/i18n';
import { ApiError, NetworkError } from '../../api/client';

export interface ReportChoice {
  readonly slug: string;
  readonly from: string;
  readonly to: string;
  readonly statuses: readonly string[];
  readonly subjects: readonly string[];
  readonly lang: 'zh-HK' | 'en';
  readonly format: 'pdf' | 'xlsx';
}

/** GET /api/reports/:slug with the criteria as query parameters (repeated for lists). */
export function reportUrl(choice: ReportChoice, disposition: 'inline' | 'attachment'): string {
  const query = new URLSearchParams({
    from: choice.from,
    to: choice.to,
    lang: choice.lang,
    format: choice.format,
    disposition,
  });
  for (const status of choice.statuses) query.append('status', status);
  for (const subject of choice.subjects) query.append('subject', subject);
  return `/api/reports/${encodeURIComponent(choice.slug)}?${query.toString()}`;
}

/** The report as a file, or the node's error (its code and message in the user's language). */
export async function fetchReport(url: string): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      headers: { 'accept-language': currentLanguage() },
    });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'internal.unexpected',
      body?.error?.message ?? response.statusText,
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'report';
  return { blob: await response.blob(), filename };
}

/** Hands a fetched file to the browser as a download. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today as YYYY-MM-DD in Hong Kong (SPEC §11: every day is a Hong Kong day). */
export function hongKongToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(now);
}
