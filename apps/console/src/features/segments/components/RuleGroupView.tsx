import type { EditorGroup } from '../ruleTree';
import { conditionText } from '../ruleText';
import type { SegmentFieldOption } from './RuleGroupEditor';

interface RuleGroupViewProps {
  group: EditorGroup;
  fields: readonly SegmentFieldOption[];
  /** Every segment's name by id (lower case), for "Member of segment"; null until loaded (ids are shown). */
  segmentNames?: ReadonlyMap<string, string> | null;
  depth?: number;
}

/** The rules in words, for those who may read a segment but not change it: no controls, nothing to tab through. */
export function RuleGroupView({ group, fields, segmentNames, depth = 1 }: RuleGroupViewProps) {
  const labelId = `${group.id}-label`;
  return (
    <div className={`rule-group rule-group-${group.operator.toLowerCase()}`} role="group" aria-labelledby={labelId} data-depth={depth}>
      <p id={labelId} className="rule-group-operator rule-group-summary">
        {depth > 1 && <span className="visually-hidden">Group at level {depth}: </span>}
        Match {group.operator === 'AND' ? 'all (AND)' : 'any (OR)'} of these conditions
      </p>
      {group.children.length === 0 ? (
        <p className="rule-empty muted small">{group.operator === 'AND' ? 'No conditions: everyone matches.' : 'No conditions: nobody matches.'}</p>
      ) : (
        <ol className="rule-list">
          {group.children.map((child) => {
            if (child.kind === 'group') {
              return (
                <li key={child.id} className="rule-item">
                  <RuleGroupView group={child} fields={fields} segmentNames={segmentNames} depth={depth + 1} />
                </li>
              );
            }
            const field = fields.find((candidate) => candidate.path === child.field);
            const text = conditionText(child, field?.label, field?.valueType, segmentNames);
            return (
              <li key={child.id} className="rule-item">
                <p className="rule-condition rule-condition-text" data-field={child.field}>
                  <span className="rule-text-field">{text.field}</span> <span className="rule-text-operator">{text.operator}</span>
                  {text.value !== null && (
                    <>
                      {' '}
                      <strong className="rule-text-value">{text.value}</strong>
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
