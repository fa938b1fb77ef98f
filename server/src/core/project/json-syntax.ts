// Parses a project JSON file (segments.config.json, schema.json) into a
// position-carrying tree and turns the first syntax error into a plain-English
// diagnostic. Only the first one is reported: after it, jsonc-parser's recovery
// produces follow-on errors ("expected a comma", "expected a value", …) at the
// same spot that describe the same mistake less well.
//
// The files are `.json`, so they are read as strict JSON: no comments, no
// trailing commas. A tool that reads them with a plain JSON parser must not
// fail where the editor said all was well.
import { createScanner, parseTree, printParseErrorCode, visit, type Node as JsonNode, type ParseOptions } from 'jsonc-parser';
import { compareDiagnostics, diagnostic, type Diagnostic, type Fix } from '../base/diagnostics';
import type { Span } from '../base/span';
import { LineIndex } from '../text/line-index';
import { closestName } from '../text/did-you-mean';

export type { JsonNode };

export interface ParsedJson {
  /** The top-level value; undefined for an empty file or one with no value at all. */
  root?: JsonNode;
  diagnostics: Diagnostic[];
}

const PARSE_OPTIONS: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true };

interface Container {
  kind: 'object' | 'array';
  offset: number;
}

interface FirstError {
  name: ReturnType<typeof printParseErrorCode>;
  offset: number;
  length: number;
  /** Innermost open object/array when the error was found. */
  container?: Container;
  /** The container that ended most recently (jsonc-parser ends an unclosed object before reporting it). */
  lastEnded?: Container;
}

/**
 * Parses `text` (a UTF-8 BOM at the start is tolerated) and reports the first
 * syntax error with code `${prefix}-syntax`.
 */
export function parseJson(text: string, file: string, prefix: string): ParsedJson {
  // A BOM becomes a space, so every offset still points into the original text.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  // jsonc-parser descends recursively: a file nested thousands deep would overflow the stack.
  const tooDeep = firstTooDeep(source);
  if (tooDeep !== undefined) {
    return {
      diagnostics: [
        diagnostic(file, { start: tooDeep, end: tooDeep + 1 }, 'error', `${prefix}-too-deep`,
          `objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep here; a project file needs a few levels at most`),
      ],
    };
  }
  const root = parseTree(source, [], PARSE_OPTIONS);
  const first = findFirstError(source);
  const diagnostics: Diagnostic[] = [];
  if (first) {
    const described = describeError(source, first);
    diagnostics.push(
      diagnostic(file, clampSpan(described.span, source.length), 'error', `${prefix}-syntax`, described.message, {
        fixes: described.fixes,
      }),
    );
  }
  return { root, diagnostics };
}

/** Deeper than any config or schema needs (they use four levels), far below what overflows the stack. */
export const MAX_JSON_DEPTH = 64;

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** Offset of the `{` or `[` that opens level MAX_JSON_DEPTH + 1, found with jsonc-parser's (iterative) scanner. */
function firstTooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function findFirstError(text: string): FirstError | undefined {
  const stack: Container[] = [];
  let lastEnded: Container | undefined;
  let first: FirstError | undefined;
  const end = () => {
    lastEnded = stack.pop();
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => {
        stack.push({ kind: 'object', offset });
      },
      onObjectEnd: end,
      onArrayBegin: (offset) => {
        stack.push({ kind: 'array', offset });
      },
      onArrayEnd: end,
      onError: (error, offset, length) => {
        if (first) return;
        first = { name: printParseErrorCode(error), offset, length, container: stack[stack.length - 1], lastEnded };
      },
    },
    PARSE_OPTIONS,
  );
  return first;
}

interface Described {
  message: string;
  span: Span;
  fixes?: Fix[];
}

function describeError(text: string, error: FirstError): Described {
  const at: Span = { start: error.offset, end: error.offset + error.length };
  const found = text.slice(at.start, at.end);
  const lineOf = (offset: number) => new LineIndex(text).positionAt(offset).line + 1;

  const trailing = trailingComma(text, error);
  if (trailing) return trailing;

  switch (error.name) {
    case 'CommaExpected': {
      const close = error.container?.kind === 'array' ? ']' : '}';
      const previousEnd = previousNonSpace(text, error.offset) + 1;
      return {
        message: `expected a comma or \`${close}\``,
        span: at,
        fixes:
          previousEnd > 0
            ? [{ title: 'Add a comma', edits: [{ span: { start: previousEnd, end: previousEnd }, newText: ',' }] }]
            : undefined,
      };
    }
    case 'ColonExpected':
      return { message: 'expected a `:` after the key', span: at };
    case 'PropertyNameExpected':
      if (found.startsWith("'")) return { message: 'keys must be in double quotes, not single quotes', span: at };
      return { message: 'expected a key in double quotes', span: at };
    case 'ValueExpected':
      if (error.offset >= text.length) return { message: 'the file ends where a value was expected', span: at };
      return { message: 'expected a value: a string in double quotes, a number, true, false, null, an object or an array', span: at };
    case 'CloseBraceExpected':
    case 'CloseBracketExpected': {
      const kind = error.name === 'CloseBraceExpected' ? 'object' : 'array';
      const close = kind === 'object' ? '}' : ']';
      const opened = [error.container, error.lastEnded].find((c) => c?.kind === kind);
      const where = opened ? ` to close the ${kind} that starts on line ${lineOf(opened.offset)}` : '';
      return { message: `expected \`${close}\`${where}`, span: at };
    }
    case 'EndOfFileExpected':
      return { message: `unexpected \`${shorten(found)}\` after the end of the JSON value`, span: at };
    case 'InvalidSymbol':
      return invalidSymbol(text, error, at, found);
    case 'InvalidCommentToken':
      return { message: 'comments are not allowed in JSON', span: at };
    case 'UnexpectedEndOfComment':
      return { message: 'this `/*` comment is never closed', span: at };
    case 'UnexpectedEndOfString':
      return { message: 'this string is never closed; add the closing `"`', span: at };
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return { message: `\`${shorten(found)}\` is not a valid number`, span: at };
    case 'InvalidUnicode':
    case 'InvalidEscapeCharacter':
      return badEscape(error, at, found);
    case 'InvalidCharacter':
      return { message: 'a line break or tab inside a string must be written as `\\n` or `\\t`', span: at };
    default:
      return { message: 'this is not valid JSON', span: at };
  }
}

/** `{"a": 1,}` — jsonc-parser reports the `}`; the mistake is the comma before it. */
function trailingComma(text: string, error: FirstError): Described | undefined {
  if (error.name !== 'PropertyNameExpected' && error.name !== 'ValueExpected') return undefined;
  const close = text[error.offset];
  if (close !== '}' && close !== ']') return undefined;
  const comma = previousNonSpace(text, error.offset);
  if (comma < 0 || text[comma] !== ',') return undefined;
  const span = { start: comma, end: comma + 1 };
  return {
    message: `JSON does not allow a comma before \`${close}\``,
    span,
    fixes: [{ title: 'Remove the comma', edits: [{ span, newText: '' }] }],
  };
}

function invalidSymbol(text: string, error: FirstError, at: Span, found: string): Described {
  if (found.startsWith("'")) return { message: 'strings and keys must be in double quotes, not single quotes', span: at };
  if (!error.container && error.offset > 0 && text.slice(0, error.offset).trim() !== '') {
    return { message: `unexpected \`${shorten(found)}\` after the end of the JSON value`, span: at };
  }
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(error.offset))?.[0];
  if (word) {
    const span = { start: error.offset, end: error.offset + word.length };
    const afterWord = text.slice(span.end).trimStart();
    if (error.container?.kind === 'object' && afterWord.startsWith(':')) {
      const quoted = JSON.stringify(word);
      return {
        message: `keys must be in double quotes: write \`${quoted}\``,
        span,
        fixes: [{ title: `Change to \`${quoted}\``, edits: [{ span, newText: quoted }] }],
      };
    }
    const literal = closestName(word, ['true', 'false', 'null']);
    if (literal) {
      return {
        message: `\`${shorten(word)}\` is not a JSON value; did you mean \`${literal}\`?`,
        span,
        fixes: [{ title: `Change to \`${literal}\``, edits: [{ span, newText: literal }] }],
      };
    }
    return {
      message: `\`${shorten(word)}\` is not a JSON value; write text in double quotes: \`${JSON.stringify(shorten(word))}\``,
      span,
    };
  }
  return { message: `unexpected \`${shorten(found || text.charAt(error.offset))}\``, span: at };
}

/** The usual cause is a Windows path: `"data\users.csv"`. */
function badEscape(error: FirstError, at: Span, token: string): Described {
  const escape = /\\(?:u[0-9a-fA-F]{0,3}(?![0-9a-fA-F])|[^"\\/bfnrtu])/.exec(token)?.[0] ?? '\\';
  const looksLikePath = isOneStringToken(token) && token.includes('\\') && /[\\][A-Za-z0-9_.]/.test(token);
  if (looksLikePath) {
    const fixed = token.replace(/\\\\|\\/g, '/');
    return {
      message: `\`${escape}\` is not a valid escape in a JSON string; write paths with \`/\`: \`${shorten(fixed)}\``,
      span: at,
      fixes: [{ title: 'Use `/` in the path', edits: [{ span: at, newText: fixed }] }],
    };
  }
  return {
    message: `\`${escape}\` is not a valid escape in a JSON string; a backslash is written \`\\\\\``,
    span: { start: error.offset, end: error.offset + error.length },
  };
}

/** `"…"` with no other double quote inside. */
function isOneStringToken(token: string): boolean {
  return token.length >= 2 && token.startsWith('"') && token.endsWith('"') && token.indexOf('"', 1) === token.length - 1;
}

function previousNonSpace(text: string, offset: number): number {
  let i = Math.min(offset, text.length) - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}

/**
 * The syntax error plus the checks of the tree, in file order, minus those at or after the
 * syntax error: up to it the recovered tree is what the user wrote; after it,
 * it is jsonc-parser's guess (a broken string swallows the next line, a `}`
 * becomes a key), and reporting on the guess would only add noise.
 */
export function withSyntaxFirst(parsed: ParsedJson, checks: Diagnostic[]): Diagnostic[] {
  const syntax = parsed.diagnostics[0];
  const kept = syntax ? [syntax, ...checks.filter((d) => d.span.start < syntax.span.start)] : [...checks];
  return kept.sort(compareDiagnostics);
}
