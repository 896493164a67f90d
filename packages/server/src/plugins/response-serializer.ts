import type { FastifySerializerCompiler } from 'fastify';
import { InvalidSchemaError, ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode, safeParse } from 'zod/v4/core';

/**
 * Schema kinds that give the same output whether a value is parsed or encoded: no defaults,
 * transforms, pipes, codecs or catch. Anything not listed (and any lazy schema) counts as
 * direction-sensitive.
 */
const SAME_BOTH_WAYS = new Set([
  'string',
  'number',
  'int',
  'bigint',
  'boolean',
  'date',
  'symbol',
  'null',
  'undefined',
  'void',
  'any',
  'unknown',
  'never',
  'nan',
  'enum',
  'literal',
  'template_literal',
]);

interface DefLike {
  type: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  innerType?: $ZodType;
  options?: $ZodType[];
  left?: $ZodType;
  right?: $ZodType;
  keyType?: $ZodType;
  valueType?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
}

/** True when encoding `schema` is the same as parsing it: it holds only plain shapes and checks. */
export function encodesLikeParse(schema: $ZodType): boolean {
  const def = schema._zod.def as unknown as DefLike;
  const all = (list: ($ZodType | null | undefined)[]) => list.every((s) => !s || encodesLikeParse(s));
  switch (def.type) {
    case 'object':
      return all(Object.values(def.shape ?? {})) && all([def.catchall]);
    case 'array':
      return all([def.element]);
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return all([def.innerType]);
    case 'union':
      return all(def.options ?? []);
    case 'intersection':
      return all([def.left, def.right]);
    case 'record':
    case 'map':
      return all([def.keyType, def.valueType]);
    case 'set':
      return all([def.valueType]);
    case 'tuple':
      return all([...(def.items ?? []), def.rest]);
    default:
      return SAME_BOTH_WAYS.has(def.type);
  }
}

function resolveSchema(maybeSchema: unknown): $ZodType {
  if (maybeSchema instanceof $ZodType) return maybeSchema;
  if (maybeSchema && typeof maybeSchema === 'object' && 'properties' in maybeSchema && maybeSchema.properties instanceof $ZodType) {
    return maybeSchema.properties;
  }
  throw new InvalidSchemaError(JSON.stringify(maybeSchema));
}

/**
 * The response serializer: every answer is checked against its contract's response schema (a
 * mismatch is a 500 with FST_ERR_RESPONSE_SERIALIZATION, as with fastify-type-provider-zod's
 * serializer), unknown keys are stripped, then the value goes through JSON.stringify.
 *
 * fastify-type-provider-zod encodes (`safeEncode`), which is about four times slower than parsing:
 * zod compiles a parser for object shapes but not an encoder. For a schema of plain shapes and checks
 * both give the same output, so such schemas are parsed; the others (defaults, transforms, codecs)
 * are still encoded.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema: maybeSchema, method, url }) => {
  const schema = resolveSchema(maybeSchema);
  const check = encodesLikeParse(schema) ? (data: unknown) => safeParse(schema, data) : (data: unknown) => safeEncode(schema, data);
  return (data: unknown) => {
    const result = check(data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
