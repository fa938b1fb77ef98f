// Names that refer to data: attributes, events and event properties. Unknown
// ones are errors with "did you mean"; deprecated ones are warnings with the
// schema's hint. Skipped when the catalog knows nothing about that kind of name.
import type { EventRef, Path } from '../syntax/ast';
import type { Catalog, EventInfo, FieldInfo } from '../sample/catalog-types';
import { eventScope, replaceFix, type NameScope, type Reporter } from './context';
import { formatAttributeName, formatName } from './format-name';
import { closestName, differsOnlyInCase } from '../text/did-you-mean';

const suggestionCache = new WeakMap<object, Map<string, string | undefined>>();

/** Did-you-mean, remembered per candidate set so a name misspelt a hundred times costs one search. */
function suggestionFor(word: string, candidates: Map<string, unknown>): string | undefined {
  let cache = suggestionCache.get(candidates);
  if (!cache) {
    cache = new Map();
    suggestionCache.set(candidates, cache);
  }
  if (cache.has(word)) return cache.get(word);
  const found = closestName(word, candidates.keys());
  cache.set(word, found);
  return found;
}

function didYouMean(word: string, suggestion: string | undefined): string {
  if (suggestion === undefined) return '';
  const caseHint = differsOnlyInCase(word, suggestion) ? ' Names are case-sensitive.' : '';
  return `; did you mean \`${suggestion}\`?${caseHint}`;
}

/** A path the parser made up while recovering (an empty part) is not a name the user wrote. */
export function isUsablePath(path: Path): boolean {
  return path.parts.length > 0 && path.parts.every((p) => p.text !== '') && path.span.end > path.span.start;
}

/**
 * The field a condition tests, reporting it when unknown or deprecated.
 * Undefined when unknown, or when the scope knows no names at all.
 */
export function resolveField(path: Path, scope: NameScope, r: Reporter): FieldInfo | undefined {
  if (!scope.fields || !isUsablePath(path)) return undefined;
  const field = scope.fields.get(path.text);
  if (!field) {
    reportUnknownField(path, scope, scope.fields, r);
    return undefined;
  }
  if (field.deprecated !== undefined) reportDeprecated(path, field, scope.fields, r);
  return field;
}

function reportUnknownField(path: Path, scope: NameScope, fields: Map<string, FieldInfo>, r: Reporter): void {
  const suggestion = suggestionFor(path.text, fields);
  const fixes = suggestion === undefined ? [] : [replaceFix(`Change to \`${suggestion}\``, path.span, formatAttributeName(suggestion))];
  if (scope.kind === 'profile') {
    const tail = suggestion === undefined ? ': neither the schema nor the sample has it' : didYouMean(path.text, suggestion);
    r.report('unknown-attribute', path.span, `unknown attribute \`${path.text}\`${tail}`, { fixes });
  } else {
    const tail = suggestion === undefined ? '' : didYouMean(path.text, suggestion);
    r.report('unknown-event-property', path.span, `event \`${scope.eventName}\` has no property \`${path.text}\`${tail}`, { fixes });
  }
}

function reportDeprecated(path: Path, field: FieldInfo, fields: Map<string, FieldInfo>, r: Reporter): void {
  const hint = field.deprecated?.trim() ?? '';
  const replacement = replacementNamedIn(hint, field.name, fields);
  const fixes = replacement === undefined ? [] : [replaceFix(`Change to \`${replacement}\``, path.span, formatAttributeName(replacement))];
  r.report('deprecated-attribute', path.span, `\`${path.text}\` is deprecated${hint ? `: ${hint}` : ''}`, { fixes });
}

/** The first name in a deprecation hint ("use engagement_score") that is another, current field. */
function replacementNamedIn(hint: string, own: string, fields: Map<string, FieldInfo>): string | undefined {
  for (const m of hint.matchAll(/`([^`]+)`|[A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z_]/g)) {
    const word = m[1] ?? m[0];
    const field = fields.get(word);
    if (field && word !== own && field.deprecated === undefined) return word;
  }
  return undefined;
}

/**
 * The scope of a `did … where (…)`: the event's properties. Reports the event
 * when the catalog knows events but not this one.
 */
export function resolveEvent(did: EventRef, catalog: Catalog | undefined, r: Reporter): NameScope {
  const name = did.event.text;
  const events = catalog?.events;
  if (!events || events.size === 0 || name === '' || did.event.span.end <= did.event.span.start) {
    return eventScope(name, undefined);
  }
  const event: EventInfo | undefined = events.get(name);
  if (!event) {
    const suggestion = suggestionFor(name, events);
    const newText = suggestion === undefined ? '' : did.eventIsString ? JSON.stringify(suggestion) : formatName(suggestion);
    const tail = suggestion === undefined ? ': neither the schema nor the events sample has it' : didYouMean(name, suggestion);
    r.report('unknown-event', did.event.span, `unknown event \`${name}\`${tail}`, {
      fixes: suggestion === undefined ? [] : [replaceFix(`Change to \`${suggestion}\``, did.event.span, newText)],
    });
  }
  return eventScope(name, event);
}
