// How a name must be written in a `.segment` file so that it reads back as the
// same name: plain identifiers as they are, anything else (spaces, a leading
// digit, a keyword) in backticks (docs/language.md#words-and-values). Used by every fix that inserts a
// name, so a quick fix never produces text that parses differently.

/** Every word the grammar treats as a keyword somewhere; see syntax/tokens.ts. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'segment', 'title', 'description', 'owner', 'tags', 'include', 'exclude',
  'or', 'and', 'not', 'in', 'between', 'is', 'missing', 'present', 'contains', 'any', 'all',
  'starts', 'ends', 'with', 'before', 'after', 'within', 'last', 'more', 'than', 'ago',
  'did', 'where', 'at', 'least', 'most', 'exactly', 'times', 'time', 'since', 'first',
  'sum', 'average', 'min', 'max', 'distinct', 'count', 'of', 'then', 'same', 'minute', 'minutes', 'hour', 'hours',
  'true', 'false', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when the name can be written without backticks. */
export function isPlainName(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

/**
 * One name (a segment id, an event, a tag, one part of a path) as source text:
 * `city` → `city`, `Preferred channel` → `` `Preferred channel` ``, `title` → `` `title` ``.
 */
export function formatName(name: string): string {
  return isPlainName(name) ? name : `\`${name}\``;
}

/**
 * An attribute name as source text. Nested JSON fields are named `geo.city` in the
 * catalog; each part is written on its own so the dots stay separators
 * (`geo.city`, ``geo.`Postal code` ``). A name with an empty part cannot be
 * written as parts, so it goes whole in backticks (which also reads back as the same text).
 */
export function formatAttributeName(name: string): string {
  if (isPlainName(name)) return name;
  const parts = name.split('.');
  if (parts.some((p) => p === '')) return `\`${name}\``;
  return parts.map(formatName).join('.');
}

/** Wraps source text for a message, the way Markdown does when the text itself holds backticks. */
export function inCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
