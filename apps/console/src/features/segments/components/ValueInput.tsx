import { useState } from 'react';
import type { EventValue } from '../ruleTree';
import { type SegmentChoices, sameSegmentId, segmentLabel } from '../segmentChoices';

interface ValueInputProps {
  id: string;
  valueType: string;
  operator: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The segments a "Member of segment" condition may name. */
  segments?: SegmentChoices;
}

/** The value part of a condition, shaped by the field's type and the operator (docs/segments.md). */
export function ValueInput({ id, valueType, operator, value, onChange, segments }: ValueInputProps) {
  if (operator === 'exists' || operator === 'not_exists') return null;
  if (valueType === 'event') return <EventInput id={id} value={value} onChange={onChange} />;
  // Without the list of segments (it could not be loaded) the id can still be typed.
  if (valueType === 'segment' && segments && !segments.failed) {
    if (operator === 'in' || operator === 'not_in') return <SegmentChecklist id={id} segments={segments} value={value} onChange={onChange} />;
    return <SegmentSelect id={id} segments={segments} value={value} onChange={onChange} />;
  }
  if (operator === 'in' || operator === 'not_in') {
    return <ListInput id={id} numeric={valueType === 'number'} value={value} onChange={onChange} />;
  }
  if (operator === 'within_last_days') {
    return (
      <span className="rule-value-inline">
        <NumberInput id={`${id}-days`} label="Days" value={value} onChange={onChange} min={0} />
        <span className="muted">days</span>
      </span>
    );
  }
  if (operator === 'between') {
    const [low, high] = Array.isArray(value) ? value : [null, null];
    const Input = valueType === 'date' ? DateInput : NumberInput;
    return (
      <span className="rule-value-inline">
        <Input id={`${id}-low`} label="From" value={low} onChange={(next) => onChange([next, high])} />
        <span className="muted">and</span>
        <Input id={`${id}-high`} label="To" value={high} onChange={(next) => onChange([low, next])} />
      </span>
    );
  }
  if (valueType === 'boolean') {
    return (
      <select id={id} aria-label="Value" className="input rule-input" value={String(value)} onChange={(event) => onChange(event.target.value === 'true')}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (valueType === 'number') return <NumberInput id={id} label="Value" value={value} onChange={onChange} />;
  if (valueType === 'date') return <DateInput id={id} label="Date" value={value} onChange={onChange} />;
  return (
    <input
      id={id}
      aria-label={valueType === 'segment' ? 'Segment id' : valueType === 'identity' ? 'Provider' : 'Value'}
      className="input rule-input"
      type="text"
      value={typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

interface ScalarInputProps {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  min?: number;
}

function NumberInput({ id, label, value, onChange, min }: ScalarInputProps) {
  return (
    <input
      id={id}
      aria-label={label}
      className="input rule-input rule-input-number"
      type="number"
      min={min}
      step="any"
      value={typeof value === 'number' ? value : ''}
      onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
    />
  );
}

function DateInput({ id, label, value, onChange }: ScalarInputProps) {
  const text = typeof value === 'string' ? value : '';
  // Instants (2025-01-31T12:00:00Z) typed in the JSON view stay editable as text.
  const isDay = text === '' || /^\d{4}-\d{2}-\d{2}$/.test(text);
  return (
    <input
      id={id}
      aria-label={label}
      className="input rule-input rule-input-date"
      type={isDay ? 'date' : 'text'}
      value={text}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function listText(value: unknown): string {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ') : '';
}

function parseList(text: string, numeric: boolean): unknown[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return numeric ? items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item)) : items;
}

function ListInput({ id, numeric, value, onChange }: { id: string; numeric: boolean; value: unknown; onChange: (value: unknown) => void }) {
  // The text is kept as typed ("pro, " must not lose its comma); the value follows it.
  const [text, setText] = useState(() => listText(value));
  const shown = JSON.stringify(parseList(text, numeric)) === JSON.stringify(value) ? text : listText(value);
  return (
    <input
      id={id}
      aria-label="Values, separated by commas"
      placeholder="a, b, c"
      className="input rule-input rule-input-list"
      type="text"
      value={shown}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseList(event.target.value, numeric));
      }}
    />
  );
}

function EventInput({ id, value, onChange }: { id: string; value: unknown; onChange: (value: unknown) => void }) {
  const event = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { name: '' }) as EventValue &
    Record<string, unknown>;
  const set = (key: keyof EventValue, next: unknown) => {
    const updated: Record<string, unknown> = { ...event, [key]: next };
    if (next === null || next === '') delete updated[key];
    if (key === 'name') updated.name = next ?? '';
    onChange(updated);
  };
  return (
    <span className="rule-value-inline">
      <input
        id={`${id}-name`}
        aria-label="Event name"
        placeholder="Order Completed"
        className="input rule-input"
        type="text"
        value={event.name ?? ''}
        onChange={(change) => set('name', change.target.value)}
      />
      <span className="muted">at least</span>
      <NumberInput id={`${id}-min`} label="Minimum count" min={1} value={event.minCount} onChange={(next) => set('minCount', next)} />
      <span className="muted">times, in the last</span>
      <NumberInput id={`${id}-within`} label="Within the last days" min={1} value={event.withinLastDays} onChange={(next) => set('withinLastDays', next)} />
      <span className="muted">days</span>
    </span>
  );
}

interface SegmentInputProps {
  id: string;
  segments: SegmentChoices;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** A saved id that is not on offer (deleted since, or typed in the JSON view) stays visible and selected. */
function unofferedLabel(segments: SegmentChoices, id: string): string {
  const name = segments.names && segmentLabel(segments.names, id);
  return name ?? `Unknown segment ${id}`;
}

/** One segment (is / is not), picked by name; the rule keeps its id. */
function SegmentSelect({ id, segments, value, onChange }: SegmentInputProps) {
  const { options } = segments;
  const current = typeof value === 'string' ? value : '';
  const offered = options?.find((choice) => current !== '' && sameSegmentId(choice.id, current));
  return (
    <select
      id={id}
      aria-label="Segment"
      className="input rule-input rule-input-segment"
      value={offered?.id ?? current}
      disabled={!options}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{!options ? 'Loading segments…' : options.length === 0 ? 'No other segments yet' : 'Choose a segment…'}</option>
      {current !== '' && !offered && <option value={current}>{unofferedLabel(segments, current)}</option>}
      {options?.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

/** Several segments (is one of / is none of), ticked by name; the rule keeps their ids. */
function SegmentChecklist({ id, segments, value, onChange }: SegmentInputProps) {
  const { options } = segments;
  const ids = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const isChecked = (segmentId: string) => ids.some((item) => sameSegmentId(item, segmentId));
  const unoffered = ids.filter((item) => !options?.some((choice) => sameSegmentId(choice.id, item)));
  const items = [...unoffered.map((item) => ({ id: item, label: unofferedLabel(segments, item) })), ...(options ?? [])];
  const toggle = (segmentId: string, checked: boolean) =>
    onChange(checked ? [...ids, segmentId] : ids.filter((item) => !sameSegmentId(item, segmentId)));
  return (
    <fieldset id={id} className="rule-segment-list">
      <legend className="visually-hidden">Segments</legend>
      {!options ? (
        <span className="muted small">Loading segments…</span>
      ) : items.length === 0 ? (
        <span className="muted small">No other segments yet</span>
      ) : (
        items.map((item) => (
          <label key={item.id} className="rule-segment-option">
            <input type="checkbox" checked={isChecked(item.id)} onChange={(event) => toggle(item.id, event.target.checked)} />
            <span>{item.label}</span>
          </label>
        ))
      )}
    </fieldset>
  );
}
