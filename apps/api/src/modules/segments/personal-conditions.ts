// Segment rules as a way around masking: a live count and sample answer "does anyone's email start
// with mia.green2?", so one character at a time a masked email could be read back. Without
// pii:read, conditions on personal values may only ask whether a value exists.
import { SpineError, ErrorCode } from '../../graphql/errors.js';
import { isPersonalKey, isPersonalRuleField } from '../access/masking.js';
import type { Principal } from '../access/principal.js';
import { Permission } from '../access/roles.js';

const EXISTENCE = new Set(['exists', 'not_exists']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where in the rule tree a condition compares a personal value (paths as in rule errors). */
export function personalValueConditions(rules: unknown, path = 'rules'): string[] {
  if (!isObject(rules)) return [];
  if (Array.isArray(rules.conditions)) return rules.conditions.flatMap((node, index) => personalValueConditions(node, `${path}.conditions[${index}]`));
  const field = typeof rules.field === 'string' ? rules.field : '';
  const operator = typeof rules.operator === 'string' ? rules.operator : '';
  const found: string[] = [];
  if (isPersonalRuleField(field) && !EXISTENCE.has(operator)) found.push(`${path} (${field} ${operator})`);
  if (field === 'event' && isObject(rules.value) && Array.isArray(rules.value.where)) {
    rules.value.where.forEach((filter, index) => {
      if (isObject(filter) && typeof filter.property === 'string' && isPersonalKey(filter.property) && !EXISTENCE.has(String(filter.operator))) {
        found.push(`${path}.value.where[${index}] (property ${filter.property} ${String(filter.operator)})`);
      }
    });
  }
  return found;
}

/** The operators a field offers to someone who may not read personal values. */
export function operatorsWithoutPii(path: string, operators: readonly string[]): string[] {
  return isPersonalRuleField(path) ? operators.filter((operator) => EXISTENCE.has(operator)) : [...operators];
}

/** FORBIDDEN, naming the conditions, when someone without pii:read compares personal values. */
export function refusePersonalConditions(principal: Principal, rules: unknown): void {
  if (principal.permissions.has(Permission.PII_READ)) return;
  const found = personalValueConditions(rules);
  if (found.length === 0) return;
  throw new SpineError(
    ErrorCode.FORBIDDEN,
    `Comparing personal values (emails, phones, addresses) needs the permission ${Permission.PII_READ}; without it such a condition may only use exists or not_exists: ${found.join('; ')}`,
    { conditions: found },
  );
}
