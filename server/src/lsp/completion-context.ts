// Where the cursor is, for completion: read from the tokens before it (the AST
// of half-typed text is too broken to say). Tracks the `segment … { … }` blocks
// and the parentheses (a `where (` switches names to the event's properties, an
// `in (` expects values) and looks at the last tokens.
import type { IToken, TokenType } from 'chevrotain';
import { tokenMatcher } from 'chevrotain';
import * as T from '../core/syntax/tokens';
import type { Span } from '../core/base/span';
import type { Scope } from './ast-lookup';

export type CompletionContext =
  | { kind: 'topLevel' }
  | { kind: 'blockStart' }
  | { kind: 'condition'; scope: Scope }
  | { kind: 'operator'; attribute: string; scope: Scope }
  | { kind: 'value'; attribute: string; scope: Scope; operator: 'compare' | 'list' | 'contains' }
  | { kind: 'event' }
  /**
   * After the event of `did EVENT`; `firstLast` after `first did EVENT` / `last did EVENT` (a window, no count);
   * `step` after `then did EVENT` (a filter and the time after the step before).
   */
  | { kind: 'afterEvent'; firstLast: boolean; step: boolean }
  /** After `then`: `did`. */
  | { kind: 'afterThen' }
  /** After `with same`: the properties both events of the step have. */
  | { kind: 'sameProperty'; events: string[] }
  /** After `sum of purchase.`: the event's properties; `numeric` when the function needs numbers. */
  | { kind: 'eventProperty'; event: string; numeric: boolean }
  /** After `sum of purchase.amount`: a filter, a window or the comparison. */
  | { kind: 'afterAggregate' }
  | { kind: 'segmentId' }
  /** `sequence`: the condition is a `did` (a `then` step may follow); `step`: it ends in a `then` step (`with same` may follow). */
  | { kind: 'afterCondition'; insideParens: boolean; sequence?: { step: boolean } }
  | { kind: 'none' };

export interface CompletionSite {
  context: CompletionContext;
  /** The partly typed word the completion replaces (empty at the cursor). */
  replace: Span;
  /** The partial text, for filtering (including an opening `"` or backtick). */
  prefix: string;
  /** Offset of the segment block the cursor is in, if any. */
  blockStart?: number;
}

type Paren = { kind: 'where'; event: string } | { kind: 'list'; attribute: string } | { kind: 'group' };

const CONDITION_STARTERS = [T.Include, T.Exclude, T.And, T.Or, T.Not, T.LParen];
const LITERALS = [T.StringLiteral, T.NumberLiteral, T.DateLiteral, T.DateTimeLiteral, T.True, T.False];
const CONDITION_ENDERS = [...LITERALS, T.RParen, T.DurationUnit, T.Missing, T.Present, T.Times, T.Time, T.Ago];

function is(tok: IToken | undefined, ...types: TokenType[]): boolean {
  return tok !== undefined && types.some((t) => tokenMatcher(tok, t));
}

function nameText(tok: IToken): string {
  return tok.image.startsWith('`') ? tok.image.slice(1, -1) : tok.image;
}

export function completionSite(text: string, offset: number): CompletionSite {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  const line = before.slice(lineStart);
  const partial = partialWord(line);
  const replaceStart = offset - partial.length;
  let replaceEnd = offset;
  // An editor that auto-closes quotes leaves a `"` right after the cursor: replace it too.
  if (partial.startsWith('"') && text[offset] === '"') replaceEnd++;
  if (partial.startsWith('`') && text[offset] === '`') replaceEnd++;
  const site = (context: CompletionContext, blockStart?: number): CompletionSite => ({
    context,
    replace: { start: replaceStart, end: replaceEnd },
    prefix: partial,
    blockStart,
  });

  if (endsInComment(line)) return site({ kind: 'none' });
  const lexed = T.segmentLexer.tokenize(text.slice(0, replaceStart));
  const tokens = lexed.tokens;
  let depth = 0;
  let blockStart: number | undefined;
  let parens: Paren[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (is(tok, T.LBrace)) {
      depth = 1;
      parens = [];
      const seg = findBackward(tokens, i, T.Segment);
      blockStart = seg?.startOffset ?? tok.startOffset;
    } else if (is(tok, T.RBrace)) {
      depth = 0;
      parens = [];
      blockStart = undefined;
    } else if (depth === 0 && is(tok, T.Segment)) {
      blockStart = undefined;
    } else if (is(tok, T.LParen)) {
      const prev = tokens[i - 1];
      if (is(prev, T.Where)) parens.push({ kind: 'where', event: eventOfWhere(tokens, i - 1) });
      else if (is(prev, T.In, T.Any, T.All)) parens.push({ kind: 'list', attribute: attributeBefore(tokens, i - 1) ?? '' });
      else parens.push({ kind: 'group' });
    } else if (is(tok, T.RParen)) {
      parens.pop();
    }
  }

  const prev = tokens[tokens.length - 1];
  const prev2 = tokens[tokens.length - 2];
  if (depth === 0) {
    if (!prev || is(prev, T.RBrace)) return site({ kind: 'topLevel' });
    return site({ kind: 'none' });
  }
  const where = [...parens].reverse().find((p) => p.kind === 'where') as { kind: 'where'; event: string } | undefined;
  const scope: Scope = where ? { kind: 'event', event: where.event } : { kind: 'profile' };
  const top = parens[parens.length - 1];
  const inBlock = (context: CompletionContext): CompletionSite => site(context, blockStart);

  if (!prev || is(prev, T.LBrace)) return inBlock({ kind: 'blockStart' });
  if (is(prev, T.Did) || (is(prev, T.Not) && is(prev2, T.Did))) return inBlock({ kind: 'event' });
  const aggregate = aggregateHead(tokens);
  if (aggregate) {
    if (aggregate.at === 'event') return inBlock({ kind: 'event' });
    if (aggregate.at === 'property') return inBlock({ kind: 'eventProperty', event: aggregate.event, numeric: aggregate.numeric });
    return inBlock({ kind: 'afterAggregate' });
  }
  if (is(prev, T.Segment)) return inBlock({ kind: 'segmentId' });
  if (is(prev, T.Then)) return inBlock({ kind: 'afterThen' });
  if (is(prev, T.Same) && is(prev2, T.With)) return inBlock({ kind: 'sameProperty', events: stepEvents(tokens) });
  if (is(prev, T.LParen)) {
    if (top?.kind === 'list') return inBlock({ kind: 'value', attribute: top.attribute, scope, operator: 'list' });
    return inBlock({ kind: 'condition', scope });
  }
  if (is(prev, T.Comma)) {
    if (top?.kind === 'list') return inBlock({ kind: 'value', attribute: top.attribute, scope, operator: 'list' });
    // `tags a, b,` — nothing to offer.
    return inBlock({ kind: 'none' });
  }
  if (is(prev, T.And) && isBetweenAnd(tokens)) return inBlock({ kind: 'none' });
  if (is(prev, ...CONDITION_STARTERS)) return inBlock({ kind: 'condition', scope });
  if (is(prev, T.Equals, T.NotEquals)) {
    const attribute = attributeBefore(tokens, tokens.length - 1);
    return inBlock(attribute !== undefined ? { kind: 'value', attribute, scope, operator: 'compare' } : { kind: 'none' });
  }
  if (is(prev, T.Contains)) {
    const attribute = attributeBefore(tokens, tokens.length - 1);
    return inBlock(attribute !== undefined ? { kind: 'value', attribute, scope, operator: 'contains' } : { kind: 'none' });
  }
  if (is(prev, T.Name)) {
    // The event name right after `did` (or `did not`).
    if (is(prev2, T.Did) || (is(prev2, T.Not) && is(tokens[tokens.length - 3], T.Did))) {
      const didIndex = is(prev2, T.Did) ? tokens.length - 2 : tokens.length - 3;
      return inBlock({ kind: 'afterEvent', firstLast: is(tokens[didIndex - 1], T.First, T.Last), step: is(tokens[didIndex - 1], T.Then) });
    }
    if (is(prev2, T.Segment)) return inBlock({ kind: 'afterCondition', insideParens: parens.length > 0 });
    if (endsTagList(tokens)) return inBlock({ kind: 'blockStart' });
    const attribute = pathEndingAt(tokens, tokens.length - 1);
    if (attribute) return inBlock({ kind: 'operator', attribute: attribute.text, scope });
    if (is(prev, ...CONDITION_ENDERS)) return inBlock({ kind: 'afterCondition', insideParens: parens.length > 0, sequence: sequenceAround(tokens) });
    return inBlock({ kind: 'none' });
  }
  if (is(prev, ...CONDITION_ENDERS)) {
    if (is(prev, T.StringLiteral) && is(prev2, T.Title, T.Description, T.Owner)) return inBlock({ kind: 'blockStart' });
    return inBlock({ kind: 'afterCondition', insideParens: parens.length > 0, sequence: sequenceAround(tokens) });
  }
  return inBlock({ kind: 'none' });
}

/** The word being typed at the end of the line: a name, a dotted path, an open string or backtick name. */
function partialWord(line: string): string {
  const quote = openDelimiter(line, '"');
  if (quote !== undefined) return line.slice(quote);
  const tick = openDelimiter(line, '`');
  if (tick !== undefined) return line.slice(tick);
  return identifierBefore(line, line.length);
}

/**
 * The identifier ending at `end`: scanned back from the cursor, not matched with
 * `/[A-Za-z_]\w*$/`, which tries every start in a long run of name characters.
 */
function identifierBefore(line: string, end: number): string {
  let start = end;
  while (start > 0 && isNameChar(line.charCodeAt(start - 1))) start--;
  while (start < end && isDigit(line.charCodeAt(start))) start++;
  return line.slice(start, end);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isNameChar(code: number): boolean {
  return isDigit(code) || code === 95 || ((code | 32) >= 97 && (code | 32) <= 122);
}

/** Where an unclosed `"` or backtick starts on this line, outside comments. */
function openDelimiter(line: string, delimiter: '"' | '`'): number | undefined {
  let open: number | undefined;
  let other: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (open === undefined && other === undefined && c === '#') return undefined;
    if (other !== undefined) {
      if (c === other) other = undefined;
      else if (c === '\\' && other === '"') i++;
      continue;
    }
    if (open !== undefined) {
      if (c === delimiter) open = undefined;
      else if (c === '\\' && delimiter === '"') i++;
      continue;
    }
    if (c === delimiter) open = i;
    else if (c === '"' || c === '`') other = c;
  }
  return open;
}

/** True when the line up to the cursor ends inside a comment. */
function endsInComment(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === '`') {
      quote = c;
    } else if (c === '#') {
      return true;
    }
  }
  return false;
}

function findBackward(tokens: IToken[], from: number, type: TokenType): IToken | undefined {
  for (let i = from - 1; i >= 0 && i >= from - 3; i--) if (is(tokens[i], type)) return tokens[i];
  return undefined;
}

/**
 * Whether the condition the tokens end in is a `did` (so `then did …` may
 * follow) and whether its last part is a `then` step (so `with same …` may).
 * Reads back to the start of the condition at the same parenthesis depth.
 */
function sequenceAround(tokens: IToken[]): { step: boolean } | undefined {
  let depth = 0;
  let step = false;
  let i = tokens.length - 1;
  for (; i >= 0; i--) {
    const tok = tokens[i];
    if (is(tok, T.RParen)) depth++;
    else if (is(tok, T.LParen)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0) {
      if (is(tok, T.Then) && !step) step = true;
      if (is(tok, T.And, T.Or, T.Include, T.Exclude, T.LBrace)) break;
    }
  }
  let start = i + 1;
  while (is(tokens[start], T.Not) && !is(tokens[start + 1], T.Name, T.StringLiteral)) start++;
  return is(tokens[start], T.Did) && !is(tokens[start - 1], T.First, T.Last) ? { step } : undefined;
}

/** The events of the last `then` step and of the step before it: `with same` compares a property of both. */
function stepEvents(tokens: IToken[]): string[] {
  const events: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && events.length < 2; i--) {
    if (!is(tokens[i], T.Did)) continue;
    let j = i + 1;
    if (is(tokens[j], T.Not) && is(tokens[j + 1], T.Name, T.StringLiteral)) j++;
    if (tokens[j]) events.push(eventText(tokens[j]));
    if (!is(tokens[i - 1], T.Then)) break;
  }
  return events;
}

const AGGREGATE_FUNCTIONS = [T.Sum, T.Average, T.Min, T.Max, T.Count];

/**
 * Where the tokens end inside `FN of EVENT.PROPERTY`: right after `of` (the
 * event comes next), after `EVENT.` (a property), or after the property.
 */
function aggregateHead(tokens: IToken[]): { at: 'event' | 'property' | 'afterProperty'; event: string; numeric: boolean } | undefined {
  const n = tokens.length;
  const numeric = (fnIndex: number) => !is(tokens[fnIndex], T.Count);
  if (is(tokens[n - 1], T.Of) && is(tokens[n - 2], ...AGGREGATE_FUNCTIONS)) return { at: 'event', event: '', numeric: numeric(n - 2) };
  // Back over a dotted property to the `.` after the event.
  let i = n - 1;
  let at: 'property' | 'afterProperty' = 'property';
  while (is(tokens[i], T.Name) && is(tokens[i - 1], T.Dot)) {
    at = 'afterProperty';
    i -= 2;
  }
  if (at === 'property' && !is(tokens[i], T.Dot)) return undefined;
  const dot = at === 'property' ? i : i + 1;
  const eventTok = tokens[dot - 1];
  if (!is(eventTok, T.Name, T.StringLiteral) || !is(tokens[dot - 2], T.Of) || !is(tokens[dot - 3], ...AGGREGATE_FUNCTIONS)) return undefined;
  return { at, event: eventText(eventTok), numeric: numeric(dot - 3) };
}

function eventText(tok: IToken): string {
  if (!is(tok, T.StringLiteral)) return nameText(tok);
  try {
    return JSON.parse(tok.image) as string;
  } catch {
    return tok.image.slice(1, -1);
  }
}

/** The event name of `did [not] EVENT … where` (or `sum of EVENT.PROPERTY where`). */
function eventOfWhere(tokens: IToken[], whereIndex: number): string {
  const aggregate = aggregateHead(tokens.slice(0, whereIndex));
  if (aggregate) return aggregate.event;
  for (let i = whereIndex - 1; i >= 0; i--) {
    if (is(tokens[i], T.Did)) {
      let j = i + 1;
      if (is(tokens[j], T.Not) && j + 1 < whereIndex) j++;
      const tok = tokens[j];
      return tok ? eventText(tok) : '';
    }
  }
  return '';
}

/** The attribute of `ATTR op` where tokens[opIndex] is the operator (`=`, `in`, `contains`, `any`…). */
function attributeBefore(tokens: IToken[], opIndex: number): string | undefined {
  let i = opIndex - 1;
  // `not in`, `contains any`, `contains all`
  while (i >= 0 && is(tokens[i], T.Not, T.Contains) && !is(tokens[opIndex], T.Contains)) i--;
  return pathEndingAt(tokens, i)?.text;
}

/** A dotted path that ends at tokens[end] and starts right after a condition starter. */
function pathEndingAt(tokens: IToken[], end: number): { text: string } | undefined {
  const parts: string[] = [];
  let i = end;
  for (;;) {
    const tok = tokens[i];
    if (!is(tok, T.Name)) return undefined;
    parts.unshift(nameText(tok));
    if (is(tokens[i - 1], T.Dot)) {
      i -= 2;
      continue;
    }
    break;
  }
  const starter = tokens[i - 1];
  if (!is(starter, ...CONDITION_STARTERS)) return undefined;
  // `did x where (` … the paren after where is a starter too; `in (` is not.
  if (is(starter, T.LParen) && is(tokens[i - 2], T.In, T.Any, T.All)) return undefined;
  return { text: parts.join('.') };
}

/** The `and` just typed belongs to `between LOW and`. */
function isBetweenAnd(tokens: IToken[]): boolean {
  const n = tokens.length;
  return is(tokens[n - 3], T.Between) && is(tokens[n - 2], ...LITERALS);
}

/** The tokens end with `tags a, b, c`: the next word starts a new property. */
function endsTagList(tokens: IToken[]): boolean {
  let i = tokens.length - 1;
  while (i >= 0 && is(tokens[i], T.Name) && !is(tokens[i], T.Tags)) {
    if (is(tokens[i - 1], T.Tags)) return true;
    if (!is(tokens[i - 1], T.Comma)) return false;
    i -= 2;
  }
  return false;
}
