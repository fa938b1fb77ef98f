// The schema file (`schema.json`) after validation: declared attributes and
// events. Declarations win over what is inferred from the sample.
import type { ValueType } from '../base/value-type';

export interface FieldDeclaration {
  type: ValueType;
  description?: string;
  /** Allowed values (`values` in the schema), as strings. */
  values?: string[];
  /** Deprecation hint; present (possibly empty) when the field is deprecated. */
  deprecated?: string;
  /** `"pii": true`: personal data; the insight panel shows its values masked. */
  pii?: boolean;
}

export interface EventDeclaration {
  description?: string;
  properties: Map<string, FieldDeclaration>;
}

export interface SchemaDocument {
  attributes: Map<string, FieldDeclaration>;
  events: Map<string, EventDeclaration>;
}
