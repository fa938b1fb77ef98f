// Turns one parsed JSON object into named cells, the way the JSON Lines reader
// makes columns of it: nested objects become dotted names (`geo.city`), arrays
// become lists of text, null is "no value" (the name is left out).
//
// Bounded on any input, by design:
// - iterative (an explicit stack): a line nested 5,000 levels deep is read
//   like any other, and an object deeper than MAX_NESTING is kept whole as one
//   cell holding its JSON text;
// - a nested object whose keys are data rather than names (a cart keyed by
//   product id, `{"p18652": 1, "p8359": 2}`) would make a column per product, each
//   as long as the file: once an object path has shown more than
//   MAX_OBJECT_KEYS distinct keys it is kept whole as one JSON text cell
//   (ObjectShapes decides, the reader reports it), so memory follows the data,
//   never rows × distinct keys.
import { jsonText } from './json-text';

/** A flattened value: text, number, boolean, or a list (array items as text). */
export type JsonCell = string | number | boolean | string[];

/** One flattened object; reused between rows, so copy what you keep. */
export interface FlatRow {
  names: string[];
  values: JsonCell[];
}

/** Objects nested deeper than this (`a.b.c…`, ten names) are kept whole as JSON text. */
export const MAX_NESTING = 10;

/** A nested object path with more distinct keys than this across the file is kept whole as JSON text. */
export const MAX_OBJECT_KEYS = 1000;

/** How an object at some path becomes one cell instead of columns: its JSON text, or the list of its keys. */
export type WholeObject = 'text' | 'keys';

/** Decisions the caller makes per object path (the schema's declarations). */
export type WholeObjectRule = (path: string) => WholeObject | undefined;

/**
 * The distinct keys seen under each nested object path, for telling a record
 * (a few fixed names: `geo.city`, `geo.country`) from a map keyed by data. Keeps
 * at most MAX_OBJECT_KEYS + 1 keys a path, then only remembers that it is wide.
 */
export class ObjectShapes {
  private readonly keys = new Map<string, Set<string>>();
  /** Wide paths, with the line on which each turned wide. */
  readonly wide = new Map<string, number>();
  /** Paths of objects kept whole for being nested too deep, with the first line of each. */
  readonly deep = new Map<string, number>();

  constructor(private readonly maxKeys = MAX_OBJECT_KEYS) {}

  isWide(path: string): boolean {
    return this.wide.has(path);
  }

  /** Notes the keys of an object at `path`; true when the path is wide (now or before). */
  observe(path: string, keys: readonly string[], line: number): boolean {
    if (this.wide.has(path)) return true;
    let seen = this.keys.get(path);
    if (!seen) this.keys.set(path, (seen = new Set()));
    for (const key of keys) {
      seen.add(key);
      if (seen.size > this.maxKeys) {
        this.keys.delete(path);
        this.wide.set(path, line);
        return true;
      }
    }
    return false;
  }
}

interface Frame {
  obj: Record<string, unknown>;
  keys: string[];
  next: number;
  prefix: string;
  depth: number;
}

/**
 * Fills `row` with the cells of `root` in document order. `whole` says which
 * paths the caller wants kept whole (declared in the schema); `shapes` decides
 * for the rest and learns from this row.
 */
export function flattenInto(
  root: Record<string, unknown>,
  row: FlatRow,
  shapes: ObjectShapes,
  line: number,
  whole?: WholeObjectRule,
): void {
  row.names.length = 0;
  row.values.length = 0;
  const stack: Frame[] = [{ obj: root, keys: Object.keys(root), next: 0, prefix: '', depth: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next === frame.keys.length) {
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.next++];
    const value = frame.obj[key];
    const name = frame.prefix + key;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      row.names.push(name);
      row.values.push(listItems(value));
    } else if (typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      const depth = frame.depth + 1;
      let as = whole?.(name);
      if (as === undefined && depth > MAX_NESTING) {
        as = 'text';
        if (!shapes.deep.has(name)) shapes.deep.set(name, line);
      } else if (as === undefined && shapes.observe(name, keys, line)) {
        as = 'text';
      }
      if (as === undefined) {
        stack.push({ obj, keys, next: 0, prefix: `${name}.`, depth });
      } else {
        row.names.push(name);
        row.values.push(as === 'keys' ? keys : jsonText(obj));
      }
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      row.names.push(name);
      row.values.push(value);
    }
  }
}

/** Array items as text: null items dropped, objects and arrays as their JSON text. */
function listItems(items: unknown[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    out.push(typeof item === 'object' ? jsonText(item) : String(item));
  }
  return out;
}
