// Compares two versions of one segment's definition by structure, not by text:
// metadata property by property, and `include`/`exclude` condition by condition.
// The top-level `and` conditions are a set (reordering or reformatting them is
// no change); a condition whose attribute or event is the same on both sides
// but whose test differs is reported as changed (`age > 30` → `age > 35`).
// An `or`, or an edited condition with nested `and`/`or` inside, is reported
// as the whole expression before → after, since a set of conditions no longer
// describes it.
import type { Expr, Literal, Property, SegmentDecl } from '../syntax/ast';
import { conditionAttribute, topLevelConditions, unwrapGroups } from '../syntax/ast';
import { canonicalExpr } from './canonical';

export type MetadataProperty = 'title' | 'description' | 'owner' | 'tags';

export interface MetadataChange {
  property: MetadataProperty;
  /** The text (for tags: `a, b`), or null when the property is not set on that side. */
  before: string | null;
  after: string | null;
}

export type ConditionChange =
  | { change: 'added'; after: string }
  | { change: 'removed'; before: string }
  /** The same attribute or event, tested differently. */
  | { change: 'changed'; before: string; after: string }
  /** The whole expression, where it is not a plain list of `and` conditions. */
  | { change: 'replaced'; before: string; after: string };

export interface DefinitionChanges {
  metadata: MetadataChange[];
  include: ConditionChange[];
  exclude: ConditionChange[];
}

const METADATA: readonly MetadataProperty[] = ['title', 'description', 'owner', 'tags'];

export function compareDefinitions(base: SegmentDecl, head: SegmentDecl): DefinitionChanges {
  const metadata: MetadataChange[] = [];
  for (const property of METADATA) {
    const before = metadataValue(base, property);
    const after = metadataValue(head, property);
    if (!sameMetadata(property, before, after)) metadata.push({ property, before, after });
  }
  return {
    metadata,
    include: compareExpressions(expressionOf(base, 'include'), expressionOf(head, 'include')),
    exclude: compareExpressions(expressionOf(base, 'exclude'), expressionOf(head, 'exclude')),
  };
}

export function hasDefinitionChanges(c: DefinitionChanges): boolean {
  return c.metadata.length > 0 || c.include.length > 0 || c.exclude.length > 0;
}

/** Every condition of a definition as added: how a new segment is shown. */
export function describeAsAdded(decl: SegmentDecl): DefinitionChanges {
  return compareDefinitions(emptyDecl(), decl);
}

/** Every condition of a definition as removed: how a deleted segment is shown. */
export function describeAsRemoved(decl: SegmentDecl): DefinitionChanges {
  return compareDefinitions(decl, emptyDecl());
}

function emptyDecl(): SegmentDecl {
  return { kind: 'segment', properties: [], span: { start: 0, end: 0 }, hasSyntaxError: false, closed: true };
}

function firstProperty(decl: SegmentDecl, kind: Property['kind']): Property | undefined {
  return decl.properties.find((p) => p.kind === kind);
}

function metadataValue(decl: SegmentDecl, property: MetadataProperty): string | null {
  const p = firstProperty(decl, property);
  if (!p) return null;
  if (p.kind === 'tags') return p.tags.map((t) => t.text).join(', ');
  if (p.kind === 'title' || p.kind === 'description' || p.kind === 'owner') return literalText(p.value);
  return null;
}

function literalText(value: Literal | undefined): string {
  if (!value) return '';
  return value.kind === 'string' ? value.value : value.raw;
}

function sameMetadata(property: MetadataProperty, before: string | null, after: string | null): boolean {
  if (before === null || after === null) return before === after;
  // Tags are labels: their order carries no meaning.
  if (property === 'tags') return [...new Set(before.split(', '))].sort().join(',') === [...new Set(after.split(', '))].sort().join(',');
  return before === after;
}

function expressionOf(decl: SegmentDecl, kind: 'include' | 'exclude'): Expr | undefined {
  const p = firstProperty(decl, kind);
  return p && (p.kind === 'include' || p.kind === 'exclude') ? p.expr : undefined;
}

export function compareExpressions(base: Expr | undefined, head: Expr | undefined): ConditionChange[] {
  if (!base && !head) return [];
  if (!base) return conditionsOf(head!).map((e) => ({ change: 'added', after: canonicalExpr(e) }));
  if (!head) return conditionsOf(base).map((e) => ({ change: 'removed', before: canonicalExpr(e) }));
  const whole = { change: 'replaced' as const, before: canonicalExpr(unwrapGroups(base)), after: canonicalExpr(unwrapGroups(head)) };
  if (whole.before === whole.after) return [];
  if (unwrapGroups(base).kind === 'or' || unwrapGroups(head).kind === 'or') return [whole];

  const baseConditions = conditionsOf(base).map(entry);
  const headConditions = conditionsOf(head).map(entry);
  // Conditions present on both sides (as a multiset) are unchanged.
  for (const b of baseConditions) {
    const same = headConditions.find((h) => !h.matched && h.text === b.text);
    if (same) {
      same.matched = true;
      b.matched = true;
    }
  }
  const removed = baseConditions.filter((c) => !c.matched);
  const added = headConditions.filter((c) => !c.matched);
  if ([...removed, ...added].some((c) => isCompound(c.expr))) return [whole];

  const changes: ConditionChange[] = [];
  for (const b of removed) {
    const partner = b.key === undefined ? undefined : added.find((h) => !h.matched && h.key === b.key);
    if (partner) {
      partner.matched = true;
      changes.push({ change: 'changed', before: b.text, after: partner.text });
    } else {
      changes.push({ change: 'removed', before: b.text });
    }
  }
  for (const h of added) if (!h.matched) changes.push({ change: 'added', after: h.text });
  return changes;
}

interface Entry {
  expr: Expr;
  text: string;
  /** What the condition is about (an attribute, an event); conditions with the same key pair up as "changed". */
  key?: string;
  matched: boolean;
}

function entry(expr: Expr): Entry {
  return { expr, text: canonicalExpr(unwrapGroups(expr)), key: subjectKey(expr), matched: false };
}

function conditionsOf(expr: Expr): Expr[] {
  return topLevelConditions(expr);
}

function subjectKey(expr: Expr): string | undefined {
  const e = stripNotAndGroups(expr);
  const attribute = conditionAttribute(e);
  if (attribute) return `attribute:${attribute.text}`;
  if (e.kind === 'did' || e.kind === 'firstLast') return `event:${e.event.text}`;
  if (e.kind === 'aggregate') return `aggregate:${e.event.text}.${e.property.text}`;
  if (e.kind === 'sequence') return `sequence:${[e.first, ...e.steps].map((s) => s.event.text).join(' then ')}`;
  return undefined;
}

function stripNotAndGroups(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'group' || e.kind === 'not') e = e.kind === 'group' ? e.inner : e.operand;
  return e;
}

function isCompound(expr: Expr): boolean {
  const e = stripNotAndGroups(expr);
  return e.kind === 'and' || e.kind === 'or';
}
