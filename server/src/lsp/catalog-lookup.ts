// Names the catalog knows where a condition stands: profile attributes at the
// top level, the event's properties (and its `timestamp`) inside `did … where`.
import { TIMESTAMP_PROPERTY } from '../core/check/context';
import type { Catalog, FieldInfo } from '../core/sample/catalog-types';
import type { Scope } from './ast-lookup';

export function fieldsInScope(catalog: Catalog | undefined, scope: Scope): Map<string, FieldInfo> {
  if (!catalog) return new Map();
  if (scope.kind === 'profile') return catalog.attributes;
  const event = catalog.events.get(scope.event);
  if (!event) return new Map();
  if (event.properties.has('timestamp')) return event.properties;
  return new Map([...event.properties, ['timestamp', TIMESTAMP_PROPERTY]]);
}
