import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { useSegmentChoices } from '../hooks/useSegmentChoices';
import { useSegmentFields } from '../hooks/useSegmentFields';
import { useCreateSegmentMutation, useUpdateSegmentMutation } from '../hooks/useSegmentMutations';
import { useSegmentPreview } from '../hooks/useSegmentPreview';
import { type RuleError, ruleErrors } from '../ruleErrors';
import {
  addNode,
  changeField,
  changeOperator,
  createCondition,
  createGroup,
  type EditorGroup,
  fromRules,
  nodeAtErrorPath,
  removeNode,
  replaceCondition,
  RulesShapeError,
  setGroupOperator,
  toRules,
} from '../ruleTree';
import { type FocusRequest, type RuleActions, RuleGroupEditor } from './RuleGroupEditor';
import { RuleGroupView } from './RuleGroupView';
import { RulesJsonEditor } from './RulesJsonEditor';
import { SegmentPreview } from './SegmentPreview';
import { useCan } from '../../auth/hooks/useViewer';

export const SegmentEditorFragment = graphql(`
  fragment SegmentEditor_segment on Segment {
    id
    name
    description
    kind
    rules
  }
`);

interface SegmentEditorProps {
  /** The saved segment being edited; absent for a new one. */
  segment?: FragmentType<typeof SegmentEditorFragment>;
  onCreated: (id: string) => void;
  /** Told whether the name, description or rules differ from what is saved. */
  onDirtyChange?: (dirty: boolean) => void;
}

function initialTree(rules: unknown): { tree: EditorGroup; error: string | null } {
  if (rules === undefined) return { tree: createGroup('AND'), error: null };
  try {
    return { tree: fromRules(rules), error: null };
  } catch (error) {
    if (!(error instanceof RulesShapeError)) throw error;
    return { tree: createGroup('AND'), error: `The saved rules could not be shown: ${error.message}` };
  }
}

/** JSON with object keys sorted: the same rules compare equal whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

interface SavedState {
  name: string;
  description: string;
  rules: string;
}

/**
 * The visual segment builder: details, the rule tree (or its JSON), a live preview, and save. Roles
 * without segments:write get the same page read-only: the rules in words, no controls.
 */
export function SegmentEditor(props: SegmentEditorProps) {
  const segment = getFragmentData(SegmentEditorFragment, props.segment);
  const isStatic = segment?.kind === 'STATIC';
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [{ tree, error: loadError }, setState] = useState(() => initialTree(segment?.rules));
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const canEdit = useCan('segments:write');
  const [saveErrors, setSaveErrors] = useState<RuleError[] | null>(null);
  const [saveFailure, setSaveFailure] = useState<Error | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const { fields, error: fieldsError, loading: fieldsLoading, retry: retryFields } = useSegmentFields();
  const segmentChoices = useSegmentChoices(segment?.id);

  const rules = useMemo(() => toRules(tree), [tree]);
  const rulesJson = useMemo(() => JSON.stringify(rules), [rules]);
  // What is saved, as the builder shows it: "Save" and the leave prompt compare against it.
  const [saved, setSaved] = useState<SavedState>(() => ({
    name: segment?.name.trim() ?? '',
    description: segment?.description?.trim() ?? '',
    rules: canonicalJson(toRules(initialTree(segment?.rules).tree)),
  }));
  const dirty =
    canEdit && (name.trim() !== saved.name || description.trim() !== saved.description || canonicalJson(rules) !== saved.rules);
  const { onDirtyChange } = props;
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [onDirtyChange, dirty]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);
  const { preview, error: previewError, stale } = useSegmentPreview(rulesJson, isStatic);
  const [createSegment, createState] = useCreateSegmentMutation();
  const [updateSegment, updateState] = useUpdateSegmentMutation();
  const saving = createState.loading || updateState.loading;

  const setTree = useCallback((update: (tree: EditorGroup) => EditorGroup) => {
    setState((current) => ({ tree: update(current.tree), error: null }));
    setSaveErrors(null);
    setSavedAt(null);
  }, []);
  const onFocused = useCallback(() => setFocus(null), []);

  const fieldByPath = (path: string) => fields.find((field) => field.path === path);
  const actions: RuleActions = {
    addCondition: (groupId) => {
      const condition = createCondition(fields[0]);
      setTree((current) => addNode(current, groupId, condition));
      setFocus({ id: condition.id, part: 'field' });
    },
    addGroup: (groupId) => {
      const group = createGroup('OR', [createCondition(fields[0])]);
      setTree((current) => addNode(current, groupId, group));
      setFocus({ id: group.children[0].id, part: 'field' });
    },
    remove: (id, parentId) => {
      setTree((current) => removeNode(current, id));
      setFocus({ id: parentId, part: 'add' });
    },
    setOperator: (groupId, operator) => setTree((current) => setGroupOperator(current, groupId, operator)),
    replace: (condition) => setTree((current) => replaceCondition(current, condition)),
    changeField: (condition, path) => {
      const field = fieldByPath(path);
      if (field) setTree((current) => replaceCondition(current, changeField(condition, field)));
    },
    changeOperator: (condition, operator) => {
      const valueType = fieldByPath(condition.field)?.valueType ?? condition.valueType ?? 'string';
      setTree((current) => replaceCondition(current, changeOperator(condition, operator, valueType)));
    },
  };

  // The API's located problems: from the last save if it failed, else from the live preview.
  const problems = saveErrors ?? (isStatic ? null : ruleErrors(previewError));
  const errorsByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const problem of problems ?? []) {
      const node = problem.path ? nodeAtErrorPath(tree, problem.path) : null;
      if (!node) continue;
      map.set(node.id, [...(map.get(node.id) ?? []), problem.message]);
    }
    return map;
  }, [problems, tree]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaveErrors(null);
    setSaveFailure(null);
    const input = { name: name.trim(), description: description.trim() || null, rules };
    try {
      if (segment) {
        await updateSegment(segment.id, input);
        setSaved({ name: input.name, description: input.description ?? '', rules: canonicalJson(rules) });
        setSavedAt(Date.now());
      } else {
        const created = await createSegment(input);
        if (created) props.onCreated(created.id);
      }
    } catch (error) {
      const located = ruleErrors(error);
      if (located) setSaveErrors(located);
      else setSaveFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return (
    <form className="segment-builder" onSubmit={(event) => void submit(event)} noValidate>
      <section className="panel segment-details" aria-labelledby="segment-details-heading">
        <div className="panel-header">
          <h2 id="segment-details-heading" className="panel-title">
            Details
          </h2>
          <div className="panel-actions">
            {canEdit ? (
              <>
                <span className="muted small" role="status" aria-live="polite">
                  {saving ? 'Saving…' : dirty ? 'Unsaved changes' : savedAt ? 'Saved' : ''}
                </span>
                <Link to="/segments" className="button button-small">
                  Cancel
                </Link>
                <button type="submit" className="button button-small button-primary" disabled={saving || !dirty || name.trim() === ''}>
                  {segment ? 'Save changes' : 'Save segment'}
                </button>
              </>
            ) : (
              <span className="small muted" role="note">
                Read-only: changing segments needs Marketer or Admin.
              </span>
            )}
          </div>
        </div>
        {!canEdit ? (
          <dl className="inline-facts segment-facts">
            <div>
              <dt>Name</dt>
              <dd>{segment?.name}</dd>
            </div>
            <div>
              <dt>Description</dt>
              <dd>{segment?.description || <span className="muted">None</span>}</dd>
            </div>
          </dl>
        ) : (
          <div className="panel-body form-grid">
            <div>
              <label className="field-label" htmlFor="segment-name">
                Name
              </label>
              <input
                id="segment-name"
                className="input"
                required
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                  setSavedAt(null);
                }}
                placeholder="e.g. Engaged pro customers"
              />
            </div>
            <div>
              <label className="field-label" htmlFor="segment-description">
                Description <span className="muted">(optional)</span>
              </label>
              <input
                id="segment-description"
                className="input"
                value={description}
                onChange={(event) => {
                  setDescription(event.target.value);
                  setSavedAt(null);
                }}
              />
            </div>
          </div>
        )}
      </section>

      {saveFailure && <ErrorState title="Could not save the segment" error={saveFailure} />}

      <div className="segment-builder-grid">
        <section className="panel segment-rules" aria-labelledby="segment-rules-heading">
          <div className="panel-header">
            <h2 id="segment-rules-heading" className="panel-title">
              Rules
            </h2>
          </div>
          <div className="panel-body rules-body">
            {isStatic ? (
              <p className="muted">A static segment is a fixed list of persons: it has no rules to edit.</p>
            ) : fieldsError ? (
              <ErrorState title="Could not load the fields" error={fieldsError} onRetry={retryFields} />
            ) : fieldsLoading ? (
              <LoadingState label="Loading fields" inline />
            ) : (
              <>
                {loadError && <div className="notice">{loadError}</div>}
                {problems && problems.length > 0 && (
                  <div className="rule-problems" role="alert">
                    <strong>{saveErrors ? 'The segment was not saved: ' : ''}These rules have problems</strong>
                    <ul>
                      {problems.map((problem, index) => (
                        <li key={index}>{problem.message}</li>
                      ))}
                    </ul>
                  </div>
                )}
                {canEdit ? (
                  <>
                    <RuleGroupEditor
                      group={tree}
                      parentId={null}
                      depth={1}
                      fields={fields}
                      segments={segmentChoices}
                      actions={actions}
                      errors={errorsByNode}
                      focus={focus}
                      onFocused={onFocused}
                      disabled={saving}
                    />
                    <RulesJsonEditor rules={rules} onApply={(next) => setTree(() => next)} />
                  </>
                ) : (
                  <>
                    <RuleGroupView group={tree} fields={fields} segmentNames={segmentChoices.names} />
                    <RulesJsonEditor rules={rules} />
                  </>
                )}
              </>
            )}
          </div>
        </section>

        {!isStatic && <SegmentPreview preview={preview} stale={stale} failed={Boolean(previewError)} />}
      </div>
    </form>
  );
}
