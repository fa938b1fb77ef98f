// The full editor suite (run() is what VS Code calls with extensionTestsPath).
import { runMochaFilesIn } from '../mocha-run';

export function run(): Promise<void> {
  return runMochaFilesIn(__dirname, 60_000);
}
