// Conditions in words, for the read-only view of a segment's rules ("Plan is “pro”").
import { operatorLabel } from './fieldLabels';
import type { EditorCondition } from './ruleTree';
import { segmentLabel } from './segmentChoices';

export interface ConditionText {
  field: string;
  operator: string;
  /** Absent for operators that take no value (has a value, has no value). */
  value: string | null;
}

interface EventFilter {
  property?: unknown;
  operator?: unknown;
  value?: unknown;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return `“${value}”`;
  if (value === null || value === undefined || value === '') return '(none)';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function eventText(operator: string, value: unknown): string {
  const event = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const parts = [scalar(event.name)];
  const minCount = typeof event.minCount === 'number' ? event.minCount : 1;
  // not_performed means fewer than minCount times: "at least once" reads right after "did not perform".
  if (minCount !== 1 || operator === 'performed') parts.push(`at least ${times(minCount)}`);
  if (typeof event.withinLastDays === 'number') parts.push(`in the last ${event.withinLastDays} days`);
  const filters = Array.isArray(event.where) ? (event.where as EventFilter[]) : [];
  if (filters.length) {
    parts.push(
      `where ${filters.map((filter) => `${String(filter.property)} ${operatorLabel(String(filter.operator))} ${scalar(filter.value)}`).join(' and ')}`,
    );
  }
  return parts.join(', ');
}

/** A segment id as its name (“VIP customers”); an id no segment has any more, as such. */
function segmentText(names: ReadonlyMap<string, string>, id: unknown): string {
  if (id === '') return '(none)';
  if (typeof id !== 'string') return scalar(id);
  const name = segmentLabel(names, id);
  return name === null ? `an unknown segment (${id})` : `“${name}”`;
}

/**
 * One condition as field, operator and value in words; `fieldLabel` is the API's label for the field,
 * when known, and `segmentNames` the segments' names by id (lower case) once they are loaded.
 */
export function conditionText(
  condition: EditorCondition,
  fieldLabel?: string | null,
  valueType?: string | null,
  segmentNames?: ReadonlyMap<string, string> | null,
): ConditionText {
  const field = fieldLabel ?? condition.field;
  const { operator, value } = condition;
  if (operator === 'exists' || operator === 'not_exists') return { field, operator: operatorLabel(operator), value: null };
  if (segmentNames && ((valueType ?? condition.valueType) === 'segment' || condition.field === 'segment')) {
    if (operator === 'in' || operator === 'not_in') {
      const items = Array.isArray(value) ? value : [];
      return { field, operator: operatorLabel(operator), value: items.length ? items.map((id) => segmentText(segmentNames, id)).join(', ') : '(nothing)' };
    }
    return { field, operator: operatorLabel(operator), value: segmentText(segmentNames, value) };
  }
  if ((valueType ?? condition.valueType) === 'event' || condition.field === 'event') {
    // The field's label ("Performed an event") would say the operator twice.
    return { field: 'Event', operator: operatorLabel(operator), value: eventText(operator, value) };
  }
  if (operator === 'within_last_days') return { field, operator: 'in the last', value: `${scalar(value)} days` };
  if (operator === 'between') {
    const [low, high] = Array.isArray(value) ? value : [null, null];
    return { field, operator: 'between', value: `${scalar(low)} and ${scalar(high)}` };
  }
  if (operator === 'in' || operator === 'not_in') {
    const items = Array.isArray(value) ? value : [];
    return { field, operator: operatorLabel(operator), value: items.length ? items.map(scalar).join(', ') : '(nothing)' };
  }
  return { field, operator: operatorLabel(operator), value: scalar(value) };
}
