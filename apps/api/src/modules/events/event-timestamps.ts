// When an event happened, the way Segment computes it: devices' clocks are wrong, so the time the
// device stamped is shifted by the difference between the device's send time and the server's
// receive time (timestamp = receivedAt - (sentAt - originalTimestamp)). Times that cannot be
// right are replaced by receivedAt and flagged.

import { parseTimestamp } from '@spine/identity-core';

export const TimestampFlag = {
  UNPARSABLE: 'timestamp_unparsable',
  FUTURE: 'timestamp_future',
  TOO_OLD: 'timestamp_too_old',
  SENT_AT_UNPARSABLE: 'sent_at_unparsable',
} as const;

/** Latest accepted occurrence time, relative to receipt. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Earliest accepted occurrence time. */
export const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);

export interface TimestampInput {
  /** The client's event time: originalTimestamp, else timestamp. */
  original: unknown;
  /** When the client sent it (message or batch level). */
  sentAt: unknown;
  receivedAt: Date;
}

export interface ResolvedTimestamps {
  occurredAt: Date;
  sentAt: Date | null;
  flags: string[];
}

function parseTime(value: unknown): Date | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : value;
  if (typeof value === 'string') return parseTimestamp(value) ?? 'invalid';
  return 'invalid';
}

export function resolveTimestamps(input: TimestampInput): ResolvedTimestamps {
  const flags: string[] = [];
  const received = input.receivedAt.getTime();
  let sentAt = parseTime(input.sentAt);
  if (sentAt === 'invalid') {
    flags.push(TimestampFlag.SENT_AT_UNPARSABLE);
    sentAt = null;
  }
  const original = parseTime(input.original);
  let occurred: number;
  if (original === 'invalid') {
    flags.push(TimestampFlag.UNPARSABLE);
    occurred = received;
  } else if (original === null) {
    occurred = received;
  } else {
    occurred = sentAt ? received - (sentAt.getTime() - original.getTime()) : original.getTime();
    if (occurred > received + MAX_FUTURE_MS) {
      flags.push(TimestampFlag.FUTURE);
      occurred = received;
    } else if (occurred < EARLIEST_TIMESTAMP) {
      flags.push(TimestampFlag.TOO_OLD);
      occurred = received;
    }
  }
  return { occurredAt: new Date(occurred), sentAt, flags };
}
