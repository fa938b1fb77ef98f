// Whether the CLI paints its text report. FORCE_COLOR and NO_COLOR are read as
// Node itself reads them: FORCE_COLOR wins (any value but `0` or `false` turns
// colour on, even in a pipe or a CI log that renders ANSI codes); a non-empty
// NO_COLOR turns it off; otherwise colour only on a terminal and never in CI.
export function wantsColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && !env.CI;
}
