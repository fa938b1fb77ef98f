// What a command needs from the outside world, passed in so commands stay
// plain functions (the bin wires it to the process).
export interface CliIo {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Colour output for a terminal; never in pipes or CI logs. */
  color: boolean;
  /** Print phase timings after every command (SEGMENTS_TIMINGS=1), as `--timings` does for one. */
  timings?: boolean;
  /** The environment (SEGMENTS_DATABASE_URL for `size --on postgres`); the process's when absent. */
  env?: NodeJS.ProcessEnv;
}
