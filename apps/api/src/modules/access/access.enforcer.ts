// Applies the access rule of every field (access.decorators.ts) to its resolver, once, on the
// built schema. A field without a rule stops the server at start-up: guarded by default.
import { defaultFieldResolver, GraphQLObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { SpineError, ErrorCode } from '../../graphql/errors.js';
import type { AccessRule } from './access.decorators.js';
import { applyMask, type MaskKind } from './masking.js';
import type { Principal } from './principal.js';
import { Permission } from './roles.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface FieldRule {
  type: string;
  field: string;
  rule: AccessRule | undefined;
  /** Where the rule comes from: the field itself or its type's default. */
  from: 'field' | 'type' | 'none';
  pii: MaskKind | undefined;
}

/** Every field of every object type with its effective rule (what the enumeration test and the role matrix read). */
export function fieldRules(schema: GraphQLSchema): FieldRule[] {
  const rules: FieldRule[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const typeRule = ROOT_TYPES.has(type.name) ? undefined : (type.extensions?.access as AccessRule | undefined);
    for (const field of Object.values(type.getFields())) {
      const own = field.extensions?.access as AccessRule | undefined;
      rules.push({
        type: type.name,
        field: field.name,
        rule: own ?? typeRule,
        from: own ? 'field' : typeRule ? 'type' : 'none',
        pii: field.extensions?.pii as MaskKind | undefined,
      });
    }
  }
  return rules;
}

export type Decision = 'allow' | 'mask' | 'unauthenticated' | 'forbidden';

/** What a principal gets for a field: the one function both the enforcer and the role-matrix snapshot use. */
export function decide(rule: AccessRule, pii: MaskKind | undefined, principal: Principal): Decision {
  if (!('public' in rule)) {
    if (principal.kind === 'anonymous') return 'unauthenticated';
    if ('anyOf' in rule && !rule.anyOf.some((permission) => principal.permissions.has(permission))) return 'forbidden';
  }
  if (pii && !principal.permissions.has(Permission.PII_READ)) return 'mask';
  return 'allow';
}

const enforced = new WeakSet<GraphQLSchema>();

export function enforceAccess(schema: GraphQLSchema): void {
  if (enforced.has(schema)) return;
  const missing = fieldRules(schema).filter((entry) => !entry.rule);
  if (missing.length) throw new Error(`Fields without an access rule: ${missing.map((entry) => `${entry.type}.${entry.field}`).join(', ')}`);
  const byField = new Map(fieldRules(schema).map((entry) => [`${entry.type}.${entry.field}`, entry]));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, { principal: Principal }>[]) {
      const { rule, pii } = byField.get(`${type.name}.${field.name}`)!;
      const resolve = field.resolve ?? defaultFieldResolver;
      const where = `${type.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        const decision = decide(rule!, pii, context.principal);
        if (decision === 'unauthenticated') throw new SpineError(ErrorCode.UNAUTHENTICATED, 'Sign in, or send an API key or the admin token as `Authorization: Bearer <token>`.');
        if (decision === 'forbidden') {
          const needed = 'anyOf' in rule! ? rule.anyOf.join(' or ') : '';
          throw new SpineError(ErrorCode.FORBIDDEN, `Not allowed: ${where} needs the permission ${needed}.`, { field: where });
        }
        const value = resolve(source, args, context, info);
        if (decision === 'allow') return value;
        return isPromise(value) ? value.then((resolved) => applyMask(pii!, resolved, source)) : applyMask(pii!, value, source);
      };
    }
  }
  enforced.add(schema);
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}
