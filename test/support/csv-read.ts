/**
 * Reads a CSV file back the way RFC 4180 defines it (quoted fields with doubled quotes, CRLF between
 * records), strictly: anything else (a bare quote inside a field, a lone LF between records) throws, so a
 * test that reads an export also checks it is well-formed. A UTF-8 byte-order mark at the start is skipped.
 */
export function readCsv(bytes: Buffer | string): string[][] {
  let text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`not RFC 4180 at character ${i}: ${why}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('a quoted field never closes');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('a quote inside an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    if (i < text.length) fail(`${JSON.stringify(text[i])} after a field`);
  }
  if (record.length > 0) fail('the last record has no CRLF');
  return records;
}

/** The records as objects keyed by the header row. */
export function readCsvObjects(bytes: Buffer | string): Record<string, string>[] {
  const [header = [], ...rows] = readCsv(bytes);
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`a row has ${row.length} fields for ${header.length}`);
    return Object.fromEntries(header.map((name, index) => [name, row[index] ?? '']));
  });
}
