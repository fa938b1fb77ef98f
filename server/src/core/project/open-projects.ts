// Turns the paths a user passes to the CLI (files or folders, or nothing) into
// projects: each with its config, its segment files and which of them to report on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../base/diagnostics';
import { CONFIG_FILE_NAME, type ProjectConfig } from './config';
import { pathNature, pathNatureWords } from './files';
import { findConfigFile, listSegmentFiles, SEGMENT_EXTENSION } from './find-project';
import { defaultConfig, loadConfig } from './load-config';

/** A segment file's path and text (from disk, from the editor, or from a git commit). */
export interface SourceText {
  path: string;
  text: string;
}

export interface ProjectTarget {
  config: ProjectConfig;
  configDiagnostics: Diagnostic[];
  /** Every segment file of the project (for references and duplicate ids). */
  sources: SourceText[];
  /** The files the user asked about; diagnostics are reported for these only. */
  selected: Set<string>;
}

export class UsageError extends Error {}

/** Like eslint's "No files matching": what was looked for, and where, instead of "0 files checked". */
function nothingFound(folder: string): string {
  return (
    `no project in ${folder}: no ${CONFIG_FILE_NAME} there or in any folder above it, and no ${SEGMENT_EXTENSION} files below it ` +
    '(run this in a project folder, or name the files or folders to use)'
  );
}

/**
 * Groups paths by project. A file or folder with no config above it forms a
 * project of its own (syntax and structure checks only). Throws UsageError for
 * a path that does not exist, a file that is not a `.segment` file, or a folder
 * with neither a config at or above it nor a `.segment` file below it.
 */
export function openProjects(paths: string[], cwd: string): ProjectTarget[] {
  const inputs = paths.length > 0 ? paths : [cwd];
  const byRoot = new Map<string, ProjectTarget>();
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const nature = pathNature(path);
    if (nature === 'missing') throw new UsageError(`no such file or folder: ${input}`);
    if (nature !== 'file' && nature !== 'folder') throw new UsageError(`${input} is ${pathNatureWords(nature)}, not a .segment file or a folder`);
    const isDir = nature === 'folder';
    if (!isDir && !path.endsWith(SEGMENT_EXTENSION)) throw new UsageError(`not a .segment file: ${input}`);
    const configFile = findConfigFile(path);
    if (!configFile && isDir && listSegmentFiles(path).length === 0) throw new UsageError(nothingFound(path));
    const key = configFile ?? (isDir ? path : `file:${path}`);
    let target = byRoot.get(key);
    if (!target) {
      const { config, diagnostics } = configFile ? loadConfig(configFile) : { config: defaultConfig(isDir ? path : resolve(path, '..')), diagnostics: [] };
      const files = configFile ? listSegmentFiles(config.root) : isDir ? listSegmentFiles(path) : [path];
      target = { config, configDiagnostics: diagnostics, sources: files.map(readSource), selected: new Set() };
      byRoot.set(key, target);
    }
    const selectedFiles = isDir ? listSegmentFiles(path) : [path];
    for (const f of selectedFiles) {
      target.selected.add(f);
      if (!target.sources.some((s) => s.path === f)) target.sources.push(readSource(f));
    }
  }
  return [...byRoot.values()];
}

function readSource(path: string): SourceText {
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
