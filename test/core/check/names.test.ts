// Unknown and deprecated names: attributes, events, event properties, with
// did-you-mean and fixes that write the name so it parses back the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, makeCatalog, segmentWith, SHOP } from './fixtures';

runCases(
  [
    {
      source: '⟦agee⟧ > 30',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `agee`; did you mean `age`?',
      fixed: 'age > 30',
    },
    {
      source: '⟦City⟧ = "Oslo"',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `City`; did you mean `city`? Names are case-sensitive.',
      fixed: 'city = "Oslo"',
    },
    {
      source: '⟦preferred_channel⟧ = "sms"',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `preferred_channel`; did you mean `Preferred channel`?',
      fixed: '`Preferred channel` = "sms"',
    },
    {
      source: '⟦`Prefered channel`⟧ = "sms"',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `Prefered channel`; did you mean `Preferred channel`?',
      fixed: '`Preferred channel` = "sms"',
    },
    {
      source: '⟦titel⟧ = "x"',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `titel`; did you mean `title`?',
      fixed: '`title` = "x"',
    },
    {
      source: '⟦geo.cty⟧ = "Oslo"',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `geo.cty`; did you mean `geo.city`?',
      fixed: 'geo.city = "Oslo"',
    },
    {
      source: '⟦shoe_size⟧ > 40',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `shoe_size`: neither the schema nor the sample has it',
    },
    {
      source: '⟦ag⟧ > 40',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `ag`: neither the schema nor the sample has it',
    },
    {
      source: 'did ⟦purchse⟧',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `purchse`; did you mean `purchase`?',
      fixed: 'did purchase',
    },
    {
      source: 'did ⟦"Order completed"⟧ at least 2 times',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `Order completed`; did you mean `Order Completed`? Names are case-sensitive.',
      fixed: 'did "Order Completed" at least 2 times',
    },
    {
      source: 'did ⟦order_completed⟧',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `order_completed`; did you mean `Order Completed`?',
      fixed: 'did `Order Completed`',
    },
    {
      source: 'first did ⟦purchse⟧ within last 30 days',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `purchse`; did you mean `purchase`?',
      fixed: 'first did purchase within last 30 days',
    },
    {
      source: 'last did purchase where (⟦amout⟧ > 100) more than 90 days ago',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `amout`; did you mean `amount`?',
      fixed: 'last did purchase where (amount > 100) more than 90 days ago',
    },
    {
      source: 'did not ⟦signup⟧',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `signup`: neither the schema nor the events sample has it',
    },
    {
      source: 'did purchase where (⟦amout⟧ > 100)',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `amout`; did you mean `amount`?',
      fixed: 'did purchase where (amount > 100)',
    },
    {
      // Inside `where` names are the event's properties, not profile attributes.
      source: 'did purchase where (⟦age⟧ > 30)',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `age`',
    },
    {
      source: '⟦amount⟧ > 100',
      code: 'unknown-attribute',
      severity: 'error',
      message: 'unknown attribute `amount`: neither the schema nor the sample has it',
    },
    {
      source: '⟦old_score⟧ > 3',
      code: 'deprecated-attribute',
      severity: 'warning',
      message: '`old_score` is deprecated: use engagement_score',
      fixed: 'engagement_score > 3',
    },
    {
      source: '⟦legacy_flag⟧',
      code: 'deprecated-attribute',
      severity: 'warning',
      message: '`legacy_flag` is deprecated',
    },
  ],
  SHOP,
);

test('an event written as a string matches the event name exactly', () => {
  const found = checkSources([{ path: '/p/a.segment', text: segmentWith('did "Order Completed" where (total > 100)') }], SHOP);
  assert.deepEqual(found, []);
});

test('`timestamp` is a date property of every event, as in the evaluator', () => {
  const ok = checkSources([{ path: '/p/a.segment', text: segmentWith('did purchase where (timestamp after 2026-01-01)') }], SHOP);
  assert.deepEqual(ok, []);
  const wrong = checkSources([{ path: '/p/a.segment', text: segmentWith('did purchase where (timestamp > 3)') }], SHOP);
  assert.deepEqual(wrong.map((d) => d.code), ['type-mismatch']);
});

test('properties of an unknown event, or of an event known without properties, are not guessed at', () => {
  const found = checkSources(
    [{ path: '/p/a.segment', text: segmentWith('did purchse where (anything > 1) or did email_open where (subject = "x")') }],
    SHOP,
  );
  assert.deepEqual(found.map((d) => d.code), ['unknown-event']);
});

test('without events in the catalog, event names are not checked', () => {
  const catalog = makeCatalog({ attributes: { age: 'number' } });
  const found = checkSources([{ path: '/p/a.segment', text: segmentWith('did anything where (x > 1) and age > 3') }], catalog);
  assert.deepEqual(found, []);
});

test('a deprecation hint that names no attribute gives no fix', () => {
  const catalog = makeCatalog({ attributes: { old: { type: 'number', deprecated: 'ask the CRM team' } } });
  const [d] = checkSources([{ path: '/p/a.segment', text: segmentWith('old > 1') }], catalog);
  assert.equal(d.message, '`old` is deprecated: ask the CRM team');
  assert.equal(d.fixes, undefined);
});

test('a deprecated event property is reported like an attribute', () => {
  const catalog = makeCatalog({ events: { buy: { sum: { type: 'number', deprecated: 'use `total amount`' }, 'total amount': 'number' } } });
  const [d] = checkSources([{ path: '/p/a.segment', text: segmentWith('did buy where (sum > 1)') }], catalog);
  assert.equal(d.code, 'deprecated-attribute');
  assert.equal(d.message, '`sum` is deprecated: use `total amount`');
  assert.equal(d.fixes?.[0].edits[0].newText, '`total amount`');
});

test('one misspelt name used many times is reported at each place', () => {
  const found = checkSources([{ path: '/p/a.segment', text: segmentWith('agee > 1 or agee < 0 or agee = 5') }], SHOP);
  assert.equal(found.length, 3);
  assert.ok(found.every((d) => d.message === 'unknown attribute `agee`; did you mean `age`?'));
});
