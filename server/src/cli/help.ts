// What `--help` shows after the options: a few examples and where the full
// documentation is. The examples are run by the tests on the demo project, and
// each link's anchor is a heading in docs/cli.md, so neither goes stale.
export const REPOSITORY_URL = 'https://github.com/segments-as-code/segments-language';
export const CLI_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/cli.md`;

export type CommandName = 'check' | 'fmt' | 'size' | 'overlap' | 'sql' | 'diff';

interface Example {
  /** The arguments after `segments`. */
  args: string;
  /** What it does, shown as a comment. */
  says: string;
}

export const EXAMPLES: Readonly<Record<CommandName, readonly Example[]>> = {
  check: [
    { args: 'check', says: 'every file of the project in the current folder' },
    { args: 'check segments/retargeting.segment --format github', says: 'one file, as GitHub annotations' },
  ],
  fmt: [
    { args: 'fmt', says: 'rewrite every file of the project' },
    { args: 'fmt --check', says: 'in CI: list unformatted files, exit 1 if any' },
  ],
  size: [
    { args: 'size', says: 'members, share and estimate of every segment' },
    { args: 'size segments/retargeting.segment --format markdown', says: 'a table for a pull-request comment' },
    { args: 'size segments/retargeting.segment --funnel', says: 'how many remain after each condition' },
  ],
  overlap: [
    { args: 'overlap abandoned_cart', says: 'the segments sharing most members with abandoned_cart' },
    { args: 'overlap oslo_bergen young_adults swedish_mobile --format json', says: 'every pair of these, as JSON' },
  ],
  sql: [
    { args: 'sql --dialect bigquery', says: 'one query per segment' },
    { args: 'sql segments/customers.segment --dialect postgres --profiles-table crm.users', says: 'your own table names' },
  ],
  diff: [
    { args: 'diff --base origin/main', says: 'what a pull request changes, as Markdown' },
    { args: 'diff --base origin/main --fail-on-change 20 --format json', says: 'exit 1 when a size moves by more than 20%' },
  ],
};

/** The anchor GitHub gives the heading `## segments <command>` in docs/cli.md. */
export function docsLink(command: CommandName): string {
  return `${CLI_DOCS_URL}#segments-${command}`;
}

function exampleLines(examples: readonly Example[]): string[] {
  return examples.flatMap((e) => [`  # ${e.says}`, `  $ segments ${e.args}`]);
}

export function commandHelp(command: CommandName): string {
  return ['', 'Examples:', ...exampleLines(EXAMPLES[command]), '', `Docs: ${docsLink(command)}`, ''].join('\n');
}

export function programHelp(): string {
  const examples = [EXAMPLES.check[0], EXAMPLES.size[0], EXAMPLES.sql[0]];
  return [
    '',
    'Examples:',
    ...exampleLines(examples),
    '',
    'Exit status: 0 fine, 1 the files have errors, 2 bad usage or unreadable input.',
    `Docs: ${CLI_DOCS_URL}`,
    '',
  ].join('\n');
}
