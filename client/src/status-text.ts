// What the status-bar item says about a project's sample. Kept free of the
// `vscode` module so it is tested with the plain Node test runner.
import type { SampleStatus } from './protocol';

export interface StatusView {
  /** Status-bar text; `$(name)` is a codicon. */
  text: string;
  tooltip: string;
  /** The file a click opens, when there is one. */
  target?: string;
  isError: boolean;
}

const counts = new Intl.NumberFormat('en-US');

export function statusView(status: SampleStatus): StatusView {
  switch (status.state) {
    case 'loading': {
      const percent = Math.max(0, Math.min(100, Math.round(Number.isFinite(status.percent) ? status.percent : 0)));
      return {
        text: `$(loading~spin) Loading sample ${percent}%`,
        tooltip: 'Reading the sample profiles and events; sizes appear when it is done.',
        target: status.sample,
        isError: false,
      };
    }
    case 'ready':
      return {
        text: `${counts.format(status.profiles)} profile${status.profiles === 1 ? '' : 's'} · asOf ${status.asOf}`,
        tooltip: `Sizes are counted on ${counts.format(status.profiles)} sample profiles, with relative windows counting back from ${status.asOf}. Click to open the sample.`,
        target: status.sample,
        isError: false,
      };
    case 'error':
      return {
        text: '$(error) Sample error',
        tooltip: `${status.message}\nClick to open the file.`,
        target: status.file,
        isError: true,
      };
  }
}

/**
 * The project whose status belongs to a document: the one whose folder holds
 * the document most closely (a project key is the URI of its
 * segments.config.json, or of a loose .segment file); with one project only,
 * that one.
 */
export function projectForDocument(projects: readonly string[], documentUri: string | undefined): string | undefined {
  if (projects.length === 1) return projects[0];
  if (!documentUri) return undefined;
  let best: string | undefined;
  let bestLength = -1;
  for (const project of projects) {
    if (project === documentUri) return project;
    const folder = project.endsWith('/segments.config.json') ? project.slice(0, -'segments.config.json'.length) : undefined;
    if (folder && documentUri.startsWith(folder) && folder.length > bestLength) {
      best = project;
      bestLength = folder.length;
    }
  }
  return best;
}
