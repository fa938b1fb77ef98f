// The checker's entry point: every semantic diagnostic of a project's
// `.segment` files (docs/language.md#diagnostics), after parsing. Structural checks (ids, references,
// properties) always run; checks that need to know the data (names, types,
// values) run only where the catalog knows that kind of name.
import type { SegmentDecl, SegmentFile } from '../syntax/ast';
import type { Catalog } from '../sample/catalog-types';
import { compareDiagnostics, type Diagnostic } from '../base/diagnostics';
import { makeReporter, type NameScope } from './context';
import { checkExpression } from './expressions';
import { checkProperties } from './properties';
import { checkReferences } from './references';

export interface CheckInput {
  files: { path: string; ast: SegmentFile }[];
  /** Undefined when the files belong to no project with a config: only structural checks run. */
  catalog?: Catalog;
  /**
   * A block's own diagnostics from an earlier check, by its AST object: a block
   * that was not re-parsed (the parser's block cache returns the same object)
   * in the same file, checked against the same catalog, has the same ones.
   */
  blockChecks?: BlockChecks;
}

export type BlockChecks = WeakMap<SegmentDecl, { path: string; catalog: Catalog | undefined; diagnostics: Diagnostic[] }>;

export function checkProject(input: CheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { catalog } = input;
  const attributes = catalog && catalog.attributes.size > 0 ? catalog.attributes : undefined;
  const profileScope: NameScope = { kind: 'profile', fields: attributes };
  for (const file of input.files) {
    for (const decl of file.ast.segments) {
      // What one block says about itself depends on nothing but the block and the catalog; references across blocks are checked below.
      const kept = input.blockChecks?.get(decl);
      if (kept && kept.path === file.path && kept.catalog === catalog) {
        out.push(...kept.diagnostics);
        continue;
      }
      const own: Diagnostic[] = [];
      const reporter = makeReporter(file.path, own);
      checkProperties(decl, reporter);
      for (const prop of decl.properties) {
        if (prop.kind === 'include' || prop.kind === 'exclude') {
          checkExpression(prop.expr, profileScope, { catalog, reporter });
        }
      }
      input.blockChecks?.set(decl, { path: file.path, catalog, diagnostics: own });
      out.push(...own);
    }
  }
  checkReferences(input.files, out);
  return out.sort(compareDiagnostics);
}
