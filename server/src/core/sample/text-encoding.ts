// Decoding the text of data files. UTF-8 is expected; a file saved by an older
// spreadsheet on Windows is often Windows-1252, where `Tromsø` is the byte F8,
// invalid in UTF-8. Decoding such bytes as UTF-8 turns every accented letter
// into U+FFFD, so `Tromsø` and `Tromsæ` become one value. Instead, text that is
// not valid UTF-8 is decoded as Windows-1252 (every byte is a character there),
// and the readers warn once per file, naming the first such line.
import { isUtf8 } from 'node:buffer';

/** The characters of bytes 0x80–0x9F in Windows-1252 (the rest of the high half is Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** True when bytes [start, end) are valid UTF-8 (plain ASCII included). */
export function isValidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  return isUtf8(bytes.subarray(start, end));
}

/** Bytes [start, end) as Windows-1252 text. */
export function decodeWindows1252(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let k = start; k < end; k++) {
    const b = bytes[k];
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
  }
  return out;
}

/** Bytes [start, end) holding some byte ≥ 0x80: UTF-8 when valid, Windows-1252 otherwise. */
export function decodeNonAscii(bytes: Uint8Array, start: number, end: number): string {
  const part = bytes.subarray(start, end);
  return isUtf8(part) ? Buffer.from(part.buffer, part.byteOffset, part.length).toString('utf8') : decodeWindows1252(bytes, start, end);
}

/**
 * The 0-based number of the line of bytes [start, end) that holds the first
 * byte that is not valid UTF-8 (lines end at LF, CRLF or a lone CR), or -1 when
 * all of it is valid.
 */
export function firstNonUtf8Line(bytes: Uint8Array, start: number, end: number): number {
  if (isUtf8(bytes.subarray(start, end))) return -1;
  let line = 0;
  let lineStart = start;
  for (let k = start; k <= end; k++) {
    const c = k < end ? bytes[k] : 10;
    if (c !== 10 && c !== 13) continue;
    if (!isUtf8(bytes.subarray(lineStart, k))) return line;
    if (c === 13 && k + 1 < end && bytes[k + 1] === 10) k++;
    line++;
    lineStart = k + 1;
  }
  // A sequence cut at `end` (only when the caller's range ends mid-character).
  return line;
}

/** The warning text, the same for every reader. */
export function notUtf8Message(label: string, file: string, line: number): string {
  return (
    `The ${label} \`${file}\` is not valid UTF-8 (the first such text is on line ${line}): text that is not UTF-8 is read as Windows-1252, ` +
    'the encoding older Windows programs save in. Re-save the file as UTF-8 (in Excel: Save As, "CSV UTF-8") so every letter is read as meant.'
  );
}
