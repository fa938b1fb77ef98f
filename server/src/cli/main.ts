// The `segments` command line: argument parsing and exit codes only; each
// command lives in commands/ and calls the same core as the language server.
// Exit status: 0 fine, 1 the files have errors, 2 bad usage or unreadable input.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/project/open-projects';
import { wantsColor } from './color';
import { commandHelp, programHelp } from './help';
import { CHECK_FORMATS, runCheck, type CheckFormat } from './commands/check';
import { parsePercent, runDiff, type DiffFormat } from './commands/diff';
import { runFmt } from './commands/fmt';
import { runSize, type SizeOptions } from './commands/size';
import { runSql } from './commands/sql';
import { runOverlap, type OverlapFormat } from './commands/overlap';
import { DIALECTS, type Dialect } from '../core/sql/dialects';
import type { CliIo } from './io';
import { timingsFromEnvironment, withTimings } from './report/timings-report';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

declare const SEGMENTS_VERSION: string | undefined;

const NO_CACHE_HELP = "parse the sample even when .segments-cache/ holds it, and leave the cache as it is";
const TIMINGS_HELP = 'after the output, print to stderr where the time went, phase by phase (or set SEGMENTS_TIMINGS=1)';

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const timedRun = async (opts: { timings?: boolean }, command: () => number | Promise<number>): Promise<void> =>
    setExit(await withTimings(opts.timings === true || io.timings === true, io, command));
  const program = new Command('segments')
    .description('Check, format, size and compile audience segments (.segment files).')
    .version(version(), '-v, --version', 'print the version')
    // -V as well, the commander and Unix default that scripts may already use.
    .addOption(new Option('-V').hideHelp())
    .on('option:V', () => {
      io.out(`${version()}\n`);
      throw new CommanderError(EXIT_OK, 'commander.version', version());
    })
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .addHelpText('after', programHelp())
    .exitOverride();

  program
    .command('check')
    .addHelpText('after', commandHelp('check'))
    .description('report every problem in the segment files (exit 1 on errors)')
    .argument('[paths...]', 'files or folders (default: the project of the current folder)')
    .addOption(new Option('--format <format>', 'output format (github: workflow annotations; sarif: code scanning)').choices([...CHECK_FORMATS]).default('text'))
    .option('--no-cache', NO_CACHE_HELP)
    .option('--timings', TIMINGS_HELP)
    .action((paths: string[], opts: { format: CheckFormat; cache: boolean; timings?: boolean }) =>
      timedRun(opts, () => runCheck(paths, opts.format, io, version(), { cache: opts.cache })),
    );

  program
    .command('fmt')
    .addHelpText('after', commandHelp('fmt'))
    .description('rewrite segment files in the canonical layout')
    .argument('[paths...]', 'files or folders (default: the project of the current folder)')
    .option('--check', 'change nothing; exit 1 when a file is not formatted')
    .action((paths: string[], opts: { check?: boolean }) => setExit(runFmt(paths, opts.check === true, io)));

  program
    .command('size')
    .addHelpText('after', commandHelp('size'))
    .description("each segment's members in the sample, share, and estimated audience")
    .argument('[paths...]', 'files or folders (default: the project of the current folder)')
    .option('--sample <file>', 'profiles file to size against instead of the configured sample')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--funnel', 'also how many remain after each condition of include and after the exclude')
    .option('--on <target>', 'also count exactly on your own tables: postgres://…, postgres (the URL in SEGMENTS_DATABASE_URL) or duckdb:FILE')
    .option('--profiles-table <name>', 'with --on: the table of profiles', 'profiles')
    .option('--events-table <name>', 'with --on: the table of events (with duckdb:FILE on a data file, the events file)')
    .option('--timeout <seconds>', 'with --on: stop a query that runs longer (default 60)')
    .option('--no-cache', NO_CACHE_HELP)
    .option('--timings', TIMINGS_HELP)
    .action((paths: string[], opts: SizeOptions & { timings?: boolean }) => timedRun(opts, () => runSize(paths, opts, io)));

  program
    .command('overlap')
    .addHelpText('after', commandHelp('overlap'))
    .description('how many members segments share (both, share of each, Jaccard), counted on the sample')
    .argument('[ids...]', 'segment ids (none: every pair that shares anyone; one: it against every other segment)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--no-cache', NO_CACHE_HELP)
    .option('--timings', TIMINGS_HELP)
    .action((ids: string[], opts: { format: OverlapFormat; cache: boolean; timings?: boolean }) => timedRun(opts, () => runOverlap(ids, opts, io)));

  program
    .command('sql')
    .addHelpText('after', commandHelp('sql'))
    .description('one SQL query per segment, returning the ids of its members')
    .argument('[paths...]', 'files or folders (default: the project of the current folder)')
    .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices([...DIALECTS]).makeOptionMandatory())
    .option('--profiles-table <name>', 'table of profiles', 'profiles')
    .option('--events-table <name>', 'table of events', 'events')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-cache', NO_CACHE_HELP)
    .option('--timings', TIMINGS_HELP)
    .action((paths: string[], opts: { dialect: Dialect; profilesTable: string; eventsTable: string; format: 'text' | 'json'; cache: boolean; timings?: boolean }) =>
      timedRun(opts, () => runSql(paths, opts, io)),
    );

  program
    .command('diff')
    .addHelpText('after', commandHelp('diff'))
    .description('what changed in segment definitions and sizes since a git ref (for pull requests)')
    .argument('[paths...]', 'files or folders (default: the project of the current folder)')
    .requiredOption('--base <ref>', 'git ref to compare with, e.g. origin/main')
    .option('--head <ref>', 'git ref to compare (default: the working tree)')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .option('--fail-on-change <percent>', "exit 1 when a segment's size moves by more than this percentage")
    .option('--no-cache', NO_CACHE_HELP)
    .option('--timings', TIMINGS_HELP)
    .action((paths: string[], opts: { base: string; head?: string; format: DiffFormat; failOnChange?: string; cache: boolean; timings?: boolean }) =>
      timedRun(opts, () =>
        runDiff(paths, {
          base: opts.base,
          head: opts.head,
          format: opts.format,
          failOnChange: opts.failOnChange === undefined ? undefined : parsePercent(opts.failOnChange),
          cache: opts.cache,
        }, io),
      ),
    );

  return program;
}

function version(): string {
  return typeof SEGMENTS_VERSION === 'string' ? SEGMENTS_VERSION : '0.0.0-dev';
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every other commander error is bad usage.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`segments: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`segments: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
}

/** Entry point of the bundled bin. */
export function main(): void {
  const io: CliIo = {
    cwd: process.cwd(),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    color: wantsColor(process.env, process.stdout.isTTY === true),
    timings: timingsFromEnvironment(process.env),
  };
  // `segments … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
