// Completion by position: attributes (type and description from the catalog),
// operators that fit the attribute's type, known values with counts, event
// names and their properties, segment ids, property keywords and snippets.
import {
  CompletionItemKind,
  CompletionItemTag,
  CompletionTriggerKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver/node';
import { formatAttributeName, formatName, isPlainName } from '../core/check/format-name';
import type { FieldInfo } from '../core/sample/catalog-types';
import type { ValueType } from '../core/base/value-type';
import { PROPERTY_KEYWORDS } from '../core/syntax/parser';
import type { Scope } from './ast-lookup';
import { fieldsInScope } from './catalog-lookup';
import { completionSite, type CompletionContext } from './completion-context';
import { spanToRange } from './convert';
import { eventMarkdown, fieldMarkdown } from './hover';
import { formatCount, formatShare } from '../core/text/numbers';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export interface CompletionOptions {
  snippets: boolean;
}

interface Operator {
  label: string;
  snippet: string;
  types: readonly ValueType[];
  detail: string;
}

const COMPARE_TYPES: readonly ValueType[] = ['number', 'string', 'date'];
const OPERATORS: readonly Operator[] = [
  { label: '=', snippet: '= $0', types: ['number', 'string', 'date'], detail: 'equals' },
  { label: '= true', snippet: '= true', types: ['boolean'], detail: 'is true' },
  { label: '= false', snippet: '= false', types: ['boolean'], detail: 'is false' },
  { label: '!=', snippet: '!= $0', types: ['number', 'string', 'date', 'boolean'], detail: 'differs from (false when missing)' },
  { label: '>', snippet: '> $0', types: COMPARE_TYPES, detail: 'greater than' },
  { label: '>=', snippet: '>= $0', types: COMPARE_TYPES, detail: 'at least' },
  { label: '<', snippet: '< $0', types: COMPARE_TYPES, detail: 'less than' },
  { label: '<=', snippet: '<= $0', types: COMPARE_TYPES, detail: 'at most' },
  { label: 'in (…)', snippet: 'in ($1)$0', types: ['number', 'string'], detail: 'one of' },
  { label: 'not in (…)', snippet: 'not in ($1)$0', types: ['number', 'string'], detail: 'none of (false when missing)' },
  { label: 'between … and …', snippet: 'between ${1} and ${2}$0', types: ['number', 'date'], detail: 'inclusive range' },
  { label: 'contains', snippet: 'contains $0', types: ['string', 'list'], detail: 'text: substring, list: has the item' },
  { label: 'contains any (…)', snippet: 'contains any ($1)$0', types: ['list'], detail: 'has at least one of the items' },
  { label: 'contains all (…)', snippet: 'contains all ($1)$0', types: ['list'], detail: 'has every one of the items' },
  { label: 'starts with', snippet: 'starts with "$1"$0', types: ['string'], detail: 'text starts with (case-sensitive)' },
  { label: 'ends with', snippet: 'ends with "$1"$0', types: ['string'], detail: 'text ends with (case-sensitive)' },
  { label: 'before', snippet: 'before ${1:2026-01-01}$0', types: ['date'], detail: 'strictly earlier' },
  { label: 'after', snippet: 'after ${1:2026-01-01}$0', types: ['date'], detail: 'strictly later' },
  { label: 'within last … days', snippet: 'within last ${1:30} days$0', types: ['date'], detail: 'asOf − N days ≤ value ≤ asOf' },
  { label: 'more than … days ago', snippet: 'more than ${1:90} days ago$0', types: ['date'], detail: 'value < asOf − N days' },
  { label: 'between … and … days ago', snippet: 'between ${1:30} and ${2:90} days ago$0', types: ['date'], detail: 'asOf − M days ≤ value ≤ asOf − N days' },
  { label: 'is missing', snippet: 'is missing', types: ['number', 'string', 'boolean', 'date', 'list'], detail: 'has no value' },
  { label: 'is present', snippet: 'is present', types: ['number', 'string', 'boolean', 'date', 'list'], detail: 'has a value' },
];

const AFTER_EVENT: readonly { label: string; snippet: string; detail: string; count?: boolean }[] = [
  { label: 'where (…)', snippet: 'where ($1)$0', detail: 'only events whose properties match' },
  { label: 'at least … times', snippet: 'at least ${1:2} times$0', detail: 'count', count: true },
  { label: 'at most … times', snippet: 'at most ${1:1} times$0', detail: 'count (also true with no such event)', count: true },
  { label: 'exactly … times', snippet: 'exactly ${1:1} times$0', detail: 'count', count: true },
  { label: 'within last … days', snippet: 'within last ${1:30} days$0', detail: 'window' },
  { label: 'since …', snippet: 'since ${1:2026-01-01}$0', detail: 'window: that day or later' },
  { label: 'between … and …', snippet: 'between ${1:2026-01-01} and ${2:2026-01-31}$0', detail: 'window, both days included' },
  { label: 'between … and … days ago', snippet: 'between ${1:30} and ${2:90} days ago$0', detail: 'window: from M to N days before asOf' },
  { label: 'more than … days ago', snippet: 'more than ${1:90} days ago$0', detail: 'window: before asOf − N days' },
];

const CONDITION_SNIPPETS: readonly { label: string; snippet: string; detail: string }[] = [
  { label: 'did … within last … days', snippet: 'did ${1:event} within last ${2:30} days$0', detail: 'did the event recently' },
  { label: 'did … at least … times', snippet: 'did ${1:event} at least ${2:2} times$0', detail: 'did the event repeatedly' },
  { label: 'not did … within last … days', snippet: 'not did ${1:event} within last ${2:30} days$0', detail: 'has not done the event recently' },
  { label: 'first did … within last … days', snippet: 'first did ${1:event} within last ${2:30} days$0', detail: 'did the event for the first time recently (e.g. first-time buyers)' },
  { label: 'last did … more than … days ago', snippet: 'last did ${1:event} more than ${2:90} days ago$0', detail: 'did the event, but not lately (e.g. lapsed buyers)' },
  { label: 'sum of …', snippet: 'sum of ${1:event}.${2:property} > ${3:1000}$0', detail: 'total of an event property (spend, items)' },
  { label: 'average of …', snippet: 'average of ${1:event}.${2:property} >= ${3:500}$0', detail: 'average of an event property' },
  { label: 'min of …', snippet: 'min of ${1:event}.${2:property} < ${3:100}$0', detail: 'smallest value of an event property' },
  { label: 'max of …', snippet: 'max of ${1:event}.${2:property} > ${3:1000}$0', detail: 'largest value of an event property' },
  { label: 'distinct count of …', snippet: 'distinct count of ${1:event}.${2:property} >= ${3:3}$0', detail: 'number of different values (products, categories)' },
];

/** A next step of a sequence. */
const THEN_SNIPPET = { label: 'then did … within …', snippet: 'then did ${1:event} within ${2:1} ${3|days,hours,minutes,weeks|}$0', detail: 'a sequence: the next event within that time' };

/** After `then did EVENT`: a filter, and the time after the step before. */
const AFTER_STEP_EVENT: readonly { label: string; snippet: string; detail: string }[] = [
  { label: 'where (…)', snippet: 'where ($1)$0', detail: 'only events whose properties match' },
  { label: 'within … days', snippet: 'within ${1:1} days$0', detail: 'at most that long after the step before' },
  { label: 'within … hours', snippet: 'within ${1:2} hours$0', detail: 'at most that long after the step before' },
  { label: 'within … minutes', snippet: 'within ${1:10} minutes$0', detail: 'at most that long after the step before' },
];

/** After `sum of purchase.amount`: a filter, a window, the comparison. */
const AFTER_AGGREGATE: readonly { label: string; snippet: string; detail: string }[] = [
  { label: '>', snippet: '> $0', detail: 'more than' },
  { label: '>=', snippet: '>= $0', detail: 'at least' },
  { label: '<', snippet: '< $0', detail: 'less than' },
  { label: '<=', snippet: '<= $0', detail: 'at most' },
  { label: '=', snippet: '= $0', detail: 'exactly' },
  { label: 'between … and …', snippet: 'between ${1:100} and ${2:500}$0', detail: 'inclusive range of the value' },
  ...AFTER_EVENT.filter((s) => s.count !== true),
];

const PROPERTY_SNIPPETS: Record<(typeof PROPERTY_KEYWORDS)[number], { snippet: string; detail: string }> = {
  title: { snippet: 'title "$1"$0', detail: 'display name' },
  description: { snippet: 'description "$1"$0', detail: 'what and why' },
  owner: { snippet: 'owner "$1"$0', detail: 'team or person' },
  tags: { snippet: 'tags $0', detail: 'labels, comma-separated' },
  include: { snippet: 'include $0', detail: 'who is in (required)' },
  exclude: { snippet: 'exclude $0', detail: 'who is taken out again' },
};

const SEGMENT_SNIPPET = 'segment ${1:new_segment} {\n  title "${2:Title}"\n\n  include ${0}\n}';

/** Contexts worth a list when the user merely typed a space. */
const SPACE_CONTEXTS: ReadonlySet<CompletionContext['kind']> = new Set(['condition', 'operator', 'value', 'event', 'segmentId', 'afterAggregate', 'afterThen', 'sameProperty']);

export function completion(project: ProjectSnapshot, path: string, params: CompletionParams, options: CompletionOptions): CompletionList {
  const text = project.textOf(path) ?? '';
  const index = project.lineIndex(path);
  if (!index) return { isIncomplete: false, items: [] };
  const offset = index.offsetAt(params.position);
  const site = completionSite(text, offset);
  const { context } = site;
  if (params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter && params.context.triggerCharacter === ' ' && !SPACE_CONTEXTS.has(context.kind)) {
    return { isIncomplete: false, items: [] };
  }
  // A `.` asks for something only after an event in an aggregate (`sum of purchase.`), not in `0.5` or `geo.city`.
  if (params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter && params.context.triggerCharacter === '.' && context.kind !== 'eventProperty') {
    return { isIncomplete: false, items: [] };
  }
  const range = spanToRange(index, site.replace);
  const b = new ItemBuilder(range, site.prefix, options);
  const catalog = project.catalog;

  switch (context.kind) {
    case 'topLevel':
      b.snippet('segment block', SEGMENT_SNIPPET, 'a new segment', CompletionItemKind.Snippet, '0');
      b.keyword('segment', '1');
      break;
    case 'blockStart': {
      const present = propertiesPresent(project, path, site.blockStart);
      PROPERTY_KEYWORDS.forEach((k, i) => {
        if (!present.has(k)) b.snippet(k, PROPERTY_SNIPPETS[k].snippet, PROPERTY_SNIPPETS[k].detail, CompletionItemKind.Keyword, String(i));
      });
      break;
    }
    case 'condition':
      conditionItems(b, context.scope, catalog ? fieldsInScope(catalog, context.scope) : new Map());
      break;
    case 'operator': {
      const field = catalog ? fieldsInScope(catalog, context.scope).get(context.attribute) : undefined;
      OPERATORS.forEach((op, i) => {
        if (!field || op.types.includes(field.type)) b.snippet(op.label, op.snippet, op.detail, CompletionItemKind.Operator, String(i).padStart(2, '0'));
      });
      if (!field || field.type === 'boolean') {
        b.keyword('and', '90');
        b.keyword('or', '91');
      }
      break;
    }
    case 'value': {
      const field = catalog ? fieldsInScope(catalog, context.scope).get(context.attribute) : undefined;
      if (field) valueItems(b, field, context.scope, context.operator);
      break;
    }
    case 'event':
      if (catalog) {
        let i = 0;
        for (const event of [...catalog.events.values()].sort((a, c) => (c.count ?? 0) - (a.count ?? 0))) {
          const insert = isPlainName(event.name) ? event.name : JSON.stringify(event.name);
          b.add({
            label: event.name,
            kind: CompletionItemKind.Event,
            detail: event.count !== undefined ? `event · ${formatCount(event.count)} in the sample` : 'event',
            documentation: { kind: MarkupKind.Markdown, value: eventMarkdown(event) },
            sortText: String(i++).padStart(5, '0'),
            insert,
          });
        }
      }
      break;
    case 'eventProperty': {
      const fields = catalog ? fieldsInScope(catalog, { kind: 'event', event: context.event }) : new Map<string, FieldInfo>();
      for (const field of fields.values()) {
        // Sums, averages and extremes need numbers: those come first.
        const fits = !context.numeric || field.type === 'number';
        b.add({
          label: field.name,
          kind: CompletionItemKind.Field,
          detail: field.type + (field.description ? ` · ${firstSentence(field.description)}` : ''),
          documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(field, { kind: 'event', event: context.event }) },
          sortText: `${fits ? '0' : '1'}${field.name.toLowerCase()}`,
          insert: formatAttributeName(field.name),
        });
      }
      break;
    }
    case 'afterAggregate':
      AFTER_AGGREGATE.forEach((s, i) => b.snippet(s.label, s.snippet, s.detail, CompletionItemKind.Operator, String(i).padStart(2, '0')));
      break;
    case 'afterEvent':
      if (context.step) {
        AFTER_STEP_EVENT.forEach((s, i) => b.snippet(s.label, s.snippet, s.detail, CompletionItemKind.Keyword, String(i)));
        break;
      }
      AFTER_EVENT.forEach((s, i) => {
        if (!context.firstLast || !s.count) b.snippet(s.label, s.snippet, s.detail, CompletionItemKind.Keyword, String(i));
      });
      if (!context.firstLast) {
        b.snippet(THEN_SNIPPET.label, THEN_SNIPPET.snippet, THEN_SNIPPET.detail, CompletionItemKind.Snippet, '7');
        b.keyword('and', '8');
        b.keyword('or', '9');
      }
      break;
    case 'afterThen':
      b.snippet('did … within …', 'did ${1:event} within ${2:1} ${3|days,hours,minutes,weeks|}$0', 'the next step: its event and the most time after the step before', CompletionItemKind.Snippet, '0');
      b.snippet('did not … within …', 'did not ${1:event} within ${2:1} ${3|days,hours,minutes,weeks|}$0', 'the last step: no such event within that time (e.g. abandoned carts)', CompletionItemKind.Snippet, '1');
      b.keyword('did', '2');
      break;
    case 'sameProperty': {
      const [here, before] = context.events;
      const fields = catalog ? fieldsInScope(catalog, { kind: 'event', event: here }) : new Map<string, FieldInfo>();
      const other = catalog && before !== undefined ? fieldsInScope(catalog, { kind: 'event', event: before }) : undefined;
      for (const field of fields.values()) {
        if (field.type === 'list' || (other && !other.has(field.name))) continue;
        b.add({
          label: field.name,
          kind: CompletionItemKind.Field,
          detail: `${field.type} · a property of ${[before, here].filter((e) => e !== undefined).map((e) => `\`${e}\``).join(' and ')}`,
          insert: formatAttributeName(field.name),
        });
      }
      break;
    }
    case 'segmentId': {
      const own = site.blockStart !== undefined ? project.parsed(path)?.ast.segments.find((s) => s.span.start === site.blockStart)?.id?.text : undefined;
      for (const [id, decl] of project.analysis().segmentsById) {
        if (id === own) continue;
        const title = decl.properties.find((p) => p.kind === 'title');
        const description = decl.properties.find((p) => p.kind === 'description');
        b.add({
          label: id,
          kind: CompletionItemKind.Reference,
          detail: title?.kind === 'title' && title.value?.kind === 'string' ? title.value.value : 'segment',
          documentation: description?.kind === 'description' && description.value?.kind === 'string' ? description.value.value : undefined,
          insert: formatName(id),
        });
      }
      break;
    }
    case 'afterCondition':
      b.keyword('and', '0');
      b.keyword('or', '1');
      if (context.sequence) b.snippet(THEN_SNIPPET.label, THEN_SNIPPET.snippet, THEN_SNIPPET.detail, CompletionItemKind.Snippet, '2');
      if (context.sequence?.step) b.snippet('with same …', 'with same ${1:property}$0', 'the event before had the same value of this property (e.g. the same product)', CompletionItemKind.Snippet, '3');
      if (!context.insideParens) {
        const present = propertiesPresent(project, path, site.blockStart);
        PROPERTY_KEYWORDS.forEach((k, i) => {
          if (!present.has(k)) b.snippet(k, PROPERTY_SNIPPETS[k].snippet, PROPERTY_SNIPPETS[k].detail, CompletionItemKind.Keyword, `5${i}`);
        });
      }
      break;
    case 'none':
      break;
  }
  return { isIncomplete: false, items: b.items };
}

function conditionItems(b: ItemBuilder, scope: Scope, fields: Map<string, FieldInfo>): void {
  for (const field of fields.values()) {
    b.add({
      label: field.name,
      kind: CompletionItemKind.Field,
      detail: field.type + (field.description ? ` · ${firstSentence(field.description)}` : ''),
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(field, scope) },
      tags: field.deprecated !== undefined ? [CompletionItemTag.Deprecated] : undefined,
      sortText: `${field.deprecated !== undefined ? '2' : '0'}${field.name.toLowerCase()}`,
      insert: formatAttributeName(field.name),
    });
  }
  b.keyword('not', '1');
  if (scope.kind === 'profile') {
    b.keyword('did', '1');
    b.keyword('first', '1');
    b.keyword('last', '1');
    b.keyword('segment', '1');
    CONDITION_SNIPPETS.forEach((s) => b.snippet(s.label, s.snippet, s.detail, CompletionItemKind.Snippet, '3'));
  }
}

function valueItems(b: ItemBuilder, field: FieldInfo, scope: Scope, operator: 'compare' | 'list' | 'contains'): void {
  if (field.type === 'boolean') {
    if (operator === 'compare') {
      b.keyword('true', '0');
      b.keyword('false', '1');
    }
    return;
  }
  if (field.type !== 'string' && field.type !== 'list') return;
  if (operator === 'contains' && field.type === 'string') return;
  const counts = new Map<string, number | undefined>();
  for (const v of field.stats?.values ?? []) counts.set(v.value, v.count);
  for (const v of field.allowedValues ?? []) if (!counts.has(v)) counts.set(v, field.stats ? 0 : undefined);
  const rows = field.stats?.rows ?? 0;
  const unit = scope.kind === 'profile' ? (field.type === 'list' ? 'profiles have it' : 'profiles') : 'events';
  let i = 0;
  for (const [value, count] of counts) {
    const literal = JSON.stringify(value);
    b.add({
      label: literal,
      kind: CompletionItemKind.Value,
      detail: count === undefined ? 'allowed value' : count === 0 ? 'allowed, never seen in the sample' : `${formatCount(count)} ${unit} (${formatShare(count, rows)})`,
      sortText: String(i++).padStart(5, '0'),
      insert: literal,
    });
  }
}

function firstSentence(text: string): string {
  const m = /^(.{1,80}?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function propertiesPresent(project: ProjectSnapshot, path: string, blockStart: number | undefined): Set<string> {
  if (blockStart === undefined) return new Set();
  const decl = project.parsed(path)?.ast.segments.find((s) => s.span.start === blockStart);
  return new Set(decl?.properties.map((p) => p.kind) ?? []);
}

interface ItemSpec {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  documentation?: CompletionItem['documentation'];
  tags?: CompletionItemTag[];
  sortText?: string;
  insert: string;
  snippet?: boolean;
}

class ItemBuilder {
  readonly items: CompletionItem[] = [];

  constructor(
    private readonly range: Range,
    private readonly prefix: string,
    private readonly options: CompletionOptions,
  ) {}

  add(spec: ItemSpec): void {
    const snippet = spec.snippet === true && this.options.snippets;
    const newText = spec.snippet === true && !this.options.snippets ? plainText(spec.insert) : spec.insert;
    const item: CompletionItem = {
      label: spec.label,
      kind: spec.kind,
      textEdit: { range: this.range, newText },
      // The client filters on the text in the range, which may start with `"` or a backtick.
      filterText: this.prefix.startsWith('`') ? `\`${spec.label}` : this.prefix.startsWith('"') ? newText : spec.label,
    };
    if (snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (spec.detail) item.detail = spec.detail;
    if (spec.documentation) item.documentation = spec.documentation;
    if (spec.tags) item.tags = spec.tags;
    if (spec.sortText) item.sortText = spec.sortText;
    this.items.push(item);
  }

  keyword(word: string, sort: string): void {
    this.add({ label: word, kind: CompletionItemKind.Keyword, insert: word, sortText: `${sort}${word}` });
  }

  snippet(label: string, body: string, detail: string, kind: CompletionItemKind, sort: string): void {
    this.add({ label, kind, detail, insert: body, snippet: true, sortText: `${sort}${label}` });
  }
}

/** A snippet body for a client without snippet support: placeholders become their defaults. */
function plainText(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
}
