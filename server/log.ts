import type { LogFormat } from './options.ts';

export type LogFields = Record<string, string | number | boolean | undefined>;

/** One line per event: readable text for a person at the console, or one JSON object for a machine. */
export type Logger = {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
};

export function createLogger(
  format: LogFormat | 'silent' | 'quiet',
  write: (line: string) => void = console.log,
): Logger {
  if (format === 'silent') return { info() {}, warn() {} };
  if (format === 'quiet') {
    const text = createLogger('text', write);
    return { info() {}, warn: text.warn };
  }
  const line = (level: 'info' | 'warn', event: string, fields: LogFields = {}) => {
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
      return;
    }
    const rest = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(
        ([key, value]) =>
          `${key}=${typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : value}`,
      )
      .join(' ');
    write(
      `${new Date().toISOString().slice(11, 23)} ${level === 'warn' ? 'WARN ' : ''}${event}${rest ? ` ${rest}` : ''}`,
    );
  };
  return {
    info: (event, fields) => line('info', event, fields),
    warn: (event, fields) => line('warn', event, fields),
  };
}
