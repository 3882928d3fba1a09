import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stderr, so that commands can print their results on stdout. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'spine' }, redact: ['req.headers.authorization', '*.password'] }, pino.destination(2));
}
