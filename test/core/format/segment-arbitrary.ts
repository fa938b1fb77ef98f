// fast-check arbitraries for `.segment` documents, built from the grammar: a
// document is generated as a list of tokens (every condition form, nested
// groups, `did … where (…)`), then joined with random whitespace and comments
// (trailing and on their own lines) between any two tokens.
import fc from 'fast-check';

const attributeNames = ['age', 'city', 'device', 'geo', 'x_1', 'title', 'last', 'time', '`Preferred channel`', '`segment`'];
const booleanNames = ['vip', 'email_opt_in', '`Has app`'];
const eventNames = ['purchase', 'product_view', '"Order Completed"', '`cart add`'];
const segmentIds = ['existing_customers', 'b', '`old one`'];

const name = fc.constantFrom(...attributeNames);
const path: fc.Arbitrary<string[]> = fc.oneof(
  name.map((n) => [n]),
  fc.tuple(name, name).map(([a, b]) => [a, '.', b]),
);

const number = fc.constantFrom('42', '-3.5', '0', '1e3', '.5', '7');
const string = fc.constantFrom('"Oslo"', '""', '"a \\"quoted\\" word"', '"\\u00e9t\\u00e9"', '"# not a comment"', '"tab\\there"');
const date = fc.constantFrom('2026-01-31', '2025-12-01', '2026-01-31T08:00:00Z', '2026-02-28T23:59');
const literal = fc.oneof(number, string, date, fc.constantFrom('true', 'false'));
const count = fc.constantFrom('0', '1', '3', '12');
const unit = fc.constantFrom('day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years');
const duration = fc.tuple(count, unit).map(([n, u]) => [n, u]);

function list(values: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return fc.array(values, { minLength: 1, maxLength: 4 }).map((vs) => ['(', ...vs.flatMap((v, i) => (i === 0 ? [v] : [',', v])), ')']);
}

const condition: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(path, fc.constantFrom('=', '!=', '<', '<=', '>', '>='), literal).map(([p, op, v]) => [...p, op, v]),
  fc.tuple(path, fc.boolean(), list(fc.oneof(number, string))).map(([p, not, l]) => [...p, ...(not ? ['not'] : []), 'in', ...l]),
  fc.tuple(path, literal, literal).map(([p, a, b]) => [...p, 'between', a, 'and', b]),
  fc.tuple(path, fc.constantFrom('missing', 'present')).map(([p, w]) => [...p, 'is', w]),
  fc.tuple(path, literal).map(([p, v]) => [...p, 'contains', v]),
  fc.tuple(path, fc.constantFrom('any', 'all'), list(string)).map(([p, m, l]) => [...p, 'contains', m, ...l]),
  fc.tuple(path, fc.constantFrom('starts', 'ends'), string).map(([p, w, v]) => [...p, w, 'with', v]),
  fc.tuple(path, fc.constantFrom('before', 'after'), date).map(([p, w, v]) => [...p, w, v]),
  fc.tuple(path, duration).map(([p, d]) => [...p, 'within', 'last', ...d]),
  fc.tuple(path, duration).map(([p, d]) => [...p, 'more', 'than', ...d, 'ago']),
  fc.tuple(path, count, count, unit).map(([p, n, m, u]) => [...p, 'between', n, 'and', m, u, 'ago']),
  fc.constantFrom(...booleanNames).map((n) => [n]),
  fc.constantFrom(...segmentIds).map((id) => ['segment', id]),
);

const eventCount = fc.oneof(
  count.map((n) => ['at', 'least', n, 'times']),
  count.map((n) => ['at', 'most', n, 'time']),
  count.map((n) => ['exactly', n, 'times']),
);
const eventWindow = fc.oneof(
  duration.map((d) => ['within', 'last', ...d]),
  date.map((d) => ['since', d]),
  fc.tuple(date, date).map(([a, b]) => ['between', a, 'and', b]),
  fc.tuple(count, count, unit).map(([n, m, u]) => ['between', n, 'and', m, u, 'ago']),
  duration.map((d) => ['more', 'than', ...d, 'ago']),
);

/** An `or` of `and`s of `not`s of atoms, nested to `depth`. */
function expression(depth: number): fc.Arbitrary<string[]> {
  const atom: fc.Arbitrary<string[]> =
    depth <= 0
      ? condition
      : fc.oneof(
          { weight: 4, arbitrary: condition },
          { weight: 1, arbitrary: expression(depth - 1).map((e) => ['(', ...e, ')']) },
          { weight: 1, arbitrary: didCondition(depth - 1) },
          { weight: 1, arbitrary: firstLastCondition(depth - 1) },
          { weight: 1, arbitrary: aggregateCondition(depth - 1) },
          { weight: 1, arbitrary: sequenceCondition(depth - 1) },
        );
  const negated = fc.tuple(fc.nat({ max: 4 }), atom).map(([nots, a]) => [...(nots >= 3 ? ['not'] : []), ...a]);
  const conjunction = fc.array(negated, { minLength: 1, maxLength: 3 }).map((xs) => xs.flatMap((x, i) => (i === 0 ? x : ['and', ...x])));
  return fc.array(conjunction, { minLength: 1, maxLength: 3 }).map((xs) => xs.flatMap((x, i) => (i === 0 ? x : ['or', ...x])));
}

function didCondition(depth: number): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      fc.boolean(),
      fc.constantFrom(...eventNames),
      fc.option(expression(depth), { nil: undefined }),
      fc.option(eventCount, { nil: undefined }),
      fc.option(eventWindow, { nil: undefined }),
    )
    .map(([not, event, where, c, w]) => [
      'did',
      ...(not ? ['not'] : []),
      event,
      ...(where ? ['where', '(', ...where, ')'] : []),
      ...(c ?? []),
      ...(w ?? []),
    ]);
}

function firstLastCondition(depth: number): fc.Arbitrary<string[]> {
  return fc
    .tuple(fc.constantFrom('first', 'last'), fc.constantFrom(...eventNames), fc.option(expression(depth), { nil: undefined }), eventWindow)
    .map(([which, event, where, w]) => [which, 'did', event, ...(where ? ['where', '(', ...where, ')'] : []), ...w]);
}

function aggregateCondition(depth: number): fc.Arbitrary<string[]> {
  const comparison = fc.oneof(
    fc.tuple(fc.constantFrom('=', '!=', '<', '<=', '>', '>='), number).map(([op, n]) => [op, n]),
    fc.tuple(number, number).map(([a, b]) => ['between', a, 'and', b]),
  );
  return fc
    .tuple(
      fc.constantFrom(['sum'], ['average'], ['min'], ['max'], ['distinct', 'count']),
      fc.constantFrom(...eventNames),
      path,
      fc.option(expression(depth), { nil: undefined }),
      fc.option(eventWindow, { nil: undefined }),
      comparison,
    )
    .map(([fn, event, p, where, w, c]) => [...fn, 'of', event, '.', ...p, ...(where ? ['where', '(', ...where, ')'] : []), ...(w ?? []), ...c]);
}

function sequenceCondition(depth: number): fc.Arbitrary<string[]> {
  const gap = fc.tuple(count, fc.constantFrom('minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks')).map(([n, u]) => [n, u]);
  const step = fc
    .tuple(fc.constantFrom(...eventNames), fc.option(expression(depth), { nil: undefined }), gap, fc.option(path, { nil: undefined }))
    .map(([event, where, g, same]) => [event, ...(where ? ['where', '(', ...where, ')'] : []), 'within', ...g, ...(same ? ['with', 'same', ...same] : [])]);
  return fc
    .tuple(
      fc.boolean(),
      fc.constantFrom(...eventNames),
      fc.option(expression(depth), { nil: undefined }),
      fc.option(eventWindow, { nil: undefined }),
      fc.array(step, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([not, event, where, w, steps, lastNot]) => [
      'did',
      ...(not ? ['not'] : []),
      event,
      ...(where ? ['where', '(', ...where, ')'] : []),
      ...(w ?? []),
      ...steps.flatMap((s, i) => ['then', 'did', ...(lastNot && i === steps.length - 1 ? ['not'] : []), ...s]),
    ]);
}

const property = fc.oneof(
  string.map((s) => ['title', s]),
  string.map((s) => ['description', s]),
  string.map((s) => ['owner', s]),
  fc.array(fc.constantFrom('retargeting', 'email', '`paid social`'), { minLength: 1, maxLength: 3 }).map((ts) => ['tags', ...ts.flatMap((t, i) => (i === 0 ? [t] : [',', t]))]),
  expression(1).map((e) => ['exclude', ...e]),
);

const segment: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom('a', 'abandoned_cart', '`with space`', 'title'),
    fc.array(property, { maxLength: 3 }),
    expression(2),
    fc.nat(),
  )
  .map(([id, props, include, at]) => {
    const all = [...props];
    all.splice(at % (props.length + 1), 0, ['include', ...include]);
    return ['segment', id, '{', ...all.flat(), '}'];
  });

/** The tokens of a valid document. */
export const documentTokens: fc.Arbitrary<string[]> = fc.array(segment, { minLength: 1, maxLength: 3 }).map((ss) => ss.flat());

const commentText = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' '));
const PUNCTUATION = new Set(['(', ')', '{', '}', ',']);

/** Whitespace, comments or nothing between two tokens. */
const separator = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\n\n', '\n  \n', '\n    ', ' \r\n\r\n\r\n ') },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: commentText.map((c) => ` #${c}\n`) },
  { weight: 2, arbitrary: commentText.map((c) => `\n  # ${c}\n`) },
  { weight: 1, arbitrary: fc.tuple(commentText, commentText).map(([a, b]) => `  # ${a}   \r\n\r\n#${b}\r\n   `) },
);

/** Joins tokens; an empty separator is used only next to punctuation, where no two tokens can merge. */
export function joinTokens(tokens: string[], separators: string[]): string {
  let out = separators[0];
  tokens.forEach((tok, i) => {
    out += tok;
    let sep = separators[i + 1] ?? ' ';
    const next = tokens[i + 1];
    if (sep === '' && next !== undefined && !PUNCTUATION.has(tok) && !PUNCTUATION.has(next)) sep = ' ';
    out += sep;
  });
  return out;
}

export function withLayout(tokens: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return tokens.chain((ts) =>
    fc.array(separator, { minLength: ts.length + 1, maxLength: ts.length + 1 }).map((seps) => joinTokens(ts, seps)),
  );
}

/** A valid document with random whitespace and comments between its tokens. */
export const validDocument: fc.Arbitrary<string> = withLayout(documentTokens);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'bytes'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => ({ kind: 'delete' as const, at })),
  fc.nat().map((at) => ({ kind: 'duplicate' as const, at })),
  fc.nat().map((at) => ({ kind: 'swap' as const, at })),
  fc
    .tuple(fc.nat(), fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('{', '}', '(', '"', '`', '#', '\u2028', '\u3000', '\ufeff', '\r', '==')))
    .map(([at, text]) => ({ kind: 'bytes' as const, at, text })),
);

function mutate(tokens: string[], ms: Mutation[]): string[] {
  const ts = [...tokens];
  for (const m of ms) {
    if (ts.length === 0) break;
    const i = m.at % ts.length;
    if (m.kind === 'delete') ts.splice(i, 1);
    else if (m.kind === 'duplicate') ts.splice(i, 0, ts[i]);
    else if (m.kind === 'swap' && i + 1 < ts.length) [ts[i], ts[i + 1]] = [ts[i + 1], ts[i]];
    else if (m.kind === 'bytes') ts.splice(i, 0, m.text);
  }
  return ts;
}

/** A valid document after random token deletions, duplications, swaps and inserted junk. */
export const mutatedDocument: fc.Arbitrary<string> = withLayout(
  fc.tuple(documentTokens, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([ts, ms]) => mutate(ts, ms)),
);
