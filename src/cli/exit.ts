/** Exit codes are an interface: 0 success/ACCEPT, 1 REJECT or failed check, 2 bad input or usage. */
export const EXIT = { OK: 0, FAIL: 1, USAGE: 2 } as const;

/** Thrown by commands for bad flags or arguments: printed as one line (or a JSON error under --json), exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** for --json output: what kind of mistake */
    readonly code = 'USAGE',
  ) {
    super(message);
  }
}
