// Errors of the /v1 routes: JSON `{ error: { code, message, details? } }` with a 4xx status.

export const TrackingErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  INVALID_JSON: 'INVALID_JSON',
  TOO_DEEP: 'TOO_DEEP',
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  NOT_FOUND: 'NOT_FOUND',
} as const;
export type TrackingErrorCode = (typeof TrackingErrorCode)[keyof typeof TrackingErrorCode];

export class TrackingError extends Error {
  constructor(
    readonly status: number,
    readonly code: TrackingErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TrackingError';
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const badRequest = (code: TrackingErrorCode, message: string, details?: Record<string, unknown>) => new TrackingError(400, code, message, details);
