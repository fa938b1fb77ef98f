// Hovers: an attribute's type, description and distribution in the sample; an
// event's description and count; a segment's size, share, description, owner.
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { relative } from 'node:path';
import type { EventInfo, FieldInfo } from '../core/sample/catalog-types';
import type { Expr, SegmentDecl } from '../core/syntax/ast';
import { explainCondition } from '../core/explain/explain-condition';
import { nodeAt, type Scope } from './ast-lookup';
import { fieldsInScope } from './catalog-lookup';
import { spanToRange } from './convert';
import { formatCount, formatShare, plural } from '../core/text/numbers';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { sizeTitle } from '../core/workspace/size-words';

const TOP_VALUES = 8;

export function hover(project: ProjectSnapshot, path: string, offset: number): Hover | null {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return null;
  const node = nodeAt(file.ast, offset);
  if (!node) return null;
  const catalog = project.catalog;
  let markdown: string | undefined;
  let span = node.kind === 'attribute' ? node.path.span : node.kind === 'behaviour' ? node.expr.span : node.name.span;
  switch (node.kind) {
    case 'attribute': {
      const field = fieldsInScope(catalog, node.scope).get(node.path.text);
      markdown = field ? fieldMarkdown(field, node.scope) : unknownName(node.path.text, node.scope, catalog !== undefined);
      break;
    }
    case 'event': {
      const event = catalog?.events.get(node.name.text);
      markdown = event ? eventMarkdown(event) : catalog ? `unknown event \`${node.name.text}\`` : undefined;
      break;
    }
    case 'behaviour':
      markdown = behaviourMarkdown(project, node.segment, node.expr);
      break;
    case 'segmentRef':
    case 'segmentDecl': {
      const decl = project.analysis().segmentsById.get(node.name.text);
      if (!decl) return { contents: { kind: MarkupKind.Markdown, value: `unknown segment \`${node.name.text}\`` }, range: spanToRange(index, span) };
      const declPath = project.segments().find((s) => s.decl === decl)?.file;
      markdown = segmentMarkdown(project, decl, node.kind === 'segmentRef' && declPath ? declPath : undefined);
      span = node.name.span;
      break;
    }
  }
  if (!markdown) return null;
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: spanToRange(index, span) };
}

function unknownName(name: string, scope: Scope, haveCatalog: boolean): string | undefined {
  if (!haveCatalog) return undefined;
  return scope.kind === 'profile' ? `unknown attribute \`${name}\`` : `event \`${scope.event}\` has no property \`${name}\``;
}

export function fieldMarkdown(field: FieldInfo, scope: Scope): string {
  const what = scope.kind === 'profile' ? 'attribute' : `property of \`${scope.event}\``;
  const lines = [`**${field.name}** · ${field.type} ${what}`];
  if (field.deprecated !== undefined) lines.push('', `**Deprecated**${field.deprecated ? `: ${field.deprecated}` : ''}`);
  if (field.description) lines.push('', field.description);
  if (field.allowedValues && field.allowedValues.length > 0) {
    lines.push('', `Allowed values: ${field.allowedValues.map((v) => `\`${v}\``).join(', ')}`);
  }
  const stats = field.stats;
  if (stats && stats.rows > 0) {
    const unit = scope.kind === 'profile' ? 'profiles' : 'events';
    lines.push('', `In the sample (${formatCount(stats.rows)} ${unit}):`);
    if (stats.values && stats.values.length > 0) {
      lines.push('', '| value | count | share |', '|---|---:|---:|');
      for (const v of stats.values.slice(0, TOP_VALUES)) {
        lines.push(`| ${escapeCell(v.value)} | ${formatCount(v.count)} | ${formatShare(v.count, stats.rows)} |`);
      }
      const more = stats.values.length - TOP_VALUES;
      if (more > 0) lines.push('', `and ${stats.valuesCapped ? 'more than ' : ''}${plural(more, 'more value')}`);
    }
    if (stats.min !== undefined) {
      lines.push('', `min ${fmt(stats.min)} · median ${fmt(stats.median)} · max ${fmt(stats.max)}`);
    }
    lines.push('', `missing: ${formatShare(stats.missing, stats.rows)} (${formatCount(stats.missing)} of ${formatCount(stats.rows)})`);
  }
  return lines.join('\n');
}

function fmt(v: number | string | undefined): string {
  if (v === undefined) return '–';
  return typeof v === 'number' ? (Number.isInteger(v) ? formatCount(v) : String(Number(v.toFixed(2)))) : v;
}

function escapeCell(text: string): string {
  return (text === '' ? '(empty)' : text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function eventMarkdown(event: EventInfo): string {
  const lines = [`**${event.name}** · event`];
  if (event.description) lines.push('', event.description);
  if (event.count !== undefined) lines.push('', `${formatCount(event.count)} in the sample`);
  if (event.properties.size > 0) {
    lines.push('', `Properties: ${[...event.properties.values()].map((p) => `\`${p.name}\` (${p.type})`).join(', ')}`);
  }
  return lines.join('\n');
}

/** What a behaviour condition means in plain words, and how many profiles it holds for. */
function behaviourMarkdown(project: ProjectSnapshot, segment: SegmentDecl, expr: Expr): string | undefined {
  const words = explainCondition(expr);
  if (!words) return undefined;
  const count = project.conditionCount(segment, expr);
  const lines = [words];
  if (count) lines.push('', `Holds for ${formatCount(count.count)} of ${formatCount(count.total)} profiles (${formatShare(count.count, count.total)}) in the sample.`);
  return lines.join('\n');
}

export function segmentMarkdown(project: ProjectSnapshot, decl: SegmentDecl, definedIn?: string): string {
  const prop = (kind: 'title' | 'description' | 'owner'): string | undefined => {
    for (const p of decl.properties) if (p.kind === kind && p.value?.kind === 'string') return p.value.value;
    return undefined;
  };
  const title = prop('title');
  const lines = [`**segment ${decl.id?.text ?? ''}**${title ? ` — ${title}` : ''}`];
  const size = project.size(decl);
  const file = definedIn ?? project.segments().find((s) => s.decl === decl)?.file;
  const lineOf = (offset: number): number => (file ? project.lineOf(file, offset) : 0);
  lines.push('', `Size: ${sizeTitle(size, lineOf, project.config.population)}`);
  const description = prop('description');
  if (description) lines.push('', description);
  const owner = prop('owner');
  const tags = decl.properties.find((p) => p.kind === 'tags');
  const facts: string[] = [];
  if (owner) facts.push(`owner: ${owner}`);
  if (tags && tags.kind === 'tags' && tags.tags.length > 0) facts.push(`tags: ${tags.tags.map((t) => t.text).join(', ')}`);
  if (definedIn) facts.push(`in ${relative(project.config.root, definedIn) || definedIn}`);
  if (facts.length > 0) lines.push('', facts.join(' · '));
  return lines.join('\n');
}
