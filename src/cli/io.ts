/** What a command may touch, passed in so tests run the CLI in-process without a child process. */
export type CliIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly colour: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
};

/** Exit statuses: 0 done, 1 decoded but the input breaks a protocol rule, 2 the command could not run. */
export const ExitCode = { ok: 0, violations: 1, usage: 2 } as const;

export class UsageError extends Error {}
