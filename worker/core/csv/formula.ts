// CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab / CR,
// which some parsers skip before such a character) as a formula. Exports prefix such a
// cell with an apostrophe, which spreadsheets show as text; imports take it off again,
// so an export imports back unchanged. A value that itself starts with apostrophes
// before such a character gets one more, so the escape is undone exactly.

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
/** A plain number (say a negative coordinate) is not a formula and stays a number. */
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/** The cell text to write for a value. */
export const escapeCell = (text: string): string => (NEEDS_ESCAPE.test(text) && !NUMBER.test(text) ? `'${text}` : text);

/** The value a written cell stands for. */
export const unescapeCell = (text: string): string =>
  text.startsWith("'") && NEEDS_ESCAPE.test(text) ? text.slice(1) : text;
