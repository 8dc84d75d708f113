/**
 * A thin drawing surface over pdfkit for tables of plain text. pdfkit keeps the document structure,
 * page flushing and the subset embedding of the font; the text itself is written here as content
 * operators, one batch per row, because pdfkit's own text() shapes every string through fontkit
 * (≈ 0.5 ms a cell with a CJK font) and caches each distinct string forever, which made a
 * 100,000-row report slow and its memory grow. Chinese needs no shaping: each character maps to one
 * glyph through the font's cmap, and that mapping is cached per character.
 *
 * Coordinates are points from the top-left corner of the page, as in pdfkit.
 */
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { ReportFonts } from './fonts.js';

export type FontStyle = 'regular' | 'bold';

/** The parts of pdfkit 0.20's EmbeddedFont this file relies on (pinned version; tests cover it). */
interface EmbeddedFont {
  readonly id: string;
  readonly scale: number;
  readonly ascender: number;
  readonly font: {
    glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; codePoints: number[] };
  };
  readonly subset: { includeGlyph(glyphId: number): number };
  readonly widths: number[];
  readonly unicode: number[][];
  ref(): unknown;
}

interface Glyph {
  readonly hex: string;
  /** Advance in thousandths of the font size. */
  readonly advance: number;
}

class Face {
  readonly #glyphs = new Map<number, Glyph>();
  readonly font: EmbeddedFont;

  constructor(font: EmbeddedFont) {
    this.font = font;
  }

  glyph(codePoint: number): Glyph {
    let glyph = this.#glyphs.get(codePoint);
    if (glyph === undefined) {
      const source = this.font.font.glyphForCodePoint(codePoint);
      const id = this.font.subset.includeGlyph(source.id);
      const advance = source.advanceWidth * this.font.scale;
      // What pdfkit's own encode() records, so the embedded widths and ToUnicode map are right.
      this.font.widths[id] ??= advance;
      this.font.unicode[id] ??= source.codePoints;
      glyph = { hex: id.toString(16).padStart(4, '0'), advance };
      this.#glyphs.set(codePoint, glyph);
    }
    return glyph;
  }

  // Indexed loops rather than for…of: iterating a string allocates a string per Chinese character,
  // and over a 100,000-row report that garbage alone made the heap grow by tens of megabytes.
  width(text: string, size: number): number {
    let total = 0;
    for (let i = 0; i < text.length; i += 1) {
      const codePoint = text.codePointAt(i) ?? 0;
      if (codePoint > 0xffff) i += 1;
      total += this.glyph(codePoint).advance;
    }
    return (total * size) / 1000;
  }

  hex(text: string): string {
    let hex = '';
    for (let i = 0; i < text.length; i += 1) {
      const codePoint = text.codePointAt(i) ?? 0;
      if (codePoint > 0xffff) i += 1;
      hex += this.glyph(codePoint).hex;
    }
    return hex;
  }
}

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export interface TextOptions {
  readonly size: number;
  readonly style?: FontStyle;
  /** 0 black … 1 white. */
  readonly gray?: number;
  /** Alignment inside [x, x + width]. */
  readonly align?: 'left' | 'right' | 'center';
  readonly width?: number;
}

const n = (value: number): string => (Math.round(value * 100) / 100).toString();

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly lang: string;
  readonly createdAt: Date;
}

export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly page: PageSize;
  readonly #faces: Record<FontStyle, Face>;
  #ops: string[] = [];
  #bytes = Buffer.allocUnsafe(256 * 1024);
  #length = 0;
  #pages = 0;
  /** The counting pass measures and paginates but draws nothing: only the page count is kept. */
  readonly #counting: boolean;
  readonly #fauxBold: boolean;

  constructor(page: PageSize, fonts: ReportFonts, info: DocumentInfo, sink: Writable, counting = false) {
    this.page = page;
    this.#counting = counting;
    this.#fauxBold = fonts.bold === null;
    this.doc = new PDFDocument({
      size: [page.width, page.height],
      margin: 0,
      autoFirstPage: false,
      fontLayoutCache: false,
      lang: info.lang,
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Creator: 'CDS 聯遞系統', CreationDate: info.createdAt },
    });
    this.doc.pipe(sink);
    const internals = this.doc as unknown as { _font: EmbeddedFont };
    // pdfkit takes an already parsed font where its types say Buffer (PDFFontFactory.open).
    this.doc.registerFont('report-regular', fonts.regular.font as Buffer);
    this.doc.font('report-regular');
    const regular = new Face(internals._font);
    let bold = regular;
    if (fonts.bold) {
      this.doc.registerFont('report-bold', fonts.bold.font as Buffer);
      this.doc.font('report-bold');
      bold = new Face(internals._font);
    }
    this.#faces = { regular, bold };
  }

  get pageNumber(): number {
    return this.#pages;
  }

  addPage(): void {
    this.#pages += 1;
    // The counting pass only counts: pdfkit's objects for thousands of pages would outlive the
    // pass as garbage and add to the writing pass's peak memory.
    if (this.#counting) return;
    if (this.#pages > 1) this.#commitPage();
    this.doc.addPage({ size: [this.page.width, this.page.height], margin: 0 });
    const resources = this.doc.page.fonts as Record<string, unknown>;
    for (const face of new Set(Object.values(this.#faces))) resources[face.font.id] = face.font.ref();
  }

  width(text: string, size: number, style: FontStyle = 'regular'): number {
    return this.#faces[style].width(text, size);
  }

  ascent(size: number): number {
    return (this.#faces.regular.font.ascender * size) / 1000;
  }

  /** One line of text whose top is at y (no wrapping here: see text-fit.ts). */
  text(text: string, x: number, y: number, options: TextOptions): void {
    if (text === '' || this.#counting) return;
    const face = this.#faces[options.style ?? 'regular'];
    let left = x;
    if (options.align && options.align !== 'left' && options.width !== undefined) {
      const free = options.width - face.width(text, options.size);
      left += options.align === 'right' ? free : free / 2;
    }
    const baseline = this.page.height - y - (face.font.ascender * options.size) / 1000;
    const gray = n(options.gray ?? 0);
    const op = `BT ${gray} g /${face.font.id} ${n(options.size)} Tf 1 0 0 1 ${n(left)} ${n(baseline)} Tm <${face.hex(text)}> Tj ET`;
    // Without a bold face, bold is drawn by filling and stroking the outlines (render mode 2); the
    // mode is graphics state, so q/Q keeps it to this one text.
    this.#ops.push(
      options.style === 'bold' && this.#fauxBold
        ? `q ${gray} G ${n(options.size * 0.035)} w 2 Tr ${op} Q`
        : op,
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, gray = 0): void {
    if (this.#counting) return;
    const h = this.page.height;
    this.#ops.push(`${n(width)} w ${n(gray)} G ${n(x1)} ${n(h - y1)} m ${n(x2)} ${n(h - y2)} l S`);
  }

  rect(x: number, y: number, width: number, height: number, gray: number): void {
    if (this.#counting) return;
    this.#ops.push(`${n(gray)} g ${n(x)} ${n(this.page.height - y - height)} ${n(width)} ${n(height)} re f`);
  }

  /**
   * Moves the queued operators into the page's byte buffer, in PDF's own bottom-up coordinates
   * (pdfkit flips every page to top-down; the q/cm/Q pair undoes that for this batch only).
   */
  flush(): void {
    if (this.#ops.length === 0) return;
    this.#append(`q 1 0 0 -1 0 ${n(this.page.height)} cm\n${this.#ops.join('\n')}\nQ\n`);
    this.#ops = [];
  }

  /**
   * The page's content goes to pdfkit once, as bytes, when the page is complete. One reused
   * buffer per document: pdfkit converts strings one character at a time (a fifth of the run time),
   * and a small Buffer per row, held until the page ends, was promoted to the old generation with
   * its memory, so resident memory grew with the length of the report.
   */
  #append(text: string): void {
    if (this.#length + text.length > this.#bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#length + text.length));
      this.#bytes.copy(bigger, 0, 0, this.#length);
      this.#bytes = bigger;
    }
    this.#length += this.#bytes.write(text, this.#length, 'latin1');
  }

  /** Hands the page's bytes over; pdfkit copies and compresses them before the next page starts. */
  #commitPage(): void {
    this.flush();
    if (this.#length === 0) return;
    this.doc.addContent(this.#bytes.subarray(0, this.#length));
    this.#length = 0;
  }

  /**
   * Gives the event loop a turn (a server keeps answering other requests during a long report,
   * and file writes proceed), then waits while more than `limit` bytes sit unread: pdfkit pushes
   * every finished page into its stream without waiting, so the buffered bytes are bounded here.
   */
  async drain(limit = 1024 * 1024): Promise<void> {
    do await new Promise((resolve) => setImmediate(resolve));
    while (this.doc.readableLength > limit);
  }

  /**
   * Stops without finishing the file: the counting pass needs only the page count, and finishing
   * would embed the font subset (a quarter of a second of CFF encoding) into bytes nobody reads.
   */
  abandon(): void {
    this.#ops = [];
    this.#length = 0;
    this.doc.unpipe();
  }

  async end(sink: Writable): Promise<void> {
    this.#commitPage();
    const finished = new Promise<void>((resolve, reject) => {
      sink.once('finish', resolve);
      sink.once('error', reject);
      this.doc.once('error', reject);
    });
    this.doc.end();
    await finished;
  }
}
