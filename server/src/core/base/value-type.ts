// The types an attribute, an event property or a sample column can have: what
// the schema declares, what the loaders infer, what the checker and the SQL
// compiler reason about.

export type ValueType = 'number' | 'string' | 'boolean' | 'date' | 'list';
