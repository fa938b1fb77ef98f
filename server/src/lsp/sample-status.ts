// The state of a project's sample as the `segments/sampleStatus` notification
// tells it (protocol.ts): loading with a percentage, ready with its size and
// asOf, or an error naming the file at fault.
import type { Diagnostic } from '../core/base/diagnostics';
import { formatDay } from '../core/base/days';
import type { ProjectState } from './project-state';
import type { SampleStatus } from './protocol';

export function loadingStatus(project: ProjectState, percent: number, uriFor: (path: string) => string): SampleStatus {
  return { ...base(project, uriFor), state: 'loading', percent };
}

/** After a load: ready, an error, or undefined when the project has no sample and nothing is wrong with one. */
export function loadedStatus(project: ProjectState, uriFor: (path: string) => string): SampleStatus | undefined {
  const { config, data } = project;
  const store = data?.store;
  if (config.sample && store) {
    return { ...base(project, uriFor), state: 'ready', profiles: store.profiles.count, asOf: config.asOf ?? formatDay(project.snapshot().asOfDay) };
  }
  if (config.sample) {
    const problem = firstError(data?.diagnostics ?? []);
    return {
      ...base(project, uriFor),
      state: 'error',
      message: problem?.message ?? 'the sample could not be read',
      file: uriFor(problem?.file ?? config.sample),
    };
  }
  // `sample` set but unusable (a missing file): the config says so.
  const configProblem = project.configDiagnostics.find((d) => d.severity === 'error' && /`(sample|events)`/.test(d.message));
  if (configProblem && config.configFile) {
    return { ...base(project, uriFor), state: 'error', message: configProblem.message, file: uriFor(config.configFile) };
  }
  return undefined;
}

function base(project: ProjectState, uriFor: (path: string) => string): { project?: string; sample?: string } {
  const out: { project?: string; sample?: string } = {};
  if (project.config.configFile) out.project = uriFor(project.config.configFile);
  if (project.config.sample) out.sample = uriFor(project.config.sample);
  return out;
}

function firstError(diagnostics: Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.severity === 'error');
}
