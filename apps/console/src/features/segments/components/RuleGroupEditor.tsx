import { useEffect, useRef } from 'react';
import { groupFields, operatorLabel } from '../fieldLabels';
import { type EditorCondition, type EditorGroup, type FieldInfo, type GroupOperator, MAX_DEPTH } from '../ruleTree';
import type { SegmentChoices } from '../segmentChoices';
import { ValueInput } from './ValueInput';

export interface SegmentFieldOption extends FieldInfo {
  label: string;
  description?: string | null;
}

/** What the editor can do to the tree; the builder applies them with the plain functions of ruleTree. */
export interface RuleActions {
  addCondition: (groupId: string) => void;
  addGroup: (groupId: string) => void;
  remove: (id: string, parentId: string) => void;
  setOperator: (groupId: string, operator: GroupOperator) => void;
  replace: (condition: EditorCondition) => void;
  changeField: (condition: EditorCondition, path: string) => void;
  changeOperator: (condition: EditorCondition, operator: string) => void;
}

/** Where keyboard focus goes after an edit: the new condition's field, or a group's "Add condition". */
export interface FocusRequest {
  id: string;
  part: 'field' | 'add';
}

interface RuleGroupEditorProps {
  group: EditorGroup;
  parentId: string | null;
  depth: number;
  fields: readonly SegmentFieldOption[];
  /** The segments "Member of segment" may name (not the one being edited). */
  segments: SegmentChoices;
  actions: RuleActions;
  errors: ReadonlyMap<string, string[]>;
  focus: FocusRequest | null;
  onFocused: () => void;
  disabled?: boolean;
}

function useFocusRequest<T extends HTMLElement>(focus: FocusRequest | null, id: string, part: FocusRequest['part'], onFocused: () => void) {
  const ref = useRef<T>(null);
  const wanted = focus?.id === id && focus.part === part;
  useEffect(() => {
    if (!wanted) return;
    ref.current?.focus();
    onFocused();
  }, [wanted, onFocused]);
  return ref;
}

export function RuleGroupEditor(props: RuleGroupEditorProps) {
  const { group, parentId, depth, fields, segments, actions, errors, focus, onFocused, disabled } = props;
  const addRef = useFocusRequest<HTMLButtonElement>(focus, group.id, 'add', onFocused);
  const labelId = `${group.id}-label`;
  const groupErrors = errors.get(group.id);

  return (
    <div className={`rule-group rule-group-${group.operator.toLowerCase()}`} role="group" aria-labelledby={labelId} data-depth={depth}>
      <div className="rule-group-header">
        <span id={labelId} className="visually-hidden">
          {parentId ? `Group at level ${depth}` : 'Rules'}
        </span>
        <label className="rule-group-operator">
          <span>Match</span>
          <select
            className="input rule-input"
            aria-label={parentId ? `Match, group at level ${depth}` : 'Match'}
            value={group.operator}
            disabled={disabled}
            onChange={(event) => actions.setOperator(group.id, event.target.value as GroupOperator)}
          >
            <option value="AND">all (AND)</option>
            <option value="OR">any (OR)</option>
          </select>
          <span>of these conditions</span>
        </label>
        {parentId && (
          <button type="button" className="button button-small button-quiet" disabled={disabled} onClick={() => actions.remove(group.id, parentId)}>
            Remove group
          </button>
        )}
      </div>
      {groupErrors && <InlineErrors messages={groupErrors} />}

      {group.children.length === 0 ? (
        <p className="rule-empty muted small">
          {group.operator === 'AND' ? 'No conditions: everyone matches.' : 'No conditions: nobody matches.'}
        </p>
      ) : (
        <ol className="rule-list">
          {group.children.map((child) => (
            <li key={child.id} className="rule-item">
              {child.kind === 'group' ? (
                <RuleGroupEditor {...props} group={child} parentId={group.id} depth={depth + 1} />
              ) : (
                <ConditionEditor
                  condition={child}
                  parentId={group.id}
                  fields={fields}
                  segments={segments}
                  actions={actions}
                  errors={errors.get(child.id)}
                  focus={focus}
                  onFocused={onFocused}
                  disabled={disabled}
                />
              )}
            </li>
          ))}
        </ol>
      )}

      <div className="rule-group-actions">
        <button ref={addRef} type="button" className="button button-small" disabled={disabled || fields.length === 0} onClick={() => actions.addCondition(group.id)}>
          + Condition
        </button>
        {depth < MAX_DEPTH && (
          <button type="button" className="button button-small" disabled={disabled || fields.length === 0} onClick={() => actions.addGroup(group.id)}>
            + Group
          </button>
        )}
      </div>
    </div>
  );
}

interface ConditionEditorProps {
  condition: EditorCondition;
  parentId: string;
  fields: readonly SegmentFieldOption[];
  segments: SegmentChoices;
  actions: RuleActions;
  errors: string[] | undefined;
  focus: FocusRequest | null;
  onFocused: () => void;
  disabled?: boolean;
}

function ConditionEditor({ condition, parentId, fields, segments, actions, errors, focus, onFocused, disabled }: ConditionEditorProps) {
  const fieldRef = useFocusRequest<HTMLSelectElement>(focus, condition.id, 'field', onFocused);
  const field = fields.find((candidate) => candidate.path === condition.field);
  const valueType = field?.valueType ?? condition.valueType ?? 'string';
  const operators = field?.operators ?? [condition.operator];
  const errorId = `${condition.id}-errors`;

  return (
    <div className={errors ? 'rule-condition has-error' : 'rule-condition'} data-field={condition.field}>
      <div className="rule-condition-row">
        <select
          ref={fieldRef}
          id={`${condition.id}-field`}
          aria-label="Field"
          aria-describedby={errors ? errorId : undefined}
          className="input rule-input rule-input-field"
          value={condition.field}
          disabled={disabled}
          title={field?.description ?? undefined}
          onChange={(event) => actions.changeField(condition, event.target.value)}
        >
          {!field && <option value={condition.field}>{condition.field} (unknown field)</option>}
          {groupFields(fields).map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.fields.map((option) => (
                <option key={option.path} value={option.path}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <select
          id={`${condition.id}-operator`}
          aria-label="Operator"
          className="input rule-input rule-input-operator"
          value={condition.operator}
          disabled={disabled}
          onChange={(event) => actions.changeOperator(condition, event.target.value)}
        >
          {!operators.includes(condition.operator) && <option value={condition.operator}>{condition.operator}</option>}
          {operators.map((operator) => (
            <option key={operator} value={operator}>
              {operatorLabel(operator)}
            </option>
          ))}
        </select>
        <fieldset className="rule-value" disabled={disabled}>
          <ValueInput
            id={`${condition.id}-value`}
            valueType={valueType}
            operator={condition.operator}
            value={condition.value}
            onChange={(value) => actions.replace({ ...condition, value })}
            segments={segments}
          />
        </fieldset>
        <button
          type="button"
          className="button button-small button-quiet rule-remove"
          aria-label={`Remove condition on ${field?.label ?? condition.field}`}
          title="Remove condition"
          disabled={disabled}
          onClick={() => actions.remove(condition.id, parentId)}
        >
          ×
        </button>
      </div>
      {errors && <InlineErrors id={errorId} messages={errors} />}
    </div>
  );
}

function InlineErrors({ id, messages }: { id?: string; messages: string[] }) {
  return (
    <ul id={id} className="rule-errors">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
