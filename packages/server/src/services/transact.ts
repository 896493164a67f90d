import type { ErrorCode } from '@yunying/contracts';
import type { DB, Kysely, Transaction } from '@yunying/db';
import { fail, type Failure, type Result } from './result.ts';

class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/** Unique constraints whose violation is an expected outcome, by constraint name. */
const UNIQUE_VIOLATIONS: Record<string, ErrorCode> = {
  skus_code_key: 'sku_code_taken',
  skus_spec_key: 'spec_combination_duplicate',
  warehouses_code_key: 'warehouse_code_taken',
};

function uniqueViolation(error: unknown): Failure | undefined {
  const e = error as { code?: string; constraint?: string };
  if (e?.code !== '23505' || !e.constraint) return undefined;
  const code = UNIQUE_VIOLATIONS[e.constraint];
  return code ? fail(code) : undefined;
}

/**
 * Runs a use case in one transaction. A returned failure rolls back everything the use case wrote
 * (no partial writes), and a race lost on a known unique constraint (two requests taking the same
 * SKU code at once) comes back as its typed failure instead of a 500.
 */
export async function transact<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    const known = uniqueViolation(error);
    if (known) return known;
    throw error;
  }
}
