// The engine's insertion sort must give exactly what the built-in stable sort gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortSmall } from './small-sort.ts';

interface Item {
  key: number;
  tag: string;
  seq: number;
}

// Few distinct keys, so ties (and stability) are exercised; seq tells equal keys apart.
const itemsArb = (max: number) => fc
  .array(fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.constantFrom('a', 'b', 'c') }), { maxLength: max })
  .map((xs) => xs.map((x, seq): Item => ({ ...x, seq })));
const byKeyThenTag = (a: Item, b: Item): number => a.key - b.key || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);

describe('sortSmall', () => {
  it('orders like the built-in stable sort, ties kept in input order', () => {
    fc.assert(fc.property(itemsArb(90), (items) => {
      const expected = [...items].sort(byKeyThenTag).map((x) => x.seq);
      expect(sortSmall([...items], byKeyThenTag).map((x) => x.seq)).toEqual(expected);
    }), { numRuns: 1000 });
  });

  it('handles input already in order and in reverse order', () => {
    const up = Array.from({ length: 40 }, (_, i): Item => ({ key: i % 6, tag: 'a', seq: i })).sort(byKeyThenTag);
    expect(sortSmall([...up], byKeyThenTag)).toEqual(up);
    expect(sortSmall([...up].reverse(), byKeyThenTag).map((x) => x.key)).toEqual(up.map((x) => x.key));
  });
});
