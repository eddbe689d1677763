// The questions the load generator asks the callback receiver process, and its answers.

export type SinkRequest = { readonly id: number } & (
  | { readonly op: 'count'; readonly status: number }
  | { readonly op: 'arrived'; readonly keys: readonly string[] }
  | { readonly op: 'arrivals'; readonly keys: readonly string[] }
);

/** Id 0 carries the listening port once the receiver is up. */
export interface SinkReply {
  readonly id: number;
  readonly value: number | number[];
}
