import type { ColumnDataType, CreateTableBuilder, Kysely } from 'kysely';
import type { DbKind } from '../database.js';

/** Column types that differ between the two databases, behind one name. */
export function types(kind: DbKind) {
  return {
    id: (kind === 'postgres' ? 'serial' : 'integer') as ColumnDataType,
    timestamp: (kind === 'postgres' ? 'timestamptz' : 'text') as ColumnDataType,
  };
}

export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  kind: DbKind,
): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', types(kind).id, (c) =>
    kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
  );
}

export interface MigrationContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  kind: DbKind;
}

export interface LianxinMigration {
  name: string;
  up(ctx: MigrationContext): Promise<void>;
}
