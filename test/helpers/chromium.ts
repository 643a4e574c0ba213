import { existsSync } from 'node:fs';

/**
 * How every browser run of ws101 starts Chromium: Debian's build at /usr/bin/chromium when it is there
 * (or the one CHROMIUM_PATH names), else Playwright's own. With no internet, Chromium's background
 * services stall on refused connections unless these switches turn them off.
 */
export const chromiumExecutable =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `env` adds to the inherited environment (FONTCONFIG_FILE: which system fonts the browser sees). */
export function chromiumLaunchOptions(extraArgs: string[] = [], env?: Record<string, string>) {
  return {
    ...(chromiumExecutable ? { executablePath: chromiumExecutable } : {}),
    args: [...chromiumArgs, ...extraArgs],
    ...(env ? { env: { ...process.env, ...env } as Record<string, string> } : {}),
  };
}
