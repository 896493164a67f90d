import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodesLikeParse, responseSerializerCompiler } from './response-serializer.ts';

const serializerFor = (schema: z.ZodType) => responseSerializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('encodesLikeParse', () => {
  it.each([
    ['plain shapes and checks', z.object({ a: z.string().regex(/^a/), b: z.array(z.object({ c: z.int().nullable() })), d: z.enum(['x']).optional() }), true],
    ['unions, records and passthrough objects', z.union([z.record(z.string(), z.number()), z.object({}).passthrough()]), true],
    ['a default', z.object({ a: z.int().default(1) }), false],
    ['a transform', z.object({ a: z.string().transform((s) => s.length) }), false],
    ['a pipe', z.string().pipe(z.email()), false],
    ['a catch inside a union', z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b'), v: z.int().catch(0) })]), false],
    ['a codec', z.codec(z.string(), z.number(), { decode: Number, encode: String }), false],
    ['a lazy schema', z.lazy(() => z.string()), false],
  ])('%s: %s', (_name, schema, expected) => {
    expect(encodesLikeParse(schema)).toBe(expected);
  });
});

describe('responseSerializerCompiler', () => {
  const Item = z.object({ id: z.string().regex(/^chn_/), n: z.int(), at: z.string(), note: z.string().nullable(), tag: z.enum(['a', 'b']).optional() });
  const Page = z.object({ items: z.array(Item), nextCursor: z.string().nullable() });
  const page = {
    items: [
      { id: 'chn_1', n: 1, at: '2026-01-01T00:00:00.000Z', note: null, tenantId: 'ten_secret' },
      { id: 'chn_2', n: 2, at: '2026-01-02T00:00:00.000Z', note: '备注 "quoted"', tag: 'b', extra: { deep: true } },
    ],
    nextCursor: null,
  };

  it('writes exactly what encoding with zod and JSON.stringify writes, unknown keys stripped', () => {
    const text = serializerFor(Page)(page);
    expect(text).toBe(JSON.stringify(z.encode(Page, page as z.output<typeof Page>)));
    expect(text).not.toContain('ten_secret');
    expect(text).not.toContain('extra');
  });

  it('refuses an answer that breaks its contract, as fastify-type-provider-zod does', () => {
    const broken = { ...page, items: [{ ...page.items[0], n: 1.5 }] };
    expect(() => serializerFor(Page)(broken)).toThrow(expect.objectContaining({ code: 'FST_ERR_RESPONSE_SERIALIZATION', statusCode: 500 }));
  });

  it('still encodes a schema with defaults: a missing defaulted field breaks the contract', () => {
    const WithDefault = z.object({ a: z.int().default(1) });
    expect(() => serializerFor(WithDefault)({})).toThrow(expect.objectContaining({ code: 'FST_ERR_RESPONSE_SERIALIZATION' }));
    expect(serializerFor(WithDefault)({ a: 2 })).toBe('{"a":2}');
  });
});
