// Every request and notification handler goes through here: an exception in one
// feature is logged and answered with an error response; the server lives on.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

export interface Logger {
  error(message: string): void;
}

export function safeRequest<P, R>(
  name: string,
  log: Logger,
  handler: (params: P, token: { isCancellationRequested: boolean }) => R | Promise<R>,
): (params: P, token: { isCancellationRequested: boolean }) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) return e;
      log.error(`${name} failed: ${describeError(e)}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

export function safeNotification<P>(name: string, log: Logger, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const result = handler(params);
      if (result instanceof Promise) result.catch((e) => log.error(`${name} failed: ${describeError(e)}`));
    } catch (e) {
      log.error(`${name} failed: ${describeError(e)}`);
    }
  };
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
