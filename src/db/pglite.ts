import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, SqlParam, Tx } from './db.ts';
import { QueryStats, oneStatementTx } from './db.ts';

/**
 * PGlite runs one connection in the process; its own `transaction()` serialises callers, which is
 * what makes the conditional-update-plus-audit step atomic here just as on a server.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  readonly stats = new QueryStats();
  constructor(readonly pg: PGlite) {}

  static async open(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<PgliteDb> {
    const pg = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
    await pg.waitReady;
    return new PgliteDb(pg);
  }

  async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
    this.stats.statements++;
    const r = await this.pg.query<R>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.stats.transactionControl += 2;
    return this.pg.transaction(async (t) => {
      const stats = this.stats;
      const tx: Tx = {
        inTransaction: true,
        async query<R>(sql: string, params: readonly SqlParam[] = []) {
          stats.statements++;
          const r = await t.query<R>(sql, params as unknown[]);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        },
        async exec(sql: string) {
          stats.statements++;
          await t.exec(sql);
        },
        async copyFrom(table, columns, csv) {
          stats.statements++;
          const parts: BlobPart[] = [];
          for await (const chunk of csv) parts.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
          const r = await t.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob(parts) });
          return r.affectedRows ?? 0;
        },
      };
      return fn(tx);
    });
  }

  singleStatement(): Tx {
    return oneStatementTx((sql, params) => this.query(sql, params));
  }

  async copyFrom(table: string, columns: readonly string[], csv: string): Promise<number> {
    this.stats.statements++;
    const r = await this.pg.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([csv]),
    });
    return r.affectedRows ?? 0;
  }

  async exec(sql: string): Promise<void> {
    this.stats.statements++;
    await this.pg.exec(sql);
  }

  async close(): Promise<void> {
    await this.pg.close();
  }
}
