// Rename a segment: its declaration and every reference, across files. The new
// name is checked first: not empty, writable as a name, not taken by another
// segment of the project. A name that is a keyword or has spaces is written in
// backticks, as the language allows.
import { ErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { formatName } from '../core/check/format-name';
import { nodeAt } from './ast-lookup';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { declarationsOf, referencesOf } from './segment-index';
import { relative } from 'node:path';

export function prepareRename(project: ProjectSnapshot, path: string, offset: number): { range: Range; placeholder: string } {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  const node = file ? nodeAt(file.ast, offset) : undefined;
  if (!index || !node || (node.kind !== 'segmentRef' && node.kind !== 'segmentDecl') || node.name.text === '') {
    throw new ResponseError(ErrorCodes.InvalidRequest, 'Only segment ids can be renamed: put the cursor on the id after `segment`.');
  }
  return { range: spanToRange(index, node.name.span), placeholder: node.name.text };
}

/** The name as the user meant it: surrounding backticks dropped. Throws when it cannot be a segment id. */
export function validateNewName(newName: string): string {
  let name = newName.trim();
  if (name.length >= 2 && name.startsWith('`') && name.endsWith('`')) name = name.slice(1, -1);
  if (name === '') throw new ResponseError(ErrorCodes.InvalidParams, 'A segment id cannot be empty.');
  if (/[`\r\n\u0000-\u001f]/.test(name)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` cannot be a segment id: ids cannot hold backticks, line breaks or control characters.`);
  }
  return name;
}

export function rename(project: ProjectSnapshot, path: string, offset: number, newName: string, uriFor: (path: string) => string): WorkspaceEdit {
  const { placeholder: oldId } = prepareRename(project, path, offset);
  const id = validateNewName(newName);
  if (id === oldId) return { changes: {} };
  const taken = declarationsOf(project, id)[0];
  if (taken) {
    const line = (project.lineIndex(taken.path)?.positionAt(taken.name.span.start).line ?? 0) + 1;
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `A segment \`${id}\` already exists (${relative(project.config.root, taken.path) || taken.path}:${line}); segment ids are unique across the project.`,
    );
  }
  const changes: Record<string, TextEdit[]> = {};
  const newText = formatName(id);
  for (const site of [...declarationsOf(project, oldId), ...referencesOf(project, oldId)]) {
    const index = project.lineIndex(site.path);
    if (!index) continue;
    (changes[uriFor(site.path)] ??= []).push({ range: spanToRange(index, site.name.span), newText });
  }
  return { changes };
}
