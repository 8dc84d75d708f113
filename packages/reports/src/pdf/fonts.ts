/**
 * The CJK font of printed reports: Noto Sans CJK from Debian's fonts-noto-cjk, HK glyph forms
 * (Noto Sans CJK HK inside the .ttc collections), embedded as a subset so a PDF carries only the
 * glyphs it prints. The collection is read and parsed once per process (≈ 30 MB) and the parsed
 * font shared by every report and both passes: parsing the CFF tables of a 65,000-glyph font again
 * for each document cost about a second per report. The bold collection is optional (FontOptions).
 */
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { AppError } from '@cds/domain';

export const DEFAULT_FONT_DIR = '/usr/share/fonts/opentype/noto';

/** A parsed font (fontkit's object, which pdfkit accepts in place of a file). */
export interface ParsedFont {
  readonly postscriptName: string;
  readonly font: object;
}

export interface ReportFonts {
  readonly regular: ParsedFont;
  readonly bold: ParsedFont | null;
}

/** Parses one face of a collection through pdfkit's own font loader, to reuse the result. */
async function parse(data: Buffer, postscriptName: string): Promise<ParsedFont> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.pipe(new Writable({ write: (_chunk, _encoding, done) => done() }));
  doc.registerFont('probe', data, postscriptName);
  doc.font('probe');
  const font = (doc as unknown as { _font: { font: object } })._font.font;
  return { postscriptName, font };
}

const cache = new Map<string, Promise<ReportFonts>>();

async function read(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function load(dir: string, withBold: boolean): Promise<ReportFonts> {
  const regularPath = `${dir}/NotoSansCJK-Regular.ttc`;
  const regular = await read(regularPath);
  if (regular === null) throw new AppError('report.font_missing', { path: regularPath });
  const bold = withBold ? await read(`${dir}/NotoSansCJK-Bold.ttc`) : null;
  return {
    regular: await parse(regular, 'NotoSansCJKhk-Regular'),
    bold: bold === null ? null : await parse(bold, 'NotoSansCJKhk-Bold'),
  };
}

export interface FontOptions {
  /** Default: Debian's location. */
  readonly dir?: string;
  /**
   * Also load NotoSansCJK-Bold.ttc (when present) for headings. Off by default: the second
   * collection costs about 45 MB of resident memory (its 20 MB file, the parsed tables and the
   * subset encoding at the end of every report), which took a 100,000-row report past the 200 MB
   * bar; without it, headings are drawn bold from the regular outlines (see PdfCanvas.text).
   */
  readonly bold?: boolean;
}

/** The report fonts, loaded once per process and option set. */
export function loadReportFonts(options: FontOptions = {}): Promise<ReportFonts> {
  const dir = options.dir ?? DEFAULT_FONT_DIR;
  const key = `${dir}\u0000${options.bold === true}`;
  let fonts = cache.get(key);
  if (!fonts) {
    fonts = load(dir, options.bold === true);
    // A failed load is not cached: installing the package fixes the next request without a restart.
    fonts.catch(() => cache.delete(key));
    cache.set(key, fonts);
  }
  return fonts;
}
