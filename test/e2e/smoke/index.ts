// The smaller suite run against the installed VSIX.
import { runMochaFilesIn } from '../mocha-run';

export function run(): Promise<void> {
  return runMochaFilesIn(__dirname, 60_000);
}
