// JSON text of a parsed value, written with an explicit stack: JSON.stringify
// recurses, so a value nested a few thousand levels deep (which JSON.parse,
// iterative in V8, accepts) would overflow the stack. Same output as
// JSON.stringify for values JSON.parse produced.

type Frame =
  | { kind: 'array'; items: unknown[]; next: number }
  | { kind: 'object'; obj: Record<string, unknown>; keys: string[]; next: number; wrote: boolean };

export function jsonText(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Writes a scalar, or opens a container (its items are written as the loop pops them).
  const write = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      out.push('[');
      stack.push({ kind: 'array', items: v, next: 0 });
    } else {
      out.push('{');
      stack.push({ kind: 'object', obj: v as Record<string, unknown>, keys: Object.keys(v), next: 0, wrote: false });
    }
  };
  write(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.kind === 'array') {
      if (top.next === top.items.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (top.next > 0) out.push(',');
      const item = top.items[top.next++];
      write(item === undefined || typeof item === 'function' ? null : item);
    } else {
      if (top.next === top.keys.length) {
        out.push('}');
        stack.pop();
        continue;
      }
      const key = top.keys[top.next++];
      const v = top.obj[key];
      if (v === undefined || typeof v === 'function') continue;
      if (top.wrote) out.push(',');
      top.wrote = true;
      out.push(JSON.stringify(key), ':');
      write(v);
    }
  }
  return out.join('');
}
