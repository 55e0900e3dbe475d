// The server-side Table shape kubectl decorates and prints: column definitions plus rows of cells.

export interface TableColumn {
  /** As the server names it ("Nominated Node"); kubectl upper-cases it for the header. */
  name: string;
  /** 0: always shown; 1: only with -o wide. */
  priority: 0 | 1;
  /** The `format: name` column that `--show-kind` / multi-kind gets prefix with `kind/`. */
  isName?: boolean;
}

export interface TableRow {
  cells: string[];
  namespace?: string;
  labels?: Record<string, string>;
}

export interface Table {
  columns: readonly TableColumn[];
  rows: TableRow[];
}
