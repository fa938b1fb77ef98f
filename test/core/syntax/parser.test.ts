import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import type { EventWindow, Expr, SegmentDecl } from '../../../server/src/core/syntax/ast';
import { extractMarked } from '../../support/markers';
import { applyEdits } from '../../../server/src/core/text/edits';

function parseOk(text: string): SegmentDecl[] {
  const { ast, diagnostics } = parseSegments(text, '/p/a.segment');
  assert.deepEqual(diagnostics.map((d) => d.message), [], `unexpected diagnostics for:\n${text}`);
  return ast.segments;
}

function includeOf(text: string): Expr {
  const [seg] = parseOk(`segment s {\n  include ${text}\n}\n`);
  const p = seg.properties.find((x) => x.kind === 'include');
  assert.ok(p && p.kind === 'include');
  return p.expr;
}

/** A compact rendering of an expression, to compare shapes readably. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'or':
    case 'and':
      return `${e.kind}(${e.operands.map(show).join(', ')})`;
    case 'not':
      return `not(${show(e.operand)})`;
    case 'group':
      return `(${show(e.inner)})`;
    case 'compare':
      return `${e.attribute.text} ${e.op} ${e.value.kind}:${e.value.value}`;
    case 'in':
      return `${e.attribute.text} ${e.negated ? 'not in' : 'in'} [${e.values.map((v) => v.value).join('|')}]`;
    case 'between':
      return `${e.attribute.text} between ${e.low.value}..${e.high.value}`;
    case 'presence':
      return `${e.attribute.text} is ${e.missing ? 'missing' : 'present'}`;
    case 'contains':
      return `${e.attribute.text} contains-${e.mode} [${e.values.map((v) => v.value).join('|')}]`;
    case 'textMatch':
      return `${e.attribute.text} ${e.op} ${e.value.value}`;
    case 'dateCompare':
      return `${e.attribute.text} ${e.op} ${e.value.kind}:${e.value.value}`;
    case 'withinLast':
      return `${e.attribute.text} within ${e.duration.amount} ${e.duration.unit}`;
    case 'ago':
      return `${e.attribute.text} ago ${e.duration.amount} ${e.duration.unit}`;
    case 'agoBetween':
      return `${e.attribute.text} ago-between ${e.range.low.value}..${e.range.high.value} ${e.range.unit}`;
    case 'boolean':
      return `${e.attribute.text}?`;
    case 'segmentRef':
      return `segment:${e.id.text}`;
    case 'did': {
      const parts = [`did${e.negated ? '-not' : ''} ${e.event.text}`];
      if (e.where) parts.push(`where ${show(e.where)}`);
      if (e.count) parts.push(`${e.count.op} ${e.count.n}`);
      if (e.window) parts.push(showWindow(e.window));
      return parts.join(' ');
    }
    case 'firstLast': {
      const parts = [`${e.which}-did ${e.event.text}`];
      if (e.where) parts.push(`where ${show(e.where)}`);
      if (e.window) parts.push(showWindow(e.window));
      return parts.join(' ');
    }
    case 'aggregate': {
      const parts = [`${e.fn} ${e.event.text}.${e.property.text}`];
      if (e.where) parts.push(`where ${show(e.where)}`);
      if (e.window) parts.push(showWindow(e.window));
      const c = e.comparison;
      if (c) parts.push(c.kind === 'compare' ? `${c.op} ${c.value.raw}` : `in ${c.low.raw}..${c.high.raw}`);
      return parts.join(' ');
    }
    case 'sequence': {
      const first = e.first;
      const parts = [`did${e.negated ? '-not' : ''} ${first.event.text}`];
      if (first.where) parts.push(`where ${show(first.where)}`);
      if (first.window) parts.push(showWindow(first.window));
      for (const step of e.steps) {
        parts.push(`then${step.negated ? '-not' : ''} ${step.event.text}`);
        if (step.where) parts.push(`where ${show(step.where)}`);
        if (step.gap) parts.push(`within ${step.gap.amount} ${step.gap.unit}`);
        if (step.same) parts.push(`same ${step.same.text}`);
      }
      return parts.join(' ');
    }
    case 'error':
      return 'ERROR';
  }
}

function showWindow(w: EventWindow): string {
  switch (w.kind) {
    case 'withinLast':
      return `last ${w.duration.amount} ${w.duration.unit}`;
    case 'since':
      return `since ${w.date.value}`;
    case 'between':
      return `between ${w.from.value}..${w.to.value}`;
    case 'agoBetween':
      return `ago-between ${w.range.low.value}..${w.range.high.value} ${w.range.unit}`;
    case 'moreThanAgo':
      return `ago ${w.duration.amount} ${w.duration.unit}`;
  }
}

const forms: [string, string][] = [
  ['age >= 18', 'age >= number:18'],
  ['score != -3.5', 'score != number:-3.5'],
  ['city = "Oslo"', 'city = string:Oslo'],
  ['name = "a \\"q\\" \\u00e6"', 'name = string:a "q" æ'],
  ['vip = true', 'vip = boolean:true'],
  ['signup < 2026-01-31', 'signup < date:2026-01-31'],
  ['seen > 2026-01-31T23:30:00-02:00', 'seen > datetime:2026-02-01'],
  ['city in ("Oslo", "Bergen")', 'city in [Oslo|Bergen]'],
  ['age not in (1, 2)', 'age not in [1|2]'],
  ['age between 18 and 30', 'age between 18..30'],
  ['age is missing', 'age is missing'],
  ['age is present', 'age is present'],
  ['email contains "@gmail"', 'email contains-one [@gmail]'],
  ['interests contains any ("sport", "outdoor")', 'interests contains-any [sport|outdoor]'],
  ['interests contains all ("sport")', 'interests contains-all [sport]'],
  ['email starts with "a"', 'email startsWith a'],
  ['email ends with ".no"', 'email endsWith .no'],
  ['last_seen before 2026-01-01', 'last_seen before date:2026-01-01'],
  ['last_seen after 2026-01-01', 'last_seen after date:2026-01-01'],
  ['last_seen within last 30 days', 'last_seen within 30 day'],
  ['last_seen within last 1 day', 'last_seen within 1 day'],
  ['last_seen within last 2 weeks', 'last_seen within 2 week'],
  ['last_seen more than 3 months ago', 'last_seen ago 3 month'],
  ['last_seen more than 1 year ago', 'last_seen ago 1 year'],
  ['last_seen between 30 and 90 days ago', 'last_seen ago-between 30..90 day'],
  ['last_seen between 0 and 1 week ago', 'last_seen ago-between 0..1 week'],
  ['signup between 1 and 2 years ago or age between 1 and 2', 'or(signup ago-between 1..2 year, age between 1..2)'],
  ['email_opt_in', 'email_opt_in?'],
  ['segment buyers', 'segment:buyers'],
  ['did purchase', 'did purchase'],
  ['did not purchase within last 7 days', 'did-not purchase last 7 day'],
  ['did "Order Completed" since 2026-01-01', 'did Order Completed since 2026-01-01'],
  [
    'did product_view where (category = "shoes") at least 3 times within last 30 days',
    'did product_view where category = string:shoes atLeast 3 last 30 day',
  ],
  ['did purchase at most 2 times', 'did purchase atMost 2'],
  ['did purchase between 1 and 2 years ago', 'did purchase ago-between 1..2 year'],
  ['did purchase at least 2 times between 30 and 60 days ago', 'did purchase atLeast 2 ago-between 30..60 day'],
  ['did not purchase more than 90 days ago', 'did-not purchase ago 90 day'],
  ['did purchase exactly 1 time between 2026-01-01 and 2026-02-01', 'did purchase exactly 1 between 2026-01-01..2026-02-01'],
  ['first did purchase within last 30 days', 'first-did purchase last 30 day'],
  ['last did purchase more than 90 days ago', 'last-did purchase ago 90 day'],
  [
    'first did purchase where (amount > 1000) between 2026-01-01 and 2026-06-30',
    'first-did purchase where amount > number:1000 between 2026-01-01..2026-06-30',
  ],
  ['not last did "Order Completed" since 2026-01-01', 'not(last-did Order Completed since 2026-01-01)'],
  ['first = 1 and last > 2 and first', 'and(first = number:1, last > number:2, first?)'],
  ['sum of purchase.amount within last 90 days > 5000', 'sum purchase.amount last 90 day > 5000'],
  ['average of purchase.amount where (category = "shoes") >= 800', 'average purchase.amount where category = string:shoes >= 800'],
  ['max of purchase.amount between 2026-01-01 and 2026-03-31 > 2000', 'max purchase.amount between 2026-01-01..2026-03-31 > 2000'],
  ['min of purchase.amount within last 1 year < 100', 'min purchase.amount last 1 year < 100'],
  ['distinct count of product_view.product_id within last 30 days >= 5', 'distinctCount product_view.product_id last 30 day >= 5'],
  ['sum of "Order Completed".revenue between 1000 and 5000', 'sum Order Completed.revenue in 1000..5000'],
  ['sum of purchase.amount between 1 and 2 years ago between 0.10 and 0.30', 'sum purchase.amount ago-between 1..2 year in 0.10..0.30'],
  ['sum of e.`Order value` != 0 or max of e.geo.lat <= -3.5', 'or(sum e.Order value != 0, max e.geo.lat <= -3.5)'],
  ['sum > 3 and max = 2 and count and min', 'and(sum > number:3, max = number:2, count?, min?)'],
  ['did add_to_cart within last 7 days then did not purchase within 1 day', 'did add_to_cart last 7 day then-not purchase within 1 day'],
  [
    'did product_view where (category = "shoes") then did add_to_cart within 2 hours',
    'did product_view where category = string:shoes then add_to_cart within 2 hour',
  ],
  ['did product_view then did not purchase within 3 days with same product_id', 'did product_view then-not purchase within 3 day same product_id'],
  [
    'did search then did product_view within 10 minutes then did purchase within 1 day',
    'did search then product_view within 10 minute then purchase within 1 day',
  ],
  ['did not a then did "B c" within 1 week with same `x y`.z and d', 'and(did-not a then B c within 1 week same x y.z, d?)'],
  ['then = 1 and same', 'and(then = number:1, same?)'],
  ['geo.city = "Oslo"', 'geo.city = string:Oslo'],
  ['`Preferred channel` = "email"', 'Preferred channel = string:email'],
  ['`title` = "x"', 'title = string:x'],
  ['title = "x"', 'title = string:x'],
  ['last = 1 and time = 2', 'and(last = number:1, time = number:2)'],
  ['a or b and c', 'or(a?, and(b?, c?))'],
  ['not a and b', 'and(not(a?), b?)'],
  ['not (a or b)', 'not((or(a?, b?)))'],
  ['(a or b) and not not c', 'and((or(a?, b?)), not(not(c?)))'],
];

for (const [source, expected] of forms) {
  test(`parses \`${source}\``, () => {
    assert.equal(show(includeOf(source)), expected);
  });
}

test('parses every block property, keeps ids and spans', () => {
  const text = 'segment s {\n  title "T"\n  description "D"\n  owner "O"\n  tags a, b, `c d`\n  include x\n  exclude segment y\n}\n';
  const [seg] = parseOk(text);
  assert.equal(seg.id?.text, 's');
  assert.deepEqual(seg.properties.map((p) => p.kind), ['title', 'description', 'owner', 'tags', 'include', 'exclude']);
  const tags = seg.properties[3];
  assert.ok(tags.kind === 'tags');
  assert.deepEqual(tags.tags.map((t) => t.text), ['a', 'b', 'c d']);
  assert.equal(text.slice(seg.span.start, seg.span.end), text.trimEnd());
  assert.equal(seg.hasSyntaxError, false);
});

test('keeps comments with their positions', () => {
  const text = '# head\nsegment s { # after brace\n  include x # tail\n}\n';
  const { ast } = parseSegments(text, 'f');
  assert.deepEqual(ast.comments.map((c) => text.slice(c.span.start, c.span.end)), ['# head', '# after brace', '# tail']);
});

test('after a dangling `and`, a property keyword followed by its content starts the property; as an attribute it still reads', () => {
  const [dangling] = parseSegments('segment s {\n  include a and\n  exclude segment t\n}\n', 'f').ast.segments;
  assert.deepEqual(dangling.properties.map((p) => p.kind), ['include', 'exclude']);
  const parsed = parseSegments('segment s {\n  include a and exclude = true and title\n}\n', 'f');
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(parsed.ast.segments[0].properties.map((p) => p.kind), ['include']);
});

test('a segment id may be a keyword or backticked', () => {
  const segs = parseOk('segment last { include x }\nsegment `my seg` { include segment last }\n');
  assert.deepEqual(segs.map((s) => s.id?.text), ['last', 'my seg']);
});

interface SyntaxCase {
  name: string;
  source: string;
  code: string;
  message: string;
}

const syntaxCases: SyntaxCase[] = [
  {
    name: 'value missing after an operator',
    source: 'segment s {\n  include age ⟦>⟧\n  exclude x\n}\n',
    code: 'syntax-error',
    message: 'expected a value (a number, a text in double quotes, true, false or a date) after `>`, found `exclude`',
  },
  {
    name: 'unquoted text value',
    source: 'segment s {\n  include device = ⟦mobile⟧\n}\n',
    code: 'unquoted-text',
    message: 'text values go in double quotes: write "mobile"',
  },
  {
    name: 'misspelt property',
    source: 'segment s {\n  ⟦titel⟧ "x"\n  include a\n}\n',
    code: 'unknown-property',
    message: 'unknown property `titel`; did you mean `title`? A segment has title, description, owner, tags, include and exclude.',
  },
  {
    name: 'missing connective',
    source: 'segment s {\n  include age > 30 ⟦city⟧ = "Oslo"\n}\n',
    code: 'syntax-error',
    message: 'expected `and` or `or` between conditions, or a new property, before `city`',
  },
  {
    name: 'condition missing after and',
    source: 'segment s {\n  include a ⟦and⟧\n}\n',
    code: 'syntax-error',
    message: 'expected a condition after `and`, found `}`',
  },
  {
    // The user has typed `and ` on a new line above the exclude: one error, and the exclude is still the exclude.
    name: 'condition missing after and, before the next property',
    source: 'segment s {\n  include a\n    ⟦and⟧\n  exclude segment t or b\n}\n',
    code: 'syntax-error',
    message: 'expected a condition after `and`, found `exclude`',
  },
  {
    name: 'condition missing after or, before a title',
    source: 'segment s {\n  include a ⟦or⟧\n  title "x"\n}\n',
    code: 'syntax-error',
    message: 'expected a condition after `or`, found `title`',
  },
  {
    name: 'missing closing parenthesis',
    source: 'segment s {\n  include (a or ⟦b⟧\n}\n',
    code: 'syntax-error',
    message: 'expected `)` after `b`, found `}`',
  },
  {
    name: 'missing closing brace',
    source: 'segment s {\n  include ⟦a⟧\n',
    code: 'missing-brace',
    message: 'segment `s` is missing its closing `}`',
  },
  {
    name: 'unterminated string',
    source: 'segment s {\n  include city = ⟦"Oslo⟧\n}\n',
    code: 'unterminated-string',
    message: 'this text is missing its closing `"`',
  },
  {
    name: 'bad escape',
    source: 'segment s {\n  include city = ⟦"a\\qb"⟧\n}\n',
    code: 'invalid-escape',
    message: 'this text has an invalid escape: use \\" \\\\ \\n \\t or \\uXXXX',
  },
  {
    name: 'stray character',
    source: 'segment s {\n  include a ⟦&⟧ b\n}\n',
    code: 'unexpected-character',
    message: 'unexpected character `&`: write `and` / `or`',
  },
  {
    name: 'double equals',
    source: 'segment s {\n  include a ⟦==⟧ 1\n}\n',
    code: 'operator-spelling',
    message: 'write `=` instead of `==`',
  },
  {
    name: 'impossible date',
    source: 'segment s {\n  include d = ⟦2026-02-30⟧\n}\n',
    code: 'invalid-date',
    message: '`2026-02-30` is not a real calendar date',
  },
  {
    name: 'text before the first segment',
    source: '⟦include a⟧\nsegment s { include b }\n',
    code: 'syntax-error',
    message: 'expected `segment`: a file holds blocks like `segment my_audience { include … }`',
  },
  {
    name: 'duration without unit',
    source: 'segment s {\n  include d within last ⟦7⟧\n}\n',
    code: 'syntax-error',
    message: 'expected a time unit (days, weeks, months or years; minutes or hours between the steps of a sequence) after `7`, found `}`',
  },
  {
    name: 'a relative range of dates',
    source: 'segment s {\n  include d between ⟦2026-01-01⟧ and 2 days ago\n}\n',
    code: 'invalid-duration',
    message: '`between … ago` counts whole days back from asOf: write a whole number of 0 or more, not `2026-01-01`',
  },
  {
    name: 'a relative range without `ago`',
    source: 'segment s {\n  include did buy between 1 and 2 ⟦days⟧\n}\n',
    code: 'syntax-error',
    message: 'expected `ago` after `days`, found `}`',
  },
  {
    name: 'first did without a window',
    source: 'segment s {\n  include first did ⟦purchase⟧\n}\n',
    code: 'syntax-error',
    message: 'expected a window for the first event, such as `within last 30 days` after `purchase`, found `}`',
  },
  {
    name: 'an aggregate without its property',
    source: 'segment s {\n  include sum of purchase⟦.⟧\n  exclude vip\n}\n',
    code: 'syntax-error',
    message: 'expected a property name after `.`, found `exclude`',
  },
  {
    name: 'an aggregate without a comparison',
    source: 'segment s {\n  include sum of purchase.amount within last 7 ⟦days⟧\n}\n',
    code: 'syntax-error',
    message: 'expected a comparison such as `> 1000` or `between 100 and 500` after `days`, found `}`',
  },
  {
    name: 'a count on a step of a sequence',
    source: 'segment s {\n  include did a ⟦at least 2 times⟧ then did b within 1 day\n}\n',
    code: 'syntax-error',
    message: 'a step of a sequence takes no count: the sequence holds when its events happened in order at least once',
  },
  {
    name: '`then did not` before the last step',
    source: 'segment s {\n  include did a ⟦then⟧ did not b within 1 day then did c within 1 day\n}\n',
    code: 'syntax-error',
    message: 'only the last step of a sequence can be `then did not`: the steps after it would have no event to follow',
  },
  {
    name: 'a calendar window on a later step',
    source: 'segment s {\n  include did a then did b within ⟦last⟧ 7 days\n}\n',
    code: 'syntax-error',
    message: 'only the first step of a sequence takes a window; a later step takes `within` and the most time after the step before, such as `within 1 day`',
  },
  {
    name: 'a later step without its time',
    source: 'segment s {\n  include did a then did ⟦b⟧\n}\n',
    code: 'syntax-error',
    message: 'expected `within` and the most time after the step before, such as `within 1 day` after `b`, found `}`',
  },
  {
    name: 'fractional count',
    source: 'segment s {\n  include did buy at least ⟦1.5⟧ times\n}\n',
    code: 'invalid-count',
    message: 'a count must be a whole number of 0 or more, not `1.5`',
  },
];

for (const c of syntaxCases) {
  test(`syntax error: ${c.name}`, () => {
    const { text, span } = extractMarked(c.source);
    const { diagnostics } = parseSegments(text, '/p/a.segment');
    const found = diagnostics.find((d) => d.code === c.code && d.span.start === span.start && d.span.end === span.end);
    assert.ok(
      found,
      `expected ${c.code} at ${span.start}-${span.end}; got ${JSON.stringify(diagnostics.map((d) => [d.code, d.span, d.message]))}`,
    );
    assert.equal(found.message, c.message);
    assert.equal(found.severity, 'error');
  });
}

test('one mistake never hides the rest: errors in three blocks are all reported', () => {
  const text = [
    'segment a {', '  include age >', '}',
    'segment b {', '  include (x', '}',
    'segment c {', '  titel "x"', '  include y', '}',
    'segment d {', '  include fine', '}',
  ].join('\n');
  const { ast, diagnostics } = parseSegments(text, 'f');
  assert.deepEqual(ast.segments.map((s) => s.id?.text), ['a', 'b', 'c', 'd']);
  assert.deepEqual(ast.segments.map((s) => s.hasSyntaxError), [true, true, true, false]);
  assert.ok(diagnostics.length >= 3);
  // The block after a broken one is intact.
  assert.equal(show((ast.segments[3].properties[0] as { expr: Expr }).expr), 'fine?');
});

test('a block with a missing closing brace does not swallow the next block', () => {
  const { ast } = parseSegments('segment a {\n  include x\nsegment b {\n  include y\n}\n', 'f');
  assert.deepEqual(ast.segments.map((s) => [s.id?.text, s.hasSyntaxError, s.properties.length]), [
    ['a', true, 1],
    ['b', false, 1],
  ]);
});

test('a half-typed aggregate keeps the rest of the block and the file', () => {
  const text = 'segment a {\n  include age > 3 and sum of purchase.\n  exclude vip\n}\nsegment b {\n  include sum of purchase.amount > 10\n}\n';
  const { ast, diagnostics } = parseSegments(text, 'f');
  assert.deepEqual(ast.segments[0].properties.map((p) => p.kind), ['include', 'exclude']);
  assert.equal(ast.segments[1].hasSyntaxError, false);
  assert.deepEqual(diagnostics.map((d) => d.message), ['expected a property name after `.`, found `exclude`']);
});

test('a half-typed condition keeps the other conditions in the tree', () => {
  const { ast } = parseSegments('segment a {\n  include age > 3 and city =\n  exclude vip\n}\n', 'f');
  const seg = ast.segments[0];
  assert.deepEqual(seg.properties.map((p) => p.kind), ['include', 'exclude']);
});

test('deep nesting is refused with a clear error instead of a crash', () => {
  const text = `segment s { include ${'('.repeat(10_000)}a${')'.repeat(10_000)} }`;
  const { diagnostics } = parseSegments(text, 'f');
  assert.equal(diagnostics[0].code, 'too-deeply-nested');
});

test('empty and comment-only files parse to no segments', () => {
  assert.deepEqual(parseOk('').length, 0);
  assert.deepEqual(parseOk('# nothing here\n\n').length, 0);
});

test('a correct block next to a broken one keeps hasSyntaxError false', () => {
  const { ast } = parseSegments('segment a { include x > 12 { }segment b { include y }\n', 'f');
  const b = ast.segments.find((s) => s.id?.text === 'b');
  assert.equal(b?.hasSyntaxError, false);
});

test('a missing brace is reported once, in plain words', () => {
  const { diagnostics } = parseSegments('segment a { include x > 12 { }', 'f');
  assert.ok(diagnostics.every((d) => !/unexpected the end/.test(d.message)), JSON.stringify(diagnostics.map((d) => d.message)));
  assert.equal(diagnostics.filter((d) => d.code === 'missing-brace').length, 1);
});

test('a segment without an id is a syntax error', () => {
  const { diagnostics } = parseSegments('segment { include x }\n', 'f');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.span.start, d.message]), [
    ['syntax-error', 0, 'expected a segment id after `segment`, such as `segment my_audience {`'],
  ]);
});

test('`segment` and `did` with nothing after them are reported, not read as attributes', () => {
  for (const [text, message] of [
    ['segment s {\n  include segment\n}\n', 'expected a segment id after `segment`, found `}`'],
    ['segment s {\n  include did\n}\n', 'expected an event name after `did`, found `}`'],
  ]) {
    const { ast, diagnostics } = parseSegments(text, 'f');
    assert.deepEqual(diagnostics.map((d) => d.message), [message], text);
    assert.equal(ast.segments[0].hasSyntaxError, true);
  }
});

test('the quick fix for a single-quoted value replaces the quotes and leaves code that parses (issue 12)', () => {
  for (const [written, fixed] of [
    ["device = 'mobile'", 'device = "mobile"'],
    ["city in ('Oslo', 'Bergen')", 'city in ("Oslo", "Bergen")'],
    ["city = 'New York'", 'city = "New York"'],
    ["device = mobile", 'device = "mobile"'],
  ]) {
    let text = `segment s {\n  include ${written}\n}\n`;
    // One fix at a time, as a user applies them.
    for (let round = 0; round < 4; round++) {
      const fix = parseSegments(text, 'f').diagnostics.flatMap((d) => d.fixes ?? [])[0];
      if (!fix) break;
      text = applyEdits(text, fix.edits);
    }
    assert.equal(text, `segment s {\n  include ${fixed}\n}\n`, written);
    assert.deepEqual(parseSegments(text, 'f').diagnostics, [], written);
  }
  const [fix] = parseSegments("segment s {\n  include device = 'mobile'\n}\n", 'f').diagnostics.flatMap((d) => d.fixes ?? []);
  assert.equal(fix.title, 'Put "mobile" in double quotes');
});
