import { stringify } from 'csv-stringify/sync';

/** A value in a CSV cell: text, a number, a yes/no, a moment (written as ISO 8601 UTC) or nothing. */
export type CsvCell = string | number | boolean | Date | undefined | null;

/**
 * Characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`) or that some read past
 * (tab, carriage return) before one: OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Rows encoded at a time: a large export is built in pieces, never as one string per row set. */
const ROWS_PER_PIECE = 500;

/** A text cell a spreadsheet will show as text: one that could start a formula gets a leading `'`. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(value: CsvCell): string | number {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return neutralise(value);
}

/**
 * One CSV file, built row by row: RFC 4180 (fields with commas, quotes or line breaks quoted, quotes
 * doubled, CRLF between records), UTF-8 with a byte-order mark so spreadsheet programs read it as UTF-8,
 * and every text cell neutralised against formula injection. The quoting is csv-stringify's.
 */
export class CsvFile {
  private readonly pieces: Buffer[];
  private pending: (string | number)[][] = [];
  private count = 0;

  constructor(readonly columns: readonly string[]) {
    this.pieces = [Buffer.from(`\uFEFF${encode([columns.map(neutralise)])}`, 'utf8')];
  }

  add(row: readonly CsvCell[]): void {
    if (row.length !== this.columns.length)
      throw new Error(`a CSV row has ${row.length} cells for ${this.columns.length} columns`);
    this.pending.push(row.map(cell));
    this.count += 1;
    if (this.pending.length >= ROWS_PER_PIECE) this.flush();
  }

  /** Rows added so far (the header not counted). */
  get rows(): number {
    return this.count;
  }

  /** The file's bytes. */
  bytes(): Buffer {
    this.flush();
    return Buffer.concat(this.pieces);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.pieces.push(Buffer.from(encode(this.pending), 'utf8'));
    this.pending = [];
  }
}

function encode(records: (string | number)[][]): string {
  // With CRLF as the record delimiter csv-stringify quotes only fields holding a whole CRLF; RFC 4180 wants
  // any line break quoted, so a lone CR or LF is quoted too.
  return stringify(records, { record_delimiter: 'windows', eof: true, quoted_match: /[\r\n]/ });
}
