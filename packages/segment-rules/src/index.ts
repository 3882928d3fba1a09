export * from './rule-tree.js';
export * from './field-catalog.js';
export * from './validate-rules.js';
export * from './compile-rules.js';
export * from './reference-evaluator.js';
export * from './personal-values.js';
export * from './numeric-text.js';
