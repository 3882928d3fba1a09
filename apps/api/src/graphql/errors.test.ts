// The error formatter: input errors pass with their code and message; anything else, including a
// validator that failed in itself, is masked with a correlation id that is logged.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { badInput, createErrorFormatter } from './errors.js';

function formatterWithLog() {
  const logged: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = { error: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }) } as unknown as Logger;
  return { format: createErrorFormatter(logger), logged };
}

/** What type-graphql throws when its argument validation fails: the failures in extensions. */
function argumentValidationError(validationErrors: unknown): GraphQLError {
  const original = Object.assign(new Error('Argument Validation Error'), { extensions: { code: 'BAD_USER_INPUT', validationErrors } });
  return new GraphQLError('Argument Validation Error', { originalError: original, path: ['createSegment'] });
}

describe('the GraphQL error formatter', () => {
  it('passes a coded input error with its message', () => {
    const { format, logged } = formatterWithLog();
    const error = new GraphQLError('x', { originalError: badInput('Bad rules', { errors: [] }) });
    expect(format({ message: 'x' }, error)).toMatchObject({ message: 'Bad rules', extensions: { code: 'BAD_USER_INPUT' } });
    expect(logged).toEqual([]);
  });

  it('turns class-validator failures into one readable BAD_USER_INPUT', () => {
    const { format } = formatterWithLog();
    const failures = [{ property: 'name', constraints: { maxLength: 'name must be shorter than or equal to 100 characters' }, children: [] }];
    const formatted = format({ message: 'Argument Validation Error', extensions: { code: 'BAD_USER_INPUT' } }, argumentValidationError(failures));
    expect(formatted).toMatchObject({ message: 'Invalid input: name must be shorter than or equal to 100 characters', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('masks a validator that failed in itself (not a list of failures) and logs it under a correlation id', () => {
    const { format, logged } = formatterWithLog();
    const crash = new TypeError("Cannot read properties of undefined (reading 'prototype')");
    const formatted = format({ message: 'Argument Validation Error', extensions: { code: 'BAD_USER_INPUT' } }, argumentValidationError(crash));
    expect(formatted.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', correlationId: expect.any(String) });
    expect(formatted.message).toContain(String(formatted.extensions?.correlationId));
    expect(logged).toHaveLength(1);
    expect(logged[0].fields.correlationId).toBe(formatted.extensions?.correlationId);
  });
});
