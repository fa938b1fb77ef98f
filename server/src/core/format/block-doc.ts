// Turns one error-free segment block into a Doc in the canonical layout. The
// AST says what each token is; the TokenCursor supplies the tokens themselves
// (their text exactly as written) with their comments, in source order.
import type { AggregateExpr, SequenceExpr, AgoRange, Duration, EventCount, EventWindow, Expr, FirstLastExpr, Literal, Name, Path, Property, SegmentDecl } from '../syntax/ast';
import { BLANK, HARD, LINE, SOFTLINE, SPACE, group, indent, type Doc } from './doc';
import { FormatMismatch, type BlockToken, type TokenCursor } from './token-cursor';

/** Properties sit 2 spaces in; each nesting level of conditions adds 2 more. */
const STEP = 2;
/** A condition that a comment forces onto several lines continues 4 spaces deeper. */
const CONTINUATION = 4;

function leadOf(tok: BlockToken, keepBlank: boolean, blankAfter = tok.blankBefore): Doc[] {
  if (tok.leading.length === 0) return [];
  return [
    {
      k: 'lead',
      comments: tok.leading.map((c) => c.text),
      blankBefore: tok.leading.map((c) => c.blankBefore),
      blankAfter,
      keepBlank,
    },
  ];
}

function trailOf(tok: BlockToken): Doc[] {
  return tok.trailing === undefined ? [] : [{ k: 'trail', comment: tok.trailing }];
}

/** A token with its comments. */
function frag(tok: BlockToken, keepBlank = false): Doc[] {
  return [...leadOf(tok, keepBlank), tok.image, ...trailOf(tok)];
}

/** Whether an empty line stood before the token or before its first own-line comment. */
function blankAbove(tok: BlockToken): boolean {
  return tok.leading.length > 0 ? tok.leading[0].blankBefore : tok.blankBefore;
}

export function blockDoc(decl: SegmentDecl, cur: TokenCursor): Doc[] {
  const head: Doc[] = [...frag(cur.word('segment')), SPACE];
  if (decl.id) head.push(...name(cur, decl.id), SPACE);
  head.push(...frag(cur.word('{')));
  const body: Doc[] = [];
  decl.properties.forEach((p, i) => {
    body.push(i > 0 && blankAbove(cur.peek()) ? BLANK : HARD, ...property(cur, p));
  });
  const close = cur.word('}');
  if (close.leading.length > 0) {
    body.push(decl.properties.length > 0 && blankAbove(close) ? BLANK : HARD, ...leadOf(close, true, false));
  }
  if (!cur.done()) throw new FormatMismatch('tokens left after the block');
  const empty = body.length === 0 && head[head.length - 1] === '{';
  return [...head, ...(empty ? [] : [...indent(STEP, body), HARD]), close.image, ...trailOf(close)];
}

function property(cur: TokenCursor, p: Property): Doc[] {
  const kw = cur.word(p.kind);
  switch (p.kind) {
    case 'title':
    case 'description':
    case 'owner':
      if (!p.value) throw new FormatMismatch(`${p.kind} without a value`);
      return indent(CONTINUATION, [...frag(kw, true), SPACE, ...literal(cur, p.value)]);
    case 'tags': {
      const parts: Doc[] = [...frag(kw, true)];
      p.tags.forEach((tag, i) => {
        if (i > 0) parts.push(...frag(cur.word(',')));
        parts.push(SPACE, ...name(cur, tag));
      });
      return indent(CONTINUATION, parts);
    }
    case 'include':
    case 'exclude':
      // The top-level `and` conditions of `include` always get a line each: they are
      // the funnel steps the editor annotates with counts, and reviewers read diffs
      // condition by condition. Anything else shares the keyword's line when it fits.
      if (p.kind === 'include' && p.expr.kind === 'and') {
        return [...frag(kw, true), ...indent(STEP, [HARD, ...chainOrSingle(cur, p.expr, HARD)])];
      }
      // One group for the keyword and the top-level operands: when it breaks, the
      // keyword stands alone and every operand gets its own line.
      return group([...frag(kw, true), ...indent(STEP, [LINE, ...chainOrSingle(cur, p.expr)])]);
  }
}

/** The operands of a top-level `and`/`or` separated by breakable lines, connective leading. */
function chainOrSingle(cur: TokenCursor, e: Expr, separator: Doc = LINE): Doc[] {
  if (e.kind !== 'and' && e.kind !== 'or') return expr(cur, e);
  const parts: Doc[] = operand(cur, e.operands[0]);
  for (let i = 1; i < e.operands.length; i++) {
    parts.push(separator, ...frag(cur.word(e.kind)), SPACE, ...operand(cur, e.operands[i]));
  }
  return parts;
}

/** An `and` chain inside an `or` (no parentheses): its own group, deeper when broken. */
function operand(cur: TokenCursor, e: Expr): Doc[] {
  if (e.kind === 'and' || e.kind === 'or') return group(indent(STEP, chainOrSingle(cur, e)));
  return expr(cur, e);
}

/** `( … )`: flat when it fits, else the contents on their own lines, one level deeper. */
function parenthesized(cur: TokenCursor, inner: Expr): Doc[] {
  const open = cur.word('(');
  const contents = chainOrSingle(cur, inner);
  const close = cur.word(')');
  return group([
    ...frag(open),
    // Comments before `)` belong with the contents, at their depth.
    ...indent(STEP, [SOFTLINE, ...contents, ...leadOf(close, false)]),
    SOFTLINE,
    close.image,
    ...trailOf(close),
  ]);
}

function expr(cur: TokenCursor, e: Expr): Doc[] {
  switch (e.kind) {
    case 'and':
    case 'or':
      return operand(cur, e);
    case 'not':
      return [...frag(cur.word('not')), SPACE, ...operand(cur, e.operand)];
    case 'group':
      return parenthesized(cur, e.inner);
    case 'segmentRef':
      return indent(CONTINUATION, [...frag(cur.word('segment')), SPACE, ...name(cur, e.id)]);
    case 'did':
      return did(cur, e);
    case 'firstLast':
      return firstLast(cur, e);
    case 'aggregate':
      return aggregate(cur, e);
    case 'sequence':
      return sequence(cur, e);
    case 'error':
      throw new FormatMismatch('error expression in a block without syntax errors');
    default:
      return condition(cur, e);
  }
}

type ConditionExpr = Exclude<Expr, { kind: 'and' | 'or' | 'not' | 'group' | 'segmentRef' | 'did' | 'firstLast' | 'aggregate' | 'sequence' | 'error' }>;

function condition(cur: TokenCursor, e: ConditionExpr): Doc[] {
  const parts: Doc[] = path(cur, e.attribute);
  const words = (...images: string[]) => {
    for (const image of images) parts.push(SPACE, ...frag(cur.word(image)));
  };
  switch (e.kind) {
    case 'boolean':
      break;
    case 'compare':
      parts.push(SPACE, ...frag(cur.at(e.opSpan)), SPACE, ...literal(cur, e.value));
      break;
    case 'in':
      if (e.negated) words('not');
      words('in');
      // The list breaks on its own, relative to the condition's line.
      return [...indent(CONTINUATION, parts), SPACE, ...list(cur, e.values)];
    case 'between':
      words('between');
      parts.push(SPACE, ...literal(cur, e.low));
      words('and');
      parts.push(SPACE, ...literal(cur, e.high));
      break;
    case 'presence':
      words('is', e.missing ? 'missing' : 'present');
      break;
    case 'contains':
      words('contains');
      if (e.mode === 'one') {
        parts.push(SPACE, ...literal(cur, e.values[0]));
        break;
      }
      words(e.mode);
      return [...indent(CONTINUATION, parts), SPACE, ...list(cur, e.values)];
    case 'textMatch':
      words(e.op === 'startsWith' ? 'starts' : 'ends', 'with');
      parts.push(SPACE, ...literal(cur, e.value));
      break;
    case 'dateCompare':
      words(e.op);
      parts.push(SPACE, ...literal(cur, e.value));
      break;
    case 'withinLast':
      words('within', 'last');
      parts.push(SPACE, ...duration(cur, e.duration));
      break;
    case 'ago':
      words('more', 'than');
      parts.push(SPACE, ...duration(cur, e.duration));
      words('ago');
      break;
    case 'agoBetween':
      parts.push(SPACE, ...agoRange(cur, e.range));
      break;
  }
  return indent(CONTINUATION, parts);
}

function did(cur: TokenCursor, e: Extract<Expr, { kind: 'did' }>): Doc[] {
  return filteredCondition(cur, [...words(cur, e.negated ? ['did', 'not'] : ['did']), SPACE, ...frag(cur.at(e.event.span))], e.where, () => {
    const tail: Doc[] = [];
    if (e.count) tail.push(SPACE, ...count(cur, e.count));
    if (e.window) tail.push(SPACE, ...eventWindow(cur, e.window));
    return tail;
  });
}

function firstLast(cur: TokenCursor, e: FirstLastExpr): Doc[] {
  const head = [...words(cur, [e.which, 'did']), SPACE, ...frag(cur.at(e.event.span))];
  return filteredCondition(cur, head, e.where, () => (e.window ? [SPACE, ...eventWindow(cur, e.window)] : []));
}

/** `sum of EVENT.PROPERTY [where (…)] [WINDOW] COMPARISON` */
function aggregate(cur: TokenCursor, e: AggregateExpr): Doc[] {
  const fn = e.fn === 'distinctCount' ? ['distinct', 'count', 'of'] : [e.fn, 'of'];
  const head = [...words(cur, fn), SPACE, ...frag(cur.at(e.event.span)), ...frag(cur.word('.')), ...path(cur, e.property)];
  return filteredCondition(cur, head, e.where, () => {
    const tail: Doc[] = [];
    if (e.window) tail.push(SPACE, ...eventWindow(cur, e.window));
    const c = e.comparison;
    if (c?.kind === 'compare') tail.push(SPACE, ...frag(cur.at(c.opSpan)), SPACE, ...literal(cur, c.value));
    else if (c) tail.push(SPACE, ...betweenPair(cur, c.low, c.high));
    return tail;
  });
}

/**
 * `did A … then did B within D …`: on one line when it fits, otherwise each
 * `then` step starts a line of its own, deeper than the first step.
 */
function sequence(cur: TokenCursor, e: SequenceExpr): Doc[] {
  const first = e.first;
  const head = [...words(cur, e.negated ? ['did', 'not'] : ['did']), SPACE, ...frag(cur.at(first.event.span))];
  const parts: Doc[] = filteredCondition(cur, head, first.where, () => (first.window ? [SPACE, ...eventWindow(cur, first.window)] : []));
  const steps: Doc[] = [];
  for (const step of e.steps) {
    const stepHead = [...words(cur, step.negated ? ['then', 'did', 'not'] : ['then', 'did']), SPACE, ...frag(cur.at(step.event.span))];
    const stepDocs = filteredCondition(cur, stepHead, step.where, () => {
      const tail: Doc[] = [];
      if (step.gap) tail.push(SPACE, ...frag(cur.word('within')), SPACE, ...duration(cur, step.gap));
      if (step.same) tail.push(SPACE, ...words(cur, ['with', 'same']), SPACE, ...path(cur, step.same));
      return tail;
    });
    steps.push(LINE, ...stepDocs);
  }
  return group([...parts, ...indent(CONTINUATION, steps)]);
}

/** Keywords one after the other: `did not`, `distinct count of`. */
function words(cur: TokenCursor, images: string[]): Doc[] {
  return images.flatMap((image, i) => [...(i > 0 ? [SPACE] : []), ...frag(cur.word(image))]);
}

/**
 * A behaviour condition: its head (`did EVENT`), `where (…)` when there is one,
 * and what follows (read by `tail`, after the filter, as the tokens come in that
 * order). The filter breaks on its own; the rest continues the condition's line.
 */
function filteredCondition(cur: TokenCursor, head: Doc[], where: Expr | undefined, tail: () => Doc[]): Doc[] {
  const parts: Doc[] = [];
  if (where) {
    head.push(SPACE, ...frag(cur.word('where')));
    parts.push(...indent(CONTINUATION, head), SPACE, ...parenthesized(cur, where));
  } else {
    parts.push(...indent(CONTINUATION, head));
  }
  const rest = tail();
  if (rest.length > 0) parts.push(...indent(CONTINUATION, rest));
  return parts;
}

function count(cur: TokenCursor, c: EventCount): Doc[] {
  const parts: Doc[] =
    c.op === 'exactly'
      ? [...frag(cur.word('exactly'))]
      : [...frag(cur.word('at')), SPACE, ...frag(cur.word(c.op === 'atLeast' ? 'least' : 'most'))];
  parts.push(SPACE, ...frag(cur.ofType('NumberLiteral')), SPACE, ...frag(cur.oneOf(['times', 'time'])));
  return parts;
}

function eventWindow(cur: TokenCursor, w: EventWindow): Doc[] {
  switch (w.kind) {
    case 'withinLast':
      return [...frag(cur.word('within')), SPACE, ...frag(cur.word('last')), SPACE, ...duration(cur, w.duration)];
    case 'since':
      return [...frag(cur.word('since')), SPACE, ...literal(cur, w.date)];
    case 'between':
      return betweenPair(cur, w.from, w.to);
    case 'agoBetween':
      return agoRange(cur, w.range);
    case 'moreThanAgo':
      return [...frag(cur.word('more')), SPACE, ...frag(cur.word('than')), SPACE, ...duration(cur, w.duration), SPACE, ...frag(cur.word('ago'))];
  }
}

/** `between A and B` */
function betweenPair(cur: TokenCursor, low: Literal, high: Literal): Doc[] {
  return [...frag(cur.word('between')), SPACE, ...literal(cur, low), SPACE, ...frag(cur.word('and')), SPACE, ...literal(cur, high)];
}

/** `between N and M days ago` */
function agoRange(cur: TokenCursor, r: AgoRange): Doc[] {
  return [...betweenPair(cur, r.low, r.high), SPACE, ...frag(cur.at(r.unitSpan)), SPACE, ...frag(cur.word('ago'))];
}

function duration(cur: TokenCursor, d: Duration): Doc[] {
  const amount = cur.at({ start: d.span.start, end: d.span.start }, true);
  return [...frag(amount), SPACE, ...frag(cur.endingAt(d.span.end))];
}

/** `( v, w )` lists of `in` and `contains any/all`. */
function list(cur: TokenCursor, values: Literal[]): Doc[] {
  const open = cur.word('(');
  const items: Doc[] = [SOFTLINE];
  values.forEach((v, i) => {
    if (i > 0) items.push(...frag(cur.word(',')), LINE);
    items.push(...literal(cur, v));
  });
  const close = cur.word(')');
  return group([
    ...frag(open),
    ...indent(STEP, [...items, ...leadOf(close, false)]),
    SOFTLINE,
    close.image,
    ...trailOf(close),
  ]);
}

function path(cur: TokenCursor, p: Path): Doc[] {
  const parts: Doc[] = [];
  p.parts.forEach((part, i) => {
    if (i > 0) parts.push(...frag(cur.word('.')));
    parts.push(...name(cur, part));
  });
  return parts;
}

function name(cur: TokenCursor, n: Name): Doc[] {
  return frag(cur.at(n.span));
}

function literal(cur: TokenCursor, l: Literal): Doc[] {
  return frag(cur.at(l.span));
}
