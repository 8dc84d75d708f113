/**
 * The printed page of every report: a header (party, title, criteria), a footer (printed time,
 * user, page X of Y), and tables whose header row is repeated on every page they run onto. Rows
 * are measured before they are drawn, so a row never straddles a page break and no word is placed
 * outside the margins.
 */
import type { Lang } from '@cds/domain';
import { pageLabel } from '../text.js';
import type { FontStyle, PageSize, PdfCanvas } from './canvas.js';
import { unbreakableWidth, wrap } from './text-fit.js';

export const A4_PORTRAIT: PageSize = { width: 595.28, height: 841.89 };
export const A4_LANDSCAPE: PageSize = { width: 841.89, height: 595.28 };

export interface FrameText {
  readonly lang: Lang;
  readonly title: string;
  /** Top left, bold: the school's (or agency's) name. */
  readonly partyName: string;
  /** Under it: the participant code. */
  readonly partyCode: string;
  /** Top right: the system's name; under it, the report's slug for reference. */
  readonly system: string;
  readonly slug: string;
  /** Centred under the title. */
  readonly criteria: string;
  /** Footer, left: printed time and user. */
  readonly footer: string;
}

export interface TableColumn {
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right' | 'center';
  readonly maxLines: number;
  readonly small?: boolean;
}

export interface RowStyle {
  readonly style?: FontStyle;
  /** Background grey (1 = none). */
  readonly shade?: number;
  /** Rule above the row (totals). */
  readonly ruleAbove?: boolean;
}

const MARGIN_X = 36;
const TOP = 28;
const BODY_SIZE = 8;
const SMALL_SIZE = 6.5;
const LINE = 10.5;
const PAD_X = 3;
const PAD_Y = 3;
const HEADER_BOTTOM = 100;
const FOOTER_RULE = 36;
const ZEBRA = 0.965;

export class ReportLayout {
  y = 0;
  #table: readonly TableColumn[] | null = null;
  #zebra = false;

  private readonly canvas: PdfCanvas;
  private readonly frame: FrameText;
  /** Known in the second pass; the first pass only counts. */
  private readonly totalPages: number | null;

  constructor(canvas: PdfCanvas, frame: FrameText, totalPages: number | null) {
    this.canvas = canvas;
    this.frame = frame;
    this.totalPages = totalPages;
  }

  get left(): number {
    return MARGIN_X;
  }

  get contentWidth(): number {
    return this.canvas.page.width - 2 * MARGIN_X;
  }

  get #bottom(): number {
    return this.canvas.page.height - FOOTER_RULE - 8;
  }

  /** Column widths from weights, filling the content width. */
  widths(weights: readonly number[]): number[] {
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((weight) => (weight / sum) * this.contentWidth);
  }

  /**
   * Widths from weights, then each column raised to the width its words need (no word split, in
   * either language), the extra taken from the flexible columns (long free text) in proportion.
   */
  fitWidths(
    specs: readonly { weight: number; texts: readonly string[]; small: boolean; flexible: boolean }[],
  ) {
    const widths = this.widths(specs.map((spec) => spec.weight));
    const needed = specs.map((spec, i) => {
      const size = spec.small ? SMALL_SIZE : BODY_SIZE;
      const words = spec.texts.map((text, t) =>
        // texts[0] is the heading, printed bold at the body size.
        unbreakableWidth(text, (part) =>
          this.canvas.width(part, t === 0 ? BODY_SIZE : size, t === 0 ? 'bold' : 'regular'),
        ),
      );
      return Math.max(widths[i] ?? 0, ...words.map((w) => w + 2 * PAD_X + 0.5));
    });
    const extra = needed.reduce((sum, w, i) => sum + w - (widths[i] ?? 0), 0);
    const flexible = specs.reduce((sum, spec, i) => sum + (spec.flexible ? (needed[i] ?? 0) : 0), 0);
    return needed.map((w, i) => (specs[i]?.flexible && flexible > 0 ? w - (extra * w) / flexible : w));
  }

  startPage(): void {
    const { canvas, frame } = this;
    canvas.addPage();
    const right = canvas.page.width - MARGIN_X;
    const half = this.contentWidth / 2;
    canvas.text(frame.partyName, MARGIN_X, TOP, { size: 10.5, style: 'bold', width: half });
    canvas.text(frame.partyCode, MARGIN_X, TOP + 15, { size: 8.5, gray: 0.3 });
    canvas.text(frame.system, right - half, TOP + 1, { size: 8.5, gray: 0.3, align: 'right', width: half });
    canvas.text(frame.slug, right - half, TOP + 15, { size: 7.5, gray: 0.45, align: 'right', width: half });
    canvas.text(frame.title, MARGIN_X, TOP + 32, {
      size: 15,
      style: 'bold',
      align: 'center',
      width: this.contentWidth,
    });
    canvas.text(frame.criteria, MARGIN_X, TOP + 55, { size: 8.5, align: 'center', width: this.contentWidth });
    canvas.line(MARGIN_X, HEADER_BOTTOM - 4, right, HEADER_BOTTOM - 4, 0.9);
    this.y = HEADER_BOTTOM + 4;
    this.#zebra = false;
    if (this.#table) this.#drawTableHeader(this.#table);
  }

  finishPage(): void {
    const { canvas, frame } = this;
    const rule = canvas.page.height - FOOTER_RULE;
    const right = canvas.page.width - MARGIN_X;
    canvas.line(MARGIN_X, rule, right, rule, 0.5, 0.3);
    canvas.text(frame.footer, MARGIN_X, rule + 5, { size: 7.5, gray: 0.25 });
    const total = this.totalPages ?? canvas.pageNumber;
    canvas.text(pageLabel(canvas.pageNumber, total, frame.lang), right - 120, rule + 5, {
      size: 7.5,
      gray: 0.25,
      align: 'right',
      width: 120,
    });
    canvas.flush();
  }

  /** Moves to a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.#bottom) return;
    this.finishPage();
    this.startPage();
  }

  heading(text: string): void {
    this.ensure(18 + 3 * (LINE + 2 * PAD_Y));
    this.y += 6;
    this.canvas.text(text, MARGIN_X, this.y, { size: 10, style: 'bold' });
    this.y += 18;
  }

  note(text: string, align: 'left' | 'center' = 'left'): void {
    this.ensure(LINE + 2 * PAD_Y);
    this.canvas.text(text, MARGIN_X, this.y + PAD_Y, {
      size: BODY_SIZE,
      gray: 0.35,
      align,
      width: this.contentWidth,
    });
    this.y += LINE + 2 * PAD_Y;
  }

  beginTable(columns: readonly TableColumn[]): void {
    this.ensure(this.#headerHeight(columns) + LINE + 2 * PAD_Y);
    this.#table = columns;
    this.#zebra = false;
    this.#drawTableHeader(columns);
  }

  endTable(): void {
    this.#table = null;
    this.y += 10;
  }

  row(cells: readonly string[], style: RowStyle = {}): void {
    const columns = this.#table;
    if (!columns) throw new Error('row outside a table');
    const fitted = cells.map((cell, i) => this.#fit(cell, columns[i], style.style ?? 'regular'));
    const height = Math.max(1, ...fitted.map((lines) => lines.length)) * LINE + 2 * PAD_Y;
    this.ensure(height);
    const right = MARGIN_X + this.contentWidth;
    const shade = style.shade ?? (this.#zebra ? ZEBRA : 1);
    if (shade < 1) this.canvas.rect(MARGIN_X, this.y, this.contentWidth, height, shade);
    if (style.ruleAbove) this.canvas.line(MARGIN_X, this.y, right, this.y, 0.6);
    this.#drawCells(columns, fitted, style.style ?? 'regular');
    this.y += height;
    this.canvas.line(MARGIN_X, this.y, right, this.y, 0.25, 0.7);
    this.#zebra = !this.#zebra;
    // Each row's operators leave the JavaScript heap at once: kept for a whole page, they outlived
    // young-generation collections and made the old generation grow over a long report.
    this.canvas.flush();
  }

  #fit(cell: string, column: TableColumn | undefined, style: FontStyle): string[] {
    if (!column) return [];
    const size = column.small ? SMALL_SIZE : BODY_SIZE;
    return wrap(cell, column.width - 2 * PAD_X, column.maxLines, (text) =>
      this.canvas.width(text, size, style),
    );
  }

  #drawCells(columns: readonly TableColumn[], fitted: readonly string[][], style: FontStyle): void {
    let x = MARGIN_X;
    columns.forEach((column, i) => {
      const size = column.small ? SMALL_SIZE : BODY_SIZE;
      // Smaller text sits on the same baseline grid as the rest of the row.
      const offset = this.canvas.ascent(BODY_SIZE) - this.canvas.ascent(size);
      (fitted[i] ?? []).forEach((line, l) => {
        this.canvas.text(line, x + PAD_X, this.y + PAD_Y + l * LINE + offset, {
          size,
          style,
          align: column.align,
          width: column.width - 2 * PAD_X,
        });
      });
      x += column.width;
    });
  }

  #headerHeight(columns: readonly TableColumn[]): number {
    const lines = columns.map(
      (column) => this.#fit(column.title, { ...column, maxLines: 2, small: false }, 'bold').length,
    );
    return Math.max(1, ...lines) * LINE + 2 * PAD_Y + 1;
  }

  #drawTableHeader(columns: readonly TableColumn[]): void {
    const height = this.#headerHeight(columns);
    const right = MARGIN_X + this.contentWidth;
    this.canvas.rect(MARGIN_X, this.y, this.contentWidth, height, 0.88);
    this.canvas.line(MARGIN_X, this.y, right, this.y, 0.6);
    const fitted = columns.map((column) =>
      this.#fit(column.title, { ...column, maxLines: 2, small: false }, 'bold'),
    );
    this.#drawCells(
      columns.map((column) => ({ ...column, small: false })),
      fitted,
      'bold',
    );
    this.y += height;
    this.canvas.line(MARGIN_X, this.y, right, this.y, 0.6);
  }
}
