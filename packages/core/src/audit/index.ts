export { diffChanges, type FieldChanges } from './diff-changes.ts';
