import { CsvFile, neutralise } from '../../src/services/csv';
import { readCsv } from '../support/csv-read';

function fileOf(rows: Parameters<CsvFile['add']>[0][], columns = ['a', 'b']): Buffer {
  const file = new CsvFile(columns);
  for (const row of rows) file.add(row);
  return file.bytes();
}

describe('a CSV export file', () => {
  it('is UTF-8 with a byte-order mark, a header and CRLF after every record', () => {
    const bytes = fileOf([['x', 1]]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFFa,b\r\nx,1\r\n');
  });

  it.each([
    ['a comma', 'Smith, Jane', '"Smith, Jane"'],
    ['a quote', 'the "best" mentor', '"the ""best"" mentor"'],
    ['a line break', 'line one\nline two', '"line one\nline two"'],
    ['a CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
    ['plain text', 'Marketing', 'Marketing'],
  ])('quotes a cell with %s as RFC 4180 says', (_what, value, encoded) => {
    const bytes = fileOf([[value, '']]);
    expect(bytes.toString('utf8')).toBe(`\uFEFFa,b\r\n${encoded},\r\n`);
    expect(readCsv(bytes)).toEqual([
      ['a', 'b'],
      [value, ''],
    ]);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['a=1', 'a=1'],
    ['2026-09-01', '2026-09-01'],
  ])('neutralises only cells that could start a formula: %j reads back as %j', (value, shown) => {
    expect(neutralise(value)).toBe(shown);
    expect(readCsv(fileOf([[value, 'x']]))[1]).toEqual([shown, 'x']);
  });

  it('keeps every character of UTF-8 text', () => {
    const text = 'Zoë · 東京 · Ḿüñchen · 😀';
    const bytes = fileOf([[text, 'é']]);
    expect(readCsv(bytes)[1]).toEqual([text, 'é']);
    expect(bytes.toString('utf8')).toContain(text);
  });

  it('writes numbers, yes/no, moments in ISO 8601 and nothing as empty cells', () => {
    const rows = readCsv(
      fileOf([
        [3, true],
        [false, new Date('2026-03-02T15:00:00Z')],
        [null, undefined],
        [Number.NaN, 0],
      ]),
    );
    expect(rows.slice(1)).toEqual([
      ['3', 'yes'],
      ['no', '2026-03-02T15:00:00.000Z'],
      ['', ''],
      ['', '0'],
    ]);
  });

  it('builds a large file in pieces with every row in order', () => {
    const rows = Array.from({ length: 1234 }, (_, i) => [`row ${i}`, i]);
    const file = new CsvFile(['a', 'b']);
    for (const row of rows) file.add(row);
    expect(file.rows).toBe(1234);
    const read = readCsv(file.bytes());
    expect(read).toHaveLength(1235);
    expect(read[1234]).toEqual(['row 1233', '1233']);
  });

  it('refuses a row whose cells do not match the columns', () => {
    expect(() => new CsvFile(['a', 'b']).add(['only one'])).toThrow('1 cells for 2 columns');
  });
});
