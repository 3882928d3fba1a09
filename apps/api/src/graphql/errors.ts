// Errors carry a code and one user-facing message; anything else is masked centrally.
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger.js';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class SpineError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...(details ? { details } : {}) } });
    this.name = 'SpineError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new SpineError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string) => new SpineError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: string) => new SpineError(ErrorCode.CONFLICT, message);

const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function flattenValidation(errors: ValidationFailure[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => `${prefix}${message}`),
    ...flattenValidation(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/** Apollo's formatError: known errors pass with their code; everything else becomes a masked 500-class error with a correlation id in the log. */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof SpineError) return { ...formatted, message: original.message, extensions: original.extensions };
    // type-graphql's ArgumentValidationError: declarative validation of inputs.
    const validationErrors = (original as { extensions?: { validationErrors?: unknown } })?.extensions?.validationErrors;
    // Only a list of failures is the user's input at fault; anything else (class-validator itself
    // failing) is an unexpected error, masked and logged below.
    if (Array.isArray(validationErrors)) {
      const messages = flattenValidation(validationErrors as ValidationFailure[]);
      return { message: `Invalid input: ${messages.join('; ')}`, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT, details: { messages } } };
    }
    const code = formatted.extensions?.code;
    const validatorFailed = validationErrors !== undefined;
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code) && !validatorFailed) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    // Errors raised by graphql-js itself while coercing variables/arguments (no original error).
    if (error instanceof GraphQLError && !error.originalError && !code) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const correlationId = randomUUID();
    logger.error({ err: original, correlationId, path: formatted.path }, 'unexpected error in GraphQL request');
    return { message: `Internal server error (correlation id ${correlationId})`, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId } };
  };
}
