// What every check module gets: the file being checked, a way to report, and
// the names conditions can refer to where they stand (profile attributes at the
// top level, an event's properties inside `did … where (…)`).
import type { Span } from '../base/span';
import { diagnostic, type Diagnostic, type Fix, type RelatedInformation } from '../base/diagnostics';
import type { EventInfo, FieldInfo } from '../sample/catalog-types';
import { severityOf, type CheckCode } from './codes';

export interface Reporter {
  file: string;
  report(code: CheckCode, span: Span, message: string, extra?: { fixes?: Fix[]; related?: RelatedInformation[] }): void;
}

export function makeReporter(file: string, out: Diagnostic[]): Reporter {
  return {
    file,
    report(code, span, message, extra = {}) {
      out.push(diagnostic(file, span, severityOf(code), code, message, extra));
    },
  };
}

/** A fix that replaces one span of the diagnostic's file. */
export function replaceFix(title: string, span: Span, newText: string): Fix {
  return { title, edits: [{ span, newText }] };
}

/**
 * The names a condition can refer to. `fields` is undefined when nothing is known
 * about them (no catalog, a catalog without attributes, an unknown event): then
 * name, type and value checks are skipped rather than guessed.
 */
export type NameScope =
  | { kind: 'profile'; fields: Map<string, FieldInfo> | undefined }
  | { kind: 'event'; event: EventInfo | undefined; eventName: string; fields: Map<string, FieldInfo> | undefined };

/**
 * The event's own time. The evaluator lets a where-filter test it as a date
 * unless the event has a property of that name, and so does the checker.
 */
export const TIMESTAMP_PROPERTY: FieldInfo = {
  name: 'timestamp',
  type: 'date',
  description: 'When the event happened.',
  source: 'sample',
};

const fieldsWithTimestamp = new WeakMap<EventInfo, Map<string, FieldInfo>>();

export function eventScope(eventName: string, event: EventInfo | undefined): NameScope {
  // An event known by name only (a schema entry without properties) says
  // nothing about which properties exist, so names are not checked.
  if (!event || event.properties.size === 0) return { kind: 'event', event, eventName, fields: undefined };
  let fields = fieldsWithTimestamp.get(event);
  if (!fields) {
    fields = event.properties.has('timestamp')
      ? event.properties
      : new Map([...event.properties, ['timestamp', TIMESTAMP_PROPERTY]]);
    fieldsWithTimestamp.set(event, fields);
  }
  return { kind: 'event', event, eventName, fields };
}
