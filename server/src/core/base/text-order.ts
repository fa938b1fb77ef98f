// The order `<`, `<=`, `>`, `>=` and `between` use on strings: case-sensitive,
// by Unicode code point. That is the order of the UTF-8 bytes, which is what SQL
// engines give with a binary collation (DuckDB's default, PostgreSQL's `COLLATE "C"`,
// BigQuery, Snowflake and Spark byte comparison), so the evaluator and the
// generated SQL agree. ("B" < "a", "Z" < "a", "é" > "z".)
//
// JavaScript's own `<` compares UTF-16 code units, which differs from code point
// order only when a character above U+FFFF (stored as a surrogate pair,
// 0xD800–0xDFFF) meets a character in U+E000–U+FFFF. Remapping each unit moves the
// surrogates above that range and restores code point order.

function orderedUnit(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Negative when a sorts before b, 0 when equal, positive when after. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return orderedUnit(x) - orderedUnit(y);
  }
  return a.length - b.length;
}
