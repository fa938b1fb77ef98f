// The project settings for a file or folder: its segments.config.json, validated,
// or the defaults when there is none.
import type { Diagnostic } from '../base/diagnostics';
import type { ProjectConfig } from './config';
import { findConfigFile, projectRootFor } from './find-project';
import { defaultConfig, loadConfig } from './load-config';

export function resolveProject(startPath: string): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  const configFile = findConfigFile(startPath);
  if (configFile) return loadConfig(configFile);
  return { config: defaultConfig(projectRootFor(startPath)), diagnostics: [] };
}
