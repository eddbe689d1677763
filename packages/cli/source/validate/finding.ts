// One thing `jingmai validate` found: what rule, where, what is wrong, and how to fix it.

/** Errors fail validation (and `jingmai pack`); warnings are shown but do not. */
export type Severity = 'error' | 'warning';

/** A problem found in an app. */
export interface Finding {
  readonly severity: Severity;
  /** Stable id of the check, e.g. `code/eval` or `manifest/unknown-scope`. */
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
  /** The file, relative to the app root with `/` separators; absent for the app as a whole. */
  readonly file?: string;
  /** 1-based line and column in `file`, when known. */
  readonly line?: number;
  readonly column?: number;
}
