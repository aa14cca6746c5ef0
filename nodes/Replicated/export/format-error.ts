/**
 * The export is not in a form the readers take (a JSON shape, a CSV row past the cap): the message
 * says what and where. Callers turn it into a node error; anything else thrown is a bug or I/O.
 */
export class ExportFormatError extends Error {}

/**
 * The most characters one CSV record or one JSON row may hold: far beyond any export row (a few
 * hundred characters, a few thousand with many metrics), small enough that a file that never closes
 * a quote or a row costs 8 MB at most before it is refused.
 */
export const MAX_ROW_CHARS = 4 * 1024 * 1024;

/** `n` with thousands separators, for messages. */
export const count = (n: number): string => n.toLocaleString('en-US');
