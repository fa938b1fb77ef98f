// The byte-level CSV tokenizer: RFC 4180 edge cases, line numbers, chunk
// borders, and agreement with csv-parse (a reference implementation) on tricky
// and generated inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as referenceParse } from 'csv-parse/sync';
import { decodeField, parseCsv, readCsv } from '../../../server/src/core/sample/csv';
import { fileByteSource } from '../../../server/src/core/sample/byte-source';
import { writeTemp } from './helpers';

/** Records and start lines, with every chunk size from tiny (records cross reads) to whole-file. */
function parseEveryWay(text: string | Buffer) {
  const whole = parseCsv(text);
  for (const chunkSize of [16, 17, 23, 64]) {
    assert.deepEqual(parseCsv(text, { chunkSize }), whole, `chunk size ${chunkSize} gives the same result`);
  }
  return whole;
}

test('header and rows with LF line ends', () => {
  const { records, lines } = parseEveryWay('user_id,city\nu1,Oslo\nu2,Bergen\n');
  assert.deepEqual(records, [
    ['user_id', 'city'],
    ['u1', 'Oslo'],
    ['u2', 'Bergen'],
  ]);
  assert.deepEqual(lines, [1, 2, 3]);
});

test('CRLF and lone CR line ends count one line each', () => {
  assert.deepEqual(parseEveryWay('a,b\r\n1,2\r\n3,4\r\n').records, [['a', 'b'], ['1', '2'], ['3', '4']]);
  const mixed = parseEveryWay('a\r1\r\n2\n3');
  assert.deepEqual(mixed.records, [['a'], ['1'], ['2'], ['3']]);
  assert.deepEqual(mixed.lines, [1, 2, 3, 4]);
});

test('a UTF-8 byte order mark is not part of the first column name', () => {
  const { records } = parseEveryWay('\ufeffuser_id,age\nu1,3\n');
  assert.equal(records[0][0], 'user_id');
  assert.equal(records[0][0].length, 7);
});

test('a BOM-only or blank-only input has no records', () => {
  assert.deepEqual(parseEveryWay('\ufeff').records, []);
  assert.deepEqual(parseEveryWay('\n\r\n\n').records, []);
  assert.deepEqual(parseEveryWay('').records, []);
});

test('quoted line breaks stay in the field and move the next record down', () => {
  const text = 'id,note\nu1,"first line\nsecond line"\nu2,"a\r\nb\r\nc"\nu3,plain\n';
  const { records, lines } = parseEveryWay(text);
  assert.deepEqual(records[1], ['u1', 'first line\nsecond line']);
  assert.deepEqual(records[2], ['u2', 'a\r\nb\r\nc']);
  // u2 starts on line 4 (u1 spans 2-3); its CRLFs count once each, so u3 is on line 7.
  assert.deepEqual(lines, [1, 2, 4, 7]);
});

test('doubled quotes inside quoted fields become one quote', () => {
  const { records } = parseEveryWay('a,b\n"say ""hi""","""",x\n"",""""""\n');
  assert.deepEqual(records[1], ['say "hi"', '"', 'x']);
  assert.deepEqual(records[2], ['', '""']);
});

test('quoted delimiters and quoted empty fields', () => {
  assert.deepEqual(parseEveryWay('"Tromsø, Norway","",3\n').records, [['Tromsø, Norway', '', '3']]);
});

test('empty lines are skipped but still counted, with or without a final line end', () => {
  const a = parseEveryWay('h\n\nx\n\n\ny\n\n');
  assert.deepEqual(a.records, [['h'], ['x'], ['y']]);
  assert.deepEqual(a.lines, [1, 3, 6]);
  const b = parseEveryWay('h\nx');
  assert.deepEqual(b.records, [['h'], ['x']]);
  const c = parseEveryWay('h\nx\r');
  assert.deepEqual(c.records, [['h'], ['x']]);
});

test('empty fields, and a trailing comma at the very end', () => {
  assert.deepEqual(parseEveryWay('a,,c\n,,\nx,').records, [['a', '', 'c'], ['', '', ''], ['x', '']]);
});

test('non-ASCII text survives, also when a character is split across reads', () => {
  const text = 'city,note\nGöteborg,Tromsø\n東京,"日本, 🙂"\nKøbenhavn,ÅÄÖ\n';
  const { records } = parseEveryWay(Buffer.from(text));
  assert.deepEqual(records.slice(1), [
    ['Göteborg', 'Tromsø'],
    ['東京', '日本, 🙂'],
    ['København', 'ÅÄÖ'],
  ]);
});

test('a quote inside an unquoted field is literal text', () => {
  assert.deepEqual(parseEveryWay('a,5" screen,b\n').records, [['a', '5" screen', 'b']]);
});

test('text after a closing quote is kept', () => {
  assert.deepEqual(parseEveryWay('"ab"cd,e\n').records, [['abcd', 'e']]);
});

test('a quote that never closes is reported with the line it opens on', () => {
  const { records, problems } = parseEveryWay('a,b\n1,2\n3,"open\n4,5\n');
  assert.deepEqual(records[2], ['3', 'open\n4,5\n']);
  assert.deepEqual(problems, [{ line: 3, kind: 'unclosed-quote' }]);
});

test('records longer than a read grow the buffer', () => {
  const long = 'x'.repeat(1000);
  const { records } = parseEveryWay(`a,b\n${long},"${long}\n${long}"\n`);
  assert.equal(records[1][0].length, 1000);
  assert.equal(records[1][1].length, 2001);
});

// ---- agreement with csv-parse

function reference(text: string) {
  const rows = referenceParse(text, { skip_empty_lines: true, relax_column_count: true, bom: true, info: true }) as {
    record: string[];
    info: { lines: number };
  }[];
  return rows.map((r) => r.record);
}

test('same records as csv-parse on tricky inputs', () => {
  const inputs = [
    'a,b,c\n1,2,3\n',
    'a,b\r\n"x\r\ny",2\r\n\r\n3,"4"\r\n5,6',
    '\ufeff"id","name"\n"1","O""Brien"\n"2",""\n',
    'id,list\nu1,sport;travel\nu2,"a;b, c"\n',
    'a,b\n1\n1,2,3\n',
    'x,y\n"multi\nline\nvalue",z\n',
    'k,v\nÅse,"Göteborg"\n',
    'a,b\n,\n"",""\n',
  ];
  for (const text of inputs) assert.deepEqual(parseCsv(text).records, reference(text), JSON.stringify(text));
});

const cellArbitrary = fc
  .array(fc.constantFrom('a', 'z', '7', 'é', 'ø', '🙂', ' ', ',', '"', '\n', ';'), { maxLength: 6 })
  .map((chars) => chars.join(''));

/** A table of 2-5 columns whose cells mix delimiters, quotes, line breaks and non-ASCII text. */
const tableArbitrary = fc.record({
  rows: fc.integer({ min: 2, max: 5 }).chain((width) =>
    fc.array(
      fc.array(cellArbitrary, { minLength: width, maxLength: width }),
      { minLength: 1, maxLength: 12 },
    ),
  ),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  quoteAll: fc.boolean(),
});

test('same records as csv-parse, and a start line per record, on generated tables', () => {
  fc.assert(
    fc.property(tableArbitrary, ({ rows, crlf, bom, finalNewline, quoteAll }) => {
      const eol = crlf ? '\r\n' : '\n';
      const encode = (cell: string) =>
        quoteAll || /[",\n]/.test(cell) || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell;
      const text = (bom ? '\ufeff' : '') + rows.map((r) => r.map(encode).join(',')).join(eol) + (finalNewline ? eol : '');
      const ours = parseCsv(text);
      assert.deepEqual(ours.records, reference(text));
      assert.deepEqual(ours.records, rows);
      // Record i starts one line after record i-1 ends (line breaks inside its fields count).
      let line = 1;
      rows.forEach((row, i) => {
        assert.equal(ours.lines[i], line);
        line += 1 + row.join('').split('\n').length - 1;
      });
      for (const chunkSize of [16, 29]) assert.deepEqual(parseCsv(text, { chunkSize }), ours);
    }),
    { numRuns: 300 },
  );
});

test('a byte range of a file is read from its first line, with no BOM check past offset 0', () => {
  const text = '\uFEFFid,n\r\nu1,"a\nb"\nu2,2\n\uFEFFu3,3\n';
  const path = writeTemp('range.csv', text);
  const bytes = Buffer.from(text, 'utf8');
  const cut = bytes.indexOf('u2');
  const records: { line: number; fields: string[] }[] = [];
  const read = readCsv(
    fileByteSource(path, { start: cut, end: bytes.length }),
    (b) => {
      for (let r = 0; r < b.count; r++) {
        const fields: string[] = [];
        for (let f = b.recordFields[r]; f < b.recordFields[r + 1]; f++) fields.push(decodeField(b.bytes, b.fieldStart[f], b.fieldEnd[f]));
        records.push({ line: b.recordLine[r], fields });
      }
    },
    { firstLine: 4, bom: false, chunkSize: 16 },
  );
  assert.deepEqual(records, [
    { line: 4, fields: ['u2', '2'] },
    { line: 5, fields: ['\uFEFFu3', '3'] },
  ]);
  assert.equal(read.endLine, 6);
  const head = parseCsv(bytes.subarray(0, cut));
  assert.deepEqual(head.records, [['id', 'n'], ['u1', 'a\nb']]);
  // The first part's tokenizer ends on the line where the second part starts.
  const first = readCsv(fileByteSource(path, { start: 0, end: cut }), () => undefined);
  assert.equal(first.endLine, 4);
  assert.equal(fileByteSource(path, { start: 3, end: 7 }).size, 4);
});
