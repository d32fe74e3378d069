export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or a client inside a transaction. */
export interface Queryable {
  /**
   * `name` makes it a named prepared statement, planned once per connection: for the hottest
   * read routes, whose planning costs more than their execution.
   */
  query<R = any>(text: string, params?: unknown[], opts?: QueryOptions): Promise<QueryResult<R>>;
}

export interface QueryOptions {
  name?: string;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs fn in one transaction on one connection; rolls back when fn throws. */
  tx<T>(fn: (client: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
