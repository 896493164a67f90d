import { describe, expect, it } from 'vitest';
import { diffChanges } from './diff-changes.ts';

describe('diffChanges', () => {
  it('lists only the fields whose values differ', () => {
    expect(diffChanges({ name: 'A', rate: 1, code: 'x' }, { name: 'B', rate: 1, code: 'x' })).toEqual({
      name: { before: 'A', after: 'B' },
    });
  });

  it('records every field of a created entity with before = null', () => {
    expect(diffChanges(null, { name: 'A', rate: 2 })).toEqual({
      name: { before: null, after: 'A' },
      rate: { before: null, after: 2 },
    });
  });

  it('records a deletion with after = null', () => {
    expect(diffChanges({ role: 'admin' }, null)).toEqual({ role: { before: 'admin', after: null } });
  });

  it('leaves out omitted secrets and updatedAt bookkeeping', () => {
    const t1 = new Date('2026-01-01T00:00:00Z');
    const t2 = new Date('2026-01-02T00:00:00Z');
    expect(diffChanges({ hash: 'a', updatedAt: t1, n: 1 }, { hash: 'b', updatedAt: t2, n: 1 }, ['hash'])).toEqual({});
  });

  it('compares dates by instant and nested values structurally', () => {
    const t = '2026-01-01T00:00:00.000Z';
    expect(diffChanges({ at: new Date(t), tags: ['a'] }, { at: new Date(t), tags: ['a'] })).toEqual({});
    expect(diffChanges({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual({ tags: { before: ['a'], after: ['a', 'b'] } });
  });
});
