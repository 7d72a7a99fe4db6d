import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One small interface over the embedded PGlite database and a PostgreSQL server, so that every
 * repository runs unchanged on both. Repositories take a `Tx` as a required argument: writes and
 * their audit events can only happen inside a transaction the service opened.
 */
export type SqlParam = string | number | boolean | null | Date | Uint8Array | readonly unknown[] | Record<string, unknown>;

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>>;
}

/** A live transaction. Only services open these (via `Db.transaction`). */
export interface Tx extends Queryable {
  readonly inTransaction: true;
  /** Run a multi-statement script (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load rows with COPY FROM STDIN (CSV text or its UTF-8 bytes, in chunks) inside this transaction, so a bulk
   * load commits or rolls back with the rest of it. Absent on one-statement transactions.
   */
  copyFrom?(table: string, columns: readonly string[], csv: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<number>;
}

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A transaction of exactly one statement: PostgreSQL runs every statement atomically, so a write
   * whose parts are CTEs of one statement needs no BEGIN/COMMIT round trips. A second statement
   * on it throws.
   */
  singleStatement(): Tx;
  /** Bulk load rows with COPY FROM STDIN (CSV text). */
  copyFrom(table: string, columns: readonly string[], csv: string): Promise<number>;
  close(): Promise<void>;
  /** Statement counter, for `queries_per_request_max`. Transaction control (BEGIN/COMMIT) is counted apart. */
  readonly stats: QueryStats;
}

/** Statements run on behalf of one HTTP request (counted through async context). */
export const requestStatements = new AsyncLocalStorage<{ statements: number }>();

export class QueryStats {
  private _statements = 0;
  get statements(): number {
    return this._statements;
  }
  set statements(n: number) {
    const store = requestStatements.getStore();
    if (store && n > this._statements) store.statements += n - this._statements;
    this._statements = n;
  }
  transactionControl = 0;
  snapshot(): { statements: number; transactionControl: number } {
    return { statements: this.statements, transactionControl: this.transactionControl };
  }
}

/** Quote a value for CSV as PostgreSQL's COPY … (FORMAT csv) expects. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Wraps a plain query function as a one-statement transaction (see `Db.singleStatement`). */
export function oneStatementTx(run: Queryable['query']): Tx {
  let used = false;
  const once = () => {
    if (used) throw new Error('singleStatement transaction used for a second statement; open a real transaction');
    used = true;
  };
  return {
    inTransaction: true,
    query(sql, params) {
      once();
      return run(sql, params);
    },
    async exec() {
      throw new Error('singleStatement transaction cannot run scripts');
    },
  };
}
