// The lexer the parser uses: a hand-written character loop that produces exactly
// the tokens, comments and errors of the Chevrotain `segmentLexer` in tokens.ts
// (the reference; a property test holds the two together), several times faster.
// Chevrotain's lexer tries the ~45 keyword patterns and then the identifier
// pattern (`longer_alt`) at every word; here a word is read once and looked up.
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import * as T from './tokens';

export interface LexResult {
  tokens: IToken[];
  /** `#` comments, in order (Chevrotain's `groups.comments`). */
  comments: IToken[];
  /** Runs of characters no token starts with, as Chevrotain reports them. */
  errors: ILexingError[];
}

interface Keyword {
  word: string;
  tokenType: TokenType;
}

/**
 * Every keyword (duration units in both forms, `day` and `days`) by its first
 * character: a word is compared in place with the few candidates, so keywords
 * need no slice of the text and share one image string.
 */
const KEYWORDS_BY_FIRST_CHAR: (Keyword[] | undefined)[] = (() => {
  const byChar: (Keyword[] | undefined)[] = new Array(128).fill(undefined);
  const add = (word: string, tokenType: TokenType): void => {
    (byChar[word.charCodeAt(0)] ??= []).push({ word, tokenType });
  };
  for (const tokenType of T.KEYWORD_TOKENS) {
    const source = (tokenType.PATTERN as RegExp).source;
    if (!/^[a-z]+s?\??$/.test(source)) throw new Error(`keyword pattern ${source} is not a plain word`);
    if (source.endsWith('s?')) {
      add(source.slice(0, -2), tokenType);
      add(source.slice(0, -1), tokenType);
    } else add(source, tokenType);
  }
  return byChar;
})();

function keywordAt(text: string, at: number, length: number): Keyword | undefined {
  const candidates = KEYWORDS_BY_FIRST_CHAR[text.charCodeAt(at)];
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k++) {
    const keyword = candidates[k];
    if (keyword.word.length === length && text.startsWith(keyword.word, at)) return keyword;
  }
  return undefined;
}

// Character classes of the ASCII range, as bit flags.
const WORD_START = 1; // [A-Za-z_]
const WORD_PART = 2; // [A-Za-z0-9_]
const DIGIT = 4; // [0-9]
const SPACE = 8; // [ \t\r\n\f\v]
const HEX = 16; // [0-9a-fA-F]
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] |= WORD_START | WORD_PART;
  if (/[0-9]/.test(ch)) CLASS[c] |= DIGIT | WORD_PART;
  if (/[ \t\r\n\f\v]/.test(ch)) CLASS[c] |= SPACE;
  if (/[0-9a-fA-F]/.test(ch)) CLASS[c] |= HEX;
}

const CR = 13;
const LF = 10;
const QUOTE = 34; // "
const HASH = 35; // #
const BACKSLASH = 92;
const BACKTICK = 96;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const COLON = 58;
const EQUALS = 61;
const LESS = 60;
const GREATER = 62;
const BANG = 33;

function is(c: number, flag: number): boolean {
  return c < 128 && (CLASS[c] & flag) !== 0;
}

function isSpace(c: number): boolean {
  return c < 128 ? (CLASS[c] & SPACE) !== 0 : c === 0xa0 || c === 0xfeff;
}

function digitsAt(text: string, at: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!is(text.charCodeAt(at + k), DIGIT)) return false;
  return true;
}

/** `\d{4}-\d{2}-\d{2}` at `at`. */
function datePrefixAt(text: string, at: number): boolean {
  return (
    digitsAt(text, at, 4) &&
    text.charCodeAt(at + 4) === MINUS &&
    digitsAt(text, at + 5, 2) &&
    text.charCodeAt(at + 7) === MINUS &&
    digitsAt(text, at + 8, 2)
  );
}

/** End of a DateTimeLiteral at `at` (a date prefix is known to be there), or -1. */
function dateTimeEnd(text: string, at: number): number {
  let p = at + 10;
  if (text.charCodeAt(p) !== 84 /* T */ || !digitsAt(text, p + 1, 2) || text.charCodeAt(p + 3) !== COLON || !digitsAt(text, p + 4, 2)) {
    return -1;
  }
  p += 6;
  if (text.charCodeAt(p) === COLON && digitsAt(text, p + 1, 2)) {
    p += 3;
    if (text.charCodeAt(p) === DOT && is(text.charCodeAt(p + 1), DIGIT)) {
      p += 2;
      while (is(text.charCodeAt(p), DIGIT)) p++;
    }
  }
  const z = text.charCodeAt(p);
  if (z === 90 /* Z */) return p + 1;
  if ((z === PLUS || z === MINUS) && digitsAt(text, p + 1, 2)) {
    const q = p + 3;
    if (text.charCodeAt(q) === COLON) {
      if (digitsAt(text, q + 1, 2)) return q + 3;
    } else if (digitsAt(text, q, 2)) return q + 2;
  }
  return p;
}

/** End of a NumberLiteral at `at`, or -1: `-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`. */
function numberEnd(text: string, at: number): number {
  let p = at;
  if (text.charCodeAt(p) === MINUS) p++;
  if (is(text.charCodeAt(p), DIGIT)) {
    while (is(text.charCodeAt(p), DIGIT)) p++;
    if (text.charCodeAt(p) === DOT && is(text.charCodeAt(p + 1), DIGIT)) {
      p += 2;
      while (is(text.charCodeAt(p), DIGIT)) p++;
    }
  } else if (text.charCodeAt(p) === DOT && is(text.charCodeAt(p + 1), DIGIT)) {
    p += 2;
    while (is(text.charCodeAt(p), DIGIT)) p++;
  } else return -1;
  const e = text.charCodeAt(p);
  if (e === 101 || e === 69 /* e E */) {
    let q = p + 1;
    const sign = text.charCodeAt(q);
    if (sign === PLUS || sign === MINUS) q++;
    if (is(text.charCodeAt(q), DIGIT)) {
      while (is(text.charCodeAt(q), DIGIT)) q++;
      return q;
    }
  }
  return p;
}

/** End of a valid StringLiteral at `at` (on `"`), or -1 (then it is a BadString). */
function stringEnd(text: string, at: number): number {
  const n = text.length;
  let p = at + 1;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) return p + 1;
    if (c === CR || c === LF) return -1;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(p + 1);
      // ["\\/bfnrt]
      if (e === QUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) p += 2;
      else if (e === 117 /* u */ && is(text.charCodeAt(p + 2), HEX) && is(text.charCodeAt(p + 3), HEX) && is(text.charCodeAt(p + 4), HEX) && is(text.charCodeAt(p + 5), HEX)) {
        p += 6;
      } else return -1;
    } else p++;
  }
  return -1;
}

/** End of a BadString at `at`: `"(?:[^"\\\r\n]|\\.)*"?`. */
function badStringEnd(text: string, at: number): number {
  const n = text.length;
  let p = at + 1;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) return p + 1;
    if (c === CR || c === LF) return p;
    if (c === BACKSLASH) {
      // `.` matches anything but a line terminator.
      const e = text.charCodeAt(p + 1);
      if (p + 1 >= n || e === CR || e === LF || e === 0x2028 || e === 0x2029) return p;
      p += 2;
    } else p++;
  }
  return p;
}

// The token type of the last match, set by `matchAt` (saves allocating a pair per token),
// and its image when already known (a keyword's shared string), else undefined.
let matchedType: TokenType = T.Identifier;
let matchedImage: string | undefined;

/**
 * End of the token starting at `at` (whose char code is `c`), or -1 when none
 * starts there; sets `matchedType`. Tries the token types in the order and with
 * the rules of Chevrotain's lexer (first match wins, keywords yield to longer
 * identifiers). Whitespace is not handled here.
 */
function matchAt(text: string, at: number, c: number): number {
  matchedImage = undefined;
  if (is(c, WORD_START)) {
    let p = at + 1;
    while (is(text.charCodeAt(p), WORD_PART)) p++;
    const keyword = keywordAt(text, at, p - at);
    if (keyword === undefined) matchedType = T.Identifier;
    else {
      matchedType = keyword.tokenType;
      matchedImage = keyword.word;
    }
    return p;
  }
  if (is(c, DIGIT)) {
    if (datePrefixAt(text, at)) {
      const end = dateTimeEnd(text, at);
      if (end >= 0) {
        matchedType = T.DateTimeLiteral;
        return end;
      }
      if (!is(text.charCodeAt(at + 10), WORD_PART)) {
        matchedType = T.DateLiteral;
        return at + 10;
      }
    }
    matchedType = T.NumberLiteral;
    return numberEnd(text, at);
  }
  switch (c) {
    case QUOTE: {
      const end = stringEnd(text, at);
      if (end >= 0) {
        matchedType = T.StringLiteral;
        return end;
      }
      matchedType = T.BadString;
      return badStringEnd(text, at);
    }
    case HASH: {
      let p = at + 1;
      const n = text.length;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d === CR || d === LF) break;
        p++;
      }
      matchedType = T.Comment;
      return p;
    }
    case MINUS:
      matchedType = T.NumberLiteral;
      return numberEnd(text, at);
    case DOT: {
      const end = numberEnd(text, at);
      if (end >= 0) {
        matchedType = T.NumberLiteral;
        return end;
      }
      matchedType = T.Dot;
      return at + 1;
    }
    case BACKTICK: {
      let p = at + 1;
      const n = text.length;
      while (p < n) {
        const d = text.charCodeAt(p);
        if (d === BACKTICK || d === CR || d === LF) break;
        p++;
      }
      if (p < n && text.charCodeAt(p) === BACKTICK && p > at + 1) {
        matchedType = T.BacktickName;
        return p + 1;
      }
      matchedType = T.UnterminatedBacktick;
      return p;
    }
    case 123: // {
      matchedType = T.LBrace;
      return at + 1;
    case 125: // }
      matchedType = T.RBrace;
      return at + 1;
    case 40: // (
      matchedType = T.LParen;
      return at + 1;
    case 41: // )
      matchedType = T.RParen;
      return at + 1;
    case 44: // ,
      matchedType = T.Comma;
      return at + 1;
    case BANG:
      if (text.charCodeAt(at + 1) !== EQUALS) return -1;
      matchedType = T.NotEquals;
      return at + 2;
    case LESS: {
      const d = text.charCodeAt(at + 1);
      if (d === GREATER) {
        matchedType = T.NotEquals;
        return at + 2;
      }
      if (d === EQUALS) {
        matchedType = T.LessEquals;
        return at + 2;
      }
      matchedType = T.Less;
      return at + 1;
    }
    case GREATER:
      if (text.charCodeAt(at + 1) === EQUALS) {
        matchedType = T.GreaterEquals;
        return at + 2;
      }
      matchedType = T.Greater;
      return at + 1;
    case EQUALS:
      matchedType = T.Equals;
      return text.charCodeAt(at + 1) === EQUALS ? at + 2 : at + 1;
    default:
      return -1;
  }
}

function token(image: string, startOffset: number, tokenType: TokenType): IToken {
  // The same shape, property order included, as Chevrotain's offset-only tokens.
  return { image, startOffset, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
}

export function lexSegments(text: string): LexResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errors: ILexingError[] = [];
  const n = text.length;
  let at = 0;
  while (at < n) {
    const c = text.charCodeAt(at);
    if (isSpace(c)) {
      at++;
      while (at < n && isSpace(text.charCodeAt(at))) at++;
      continue;
    }
    const end = matchAt(text, at, c);
    if (end >= 0) {
      const tokenType = matchedType;
      const image = matchedImage ?? text.slice(at, end);
      if (tokenType === T.Comment) comments.push(token(image, at, tokenType));
      else tokens.push(token(image, at, tokenType));
      at = end;
      continue;
    }
    // Skip to the next character a token (or whitespace) can start at, reporting the run once.
    const start = at;
    at++;
    while (at < n) {
      const d = text.charCodeAt(at);
      if (isSpace(d) || matchAt(text, at, d) >= 0) break;
      at++;
    }
    errors.push({
      offset: start,
      line: undefined,
      column: undefined,
      length: at - start,
      message: `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${at - start} characters.`,
    });
  }
  return { tokens, comments, errors };
}
