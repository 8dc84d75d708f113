/**
 * Formula injection (CSV/spreadsheet injection): a text that starts with = + - @, a tab or a carriage
 * return can run as a formula once a user re-saves the sheet as CSV or edits the cell. Message
 * descriptions come from other participants, so every text cell that could start a formula gets a
 * leading apostrophe, as OWASP recommends; the cell stays a text cell as well.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCellText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
