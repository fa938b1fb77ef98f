// Projects on disk for the workspace tests: real files in a temp folder, read
// by the real loaders, as the CLI opens them.
import { makeProject } from '../../support/cli';
import { openSnapshots, type OpenedProject, type OpenOptions } from '../../../server/src/core/workspace/open-snapshots';

export const USERS = 'user_id,age,city\nu1,30,Oslo\nu2,41,Bergen\nu3,,Oslo\n';
export const CONFIG = JSON.stringify({ sample: 'users.csv', asOf: '2026-11-01' });

/** A project with the users sample and a config (both replaceable), opened as one snapshot. */
export function openProject(files: Record<string, string>, options: OpenOptions = {}): OpenedProject & { root: string } {
  const root = makeProject({ 'segments.config.json': CONFIG, 'users.csv': USERS, ...files });
  const [opened] = openSnapshots([root], root, options);
  return { ...opened, root };
}
