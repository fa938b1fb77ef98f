// Segment ids across the whole project (docs/language.md#segments): unique, every `segment ID`
// reference names one of them, and references never form a cycle.
import type { SegmentDecl, SegmentFile, SegmentRefExpr } from '../syntax/ast';
import { walkExpr } from '../syntax/ast';
import type { Diagnostic } from '../base/diagnostics';
import { makeReporter, replaceFix } from './context';
import { formatName } from './format-name';
import { closestName } from '../text/did-you-mean';

export interface ProjectFile {
  path: string;
  ast: SegmentFile;
}

interface Definition {
  file: string;
  decl: SegmentDecl;
}

interface Reference {
  file: string;
  from: string;
  ref: SegmentRefExpr;
}

/** The file name without its folder, for messages (core code stays free of `node:path`). */
function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Cycles longer than this are shown shortened in the message. */
const MAX_CYCLE_SHOWN = 12;
/** Above this many segments in one cycle, shortest cycles per reference would cost too much. */
const MAX_EXACT_COMPONENT = 64;

export function checkReferences(files: readonly ProjectFile[], out: Diagnostic[]): void {
  const definitions = collectDefinitions(files, out);
  const references: Reference[] = [];
  for (const f of files) {
    for (const decl of f.ast.segments) {
      for (const prop of decl.properties) {
        if (prop.kind !== 'include' && prop.kind !== 'exclude') continue;
        walkExpr(prop.expr, (e, insideWhere) => {
          // Inside `did … where` a reference is an error of its own (segment-in-event-filter).
          if (e.kind === 'segmentRef' && !insideWhere && e.id.text !== '') {
            references.push({ file: f.path, from: decl.id?.text ?? '', ref: e });
          }
        });
      }
    }
  }
  checkUnknownReferences(references, definitions, out);
  checkCycles(references, definitions, out);
}

/** The first definition of each id; reports the later ones. */
function collectDefinitions(files: readonly ProjectFile[], out: Diagnostic[]): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  for (const f of files) {
    const r = makeReporter(f.path, out);
    for (const decl of f.ast.segments) {
      const id = decl.id;
      if (!id || id.text === '') continue;
      const first = definitions.get(id.text);
      if (!first) {
        definitions.set(id.text, { file: f.path, decl });
        continue;
      }
      const where = first.file === f.path ? 'in this file' : `in \`${fileName(first.file)}\``;
      r.report('duplicate-segment', id.span, `segment \`${id.text}\` is already defined ${where}; segment ids must be unique across the project`, {
        related: [{ file: first.file, span: first.decl.id!.span, message: `\`${id.text}\` is first defined here` }],
      });
    }
  }
  return definitions;
}

function checkUnknownReferences(references: Reference[], definitions: Map<string, Definition>, out: Diagnostic[]): void {
  const suggestions = new Map<string, string | undefined>();
  for (const { file, ref } of references) {
    const name = ref.id.text;
    if (definitions.has(name)) continue;
    if (!suggestions.has(name)) suggestions.set(name, closestName(name, definitions.keys()));
    const suggestion = suggestions.get(name);
    const tail = suggestion === undefined ? ': no segment of the project has that id' : `; did you mean \`${suggestion}\`?`;
    makeReporter(file, out).report('unknown-segment', ref.id.span, `unknown segment \`${name}\`${tail}`, {
      fixes: suggestion === undefined ? [] : [replaceFix(`Change to \`${suggestion}\``, ref.id.span, formatName(suggestion))],
    });
  }
}

function checkCycles(references: Reference[], definitions: Map<string, Definition>, out: Diagnostic[]): void {
  const edges = references.filter((e) => e.from !== '' && definitions.has(e.ref.id.text));
  if (edges.length === 0) return;
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    const next = graph.get(e.from);
    if (next) {
      if (!next.includes(e.ref.id.text)) next.push(e.ref.id.text);
    } else graph.set(e.from, [e.ref.id.text]);
  }
  const component = stronglyConnectedComponents(graph);
  const sizes = new Map<number, number>();
  for (const c of component.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const viaRoot = new Map<number, RootPaths>();

  for (const e of edges) {
    const from = e.from;
    const to = e.ref.id.text;
    const c = component.get(from);
    if (c === undefined || c !== component.get(to)) continue;
    const size = sizes.get(c) ?? 0;
    if (size === 1 && from !== to) continue;
    let view: CycleView;
    if (from === to) view = fullView([from, from]);
    else if (size <= MAX_EXACT_COMPONENT) view = fullView([from, ...shortestPath(graph, to, from, component, c)]);
    else {
      let paths = viaRoot.get(c);
      if (!paths) {
        paths = rootPaths(graph, from, component, c);
        viaRoot.set(c, paths);
      }
      view = walkThroughRoot(paths, from, to);
    }
    makeReporter(e.file, out).report(
      'reference-cycle',
      e.ref.span,
      `reference cycle \`${showCycle(view)}\`: a segment cannot depend on itself, directly or through other segments`,
    );
  }
}

/** A cycle as shown: its first and last segments, and how many are left out between them. */
interface CycleView {
  head: string[];
  hidden: number;
  tail: string[];
}

const HEAD_SHOWN = 5;
const TAIL_SHOWN = 3;

function fullView(cycle: string[]): CycleView {
  if (cycle.length <= MAX_CYCLE_SHOWN) return { head: cycle, hidden: 0, tail: [] };
  return { head: cycle.slice(0, HEAD_SHOWN), hidden: cycle.length - HEAD_SHOWN - TAIL_SHOWN, tail: cycle.slice(-TAIL_SHOWN) };
}

function showCycle(view: CycleView): string {
  const head = view.head.map(formatName).join(' -> ');
  const tail = view.tail.map(formatName).join(' -> ');
  if (view.hidden > 0) return `${head} -> … (${view.hidden} more) -> ${tail}`;
  return tail ? `${head} -> ${tail}` : head;
}

/** Tarjan's algorithm, iterative so a long chain of references cannot overflow the stack. */
function stronglyConnectedComponents(graph: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const successors = graph.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const w = successors[frame.next++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.set(w, components);
        } while (w !== frame.node);
        components++;
      }
    }
  }
  return component;
}

/** A shortest path from `from` to `to` inside one component, both ends included. */
function shortestPath(graph: Map<string, string[]>, from: string, to: string, component: Map<string, number>, c: number): string[] {
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length && !parent.has(to); i++) {
    for (const w of graph.get(queue[i]) ?? []) {
      if (component.get(w) !== c || parent.has(w)) continue;
      parent.set(w, queue[i]);
      queue.push(w);
    }
  }
  const path: string[] = [];
  for (let n = to; n !== from; n = parent.get(n)!) path.push(n);
  path.push(from);
  return path.reverse();
}

interface RootPaths {
  root: string;
  /** Next segment on a shortest path to the root, and the number of steps. */
  toRoot: Map<string, string>;
  stepsToRoot: Map<string, number>;
  /** The last segments before the root on that path, nearest the root last (for the end of a shown cycle). */
  lastBeforeRoot: Map<string, string[]>;
  /** Previous segment on a shortest path from the root, and the number of steps. */
  fromRoot: Map<string, string>;
  stepsFromRoot: Map<string, number>;
}

/**
 * For a large component: breadth-first trees from one root, forwards and
 * backwards, so any reference's cycle can be closed through the root, and shown,
 * in constant time per reference.
 */
function rootPaths(graph: Map<string, string[]>, root: string, component: Map<string, number>, c: number): RootPaths {
  const reverse = new Map<string, string[]>();
  for (const [v, next] of graph) {
    if (component.get(v) !== c) continue;
    for (const w of next) {
      if (component.get(w) !== c) continue;
      const list = reverse.get(w);
      if (list) list.push(v);
      else reverse.set(w, [v]);
    }
  }
  const tree = (edges: Map<string, string[]>) => {
    const parent = new Map<string, string>([[root, root]]);
    const steps = new Map<string, number>([[root, 0]]);
    // Ancestors within TAIL_SHOWN steps of the root, the farthest first; shared, never mutated.
    const nearRoot = new Map<string, string[]>([[root, []]]);
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i];
      for (const w of edges.get(q) ?? []) {
        if (component.get(w) !== c || parent.has(w)) continue;
        parent.set(w, q);
        const d = steps.get(q)! + 1;
        steps.set(w, d);
        nearRoot.set(w, d <= TAIL_SHOWN ? [w, ...nearRoot.get(q)!] : nearRoot.get(q)!);
        queue.push(w);
      }
    }
    return { parent, steps, nearRoot };
  };
  const forward = tree(graph);
  const backward = tree(reverse);
  return {
    root,
    toRoot: backward.parent,
    stepsToRoot: backward.steps,
    lastBeforeRoot: backward.nearRoot,
    fromRoot: forward.parent,
    stepsFromRoot: forward.steps,
  };
}

/**
 * The cycle `from -> to -> … -> root -> … -> from`, shown by its ends: the head
 * is read forwards from `from`, the tail backwards from `from` along the tree.
 */
function walkThroughRoot(paths: RootPaths, from: string, to: string): CycleView {
  // Nodes from `from` to the root inclusive, then from just after the root back to `from`.
  const outward = 2 + paths.stepsToRoot.get(to)!;
  const back = paths.stepsFromRoot.get(from)!;
  const total = outward + back;
  const forwardNodes = (limit: number) => {
    const nodes = [from];
    for (let n = to; nodes.length < Math.min(limit, outward); n = paths.toRoot.get(n)!) nodes.push(n);
    return nodes;
  };
  const backwardNodes = (limit: number) => {
    const nodes: string[] = [];
    for (let n = from; nodes.length < Math.min(limit, back); n = paths.fromRoot.get(n)!) nodes.unshift(n);
    return nodes;
  };
  if (total <= MAX_CYCLE_SHOWN) return { head: [...forwardNodes(outward), ...backwardNodes(back)], hidden: 0, tail: [] };
  const head = forwardNodes(HEAD_SHOWN);
  // The end of the outward part (…, root) then the way back; the walk is long, so these never reach the head.
  const outwardEnd = [...(paths.lastBeforeRoot.get(to) ?? []), paths.root];
  const tail = [...outwardEnd, ...backwardNodes(TAIL_SHOWN)].slice(-TAIL_SHOWN);
  return { head, hidden: total - head.length - tail.length, tail };
}
