// Environment variables for the server process, set by whoever starts it (the
// VS Code client; other editors can set the same). They tune glibc's allocator,
// which reads them once at process start and ignores them elsewhere (macOS,
// Windows, musl).
//
// Why: the data worker thread loads a big sample through many short-lived
// buffers of a few megabytes. glibc raises its mmap threshold each time such a
// buffer is freed, so later ones come from the worker's own heap arena, and
// freed space in the middle of an arena stays resident for the life of the
// process. On the 1,000,000-profile benchmark that was ~90 MB of a 356 MB
// server. A fixed threshold (which also turns off the raising) hands every
// buffer of 128 KB or more straight back to the system when it is freed, and
// two arenas keep the worker from growing one of its own per load.

/** The variables and their values; a value already set in the environment wins. */
export const SERVER_ALLOCATOR_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** `base` with the allocator variables added where it does not set them. */
export function serverEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...SERVER_ALLOCATOR_ENVIRONMENT, ...base };
}
