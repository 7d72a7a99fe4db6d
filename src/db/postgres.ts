import pg from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, QueryResult, SqlParam, Tx } from './db.ts';
import { QueryStats, oneStatementTx } from './db.ts';

// int8 and numeric come back as strings by default; counts and ids here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  readonly stats = new QueryStats();
  constructor(readonly pool: pg.Pool) {}

  static async open(url: string, opts: { schema?: string; max?: number } = {}): Promise<PostgresDb> {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const db = new PostgresDb(pool);
    await pool.query('SELECT 1');
    return db;
  }

  async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
    this.stats.statements++;
    const r = await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const stats = this.stats;
    const tx: Tx = {
      inTransaction: true,
      async query<R>(sql: string, params: readonly SqlParam[] = []) {
        stats.statements++;
        const r = await client.query(sql, params as unknown[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
      },
      async exec(sql: string) {
        stats.statements++;
        await client.query(sql);
      },
      async copyFrom(table, columns, csv) {
        stats.statements++;
        return copyInto(client, table, columns, csv);
      },
    };
    try {
      stats.transactionControl++;
      await client.query('BEGIN');
      const out = await fn(tx);
      stats.transactionControl++;
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  singleStatement(): Tx {
    return oneStatementTx((sql, params) => this.query(sql, params));
  }

  async copyFrom(table: string, columns: readonly string[], csv: string): Promise<number> {
    const { from } = await import('pg-copy-streams');
    const client = await this.pool.connect();
    try {
      this.stats.statements++;
      const stream = client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from([csv]), stream);
      return Number((stream as unknown as { rowCount?: number }).rowCount ?? 0);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], csv: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<number> {
  const { from } = await import('pg-copy-streams');
  const stream = client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(csv), stream);
  return Number((stream as unknown as { rowCount?: number }).rowCount ?? 0);
}
