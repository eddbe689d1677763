// A compact data table with column definitions, a caption for screen readers, and selectable rows.
import type { ComponentChildren } from 'preact';

/** One column of a {@link Table}. */
export interface TableColumn<Row> {
  /** Unique among the columns. */
  readonly id: string;
  readonly header: ComponentChildren;
  readonly cell: (row: Row) => ComponentChildren;
  readonly align?: 'start' | 'end' | 'center';
  /** CSS width, e.g. "6em". */
  readonly width?: string;
}

/** Props of {@link Table}. */
export interface TableProps<Row> {
  readonly columns: readonly TableColumn<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** Names the table for assistive technology; visually hidden. */
  readonly caption: string;
  /** Rows marked selected (aria-selected), by key. */
  readonly selected?: ReadonlySet<string>;
  /** Shown in place of the body when there are no rows. */
  readonly empty?: ComponentChildren;
}

/** A table of `rows`, one column per definition. */
export function Table<Row>({ columns, rows, rowKey, caption, selected, empty }: TableProps<Row>) {
  return (
    <div class="jm-table-wrap">
      <table class="jm-table">
        <caption class="jm-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                class={`jm-table__cell--${column.align ?? 'start'}`}
                style={column.width ? { width: column.width } : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => {
              const key = rowKey(row);
              const isSelected = selected?.has(key);
              return (
                <tr key={key} aria-selected={selected ? isSelected : undefined}>
                  {columns.map((column) => (
                    <td key={column.id} class={`jm-table__cell--${column.align ?? 'start'}`}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
