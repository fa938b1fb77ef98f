// `segments-language-server`: the language server over stdio (or Node IPC /
// a socket, as vscode-languageclient asks), for any LSP editor.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, SERVER_VERSION, startServer } from './server';

const HELP = `${SERVER_NAME} ${SERVER_VERSION}
The language server for .segment files (Language Server Protocol).

Usage:
  ${SERVER_NAME} --stdio        talk LSP over stdin/stdout (what most editors use)
  ${SERVER_NAME} --node-ipc     talk LSP over Node IPC (vscode-languageclient)
  ${SERVER_NAME} --socket=PORT  talk LSP over a TCP socket
  ${SERVER_NAME} --version      print the version
  ${SERVER_NAME} --help         print this help

Settings (workspace/configuration, section "segments"):
  preview.enabled    sizes above segments and per-condition counts (default true)
  debounceMs         wait after the last keystroke before checking (default 200)
  sample.rowLimit    read at most this many profiles from the sample
  sample.memoryLimitMB  stop loading a sample that needs more memory than this (default 2048)
  sample.cache       keep the loaded sample in the project's .segments-cache/ (default true)
`;

function main(argv: string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  if (argv.includes('--stdio')) {
    const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    // The editor went away without `exit`: do not linger.
    process.stdin.on('end', () => process.exit(0));
    startServer(connection);
    return;
  }
  if (argv.some((a) => a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe=') || a.startsWith('--clientProcessId'))) {
    startServer(createConnection(ProposedFeatures.all));
    return;
  }
  process.stderr.write(`${SERVER_NAME}: say how to talk to the editor, e.g. --stdio\n\n${HELP}`);
  process.exitCode = 2;
}

main(process.argv.slice(2));
