import type pg from 'pg';

// Data queries only; utility statements (begin, commit, DDL) run unnamed.
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;
const MAX_NAMED = 1_000;
const names = new Map<string, string>();
const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>();

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `yy_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pool whose clients run data queries as named prepared statements: PostgreSQL parses and plans
 * each distinct SQL text once per connection instead of on every call. One name per text, for the
 * life of the process (bounded; beyond MAX_NAMED texts queries run unnamed as before).
 */
export function withNamedStatements(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool);
  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    let proxy = wrapped.get(client);
    if (!proxy) {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      proxy = new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== 'query') return Reflect.get(target, prop, receiver);
          return (text: unknown, values?: unknown[]) => {
            const name = typeof text === 'string' && CACHEABLE.test(text) ? nameFor(text) : undefined;
            return name ? query({ name, text, values }) : query(text, values);
          };
        },
      });
      wrapped.set(client, proxy);
    }
    return proxy;
  };
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => wrap(await connect());
      return Reflect.get(target, prop, receiver);
    },
  });
}
