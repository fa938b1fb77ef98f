// The checker's entry point: every semantic diagnostic of a project's
// `.segment` files (docs/language.md#diagnostics), after parsing. Structural checks (ids, references,
// properties) always run; checks that need to know the data (names, types,
// values) run only where the catalog knows that kind of name.
import type { SegmentFile } from '../syntax/ast';
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
}

export function checkProject(input: CheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { catalog } = input;
  const attributes = catalog && catalog.attributes.size > 0 ? catalog.attributes : undefined;
  const profileScope: NameScope = { kind: 'profile', fields: attributes };
  for (const file of input.files) {
    const reporter = makeReporter(file.path, out);
    for (const decl of file.ast.segments) {
      checkProperties(decl, reporter);
      for (const prop of decl.properties) {
        if (prop.kind === 'include' || prop.kind === 'exclude') {
          checkExpression(prop.expr, profileScope, { catalog, reporter });
        }
      }
    }
  }
  checkReferences(input.files, out);
  return out.sort(compareDiagnostics);
}
