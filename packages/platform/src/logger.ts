import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Paths that may carry secrets: they are replaced before a line is written anywhere. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.signature',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passphrase',
  '*.schoolKey',
  '*.token',
  '*.privateKey',
  '*.secret',
];

export function createLogger(
  bindings: { role: string; party?: string | null },
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  const base = { role: bindings.role, party: bindings.party ?? undefined };
  const config = {
    level: options.level ?? process.env['CDS_LOG_LEVEL'] ?? 'info',
    base,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
