// The body of a status callback, built from the order as it is right after the change.

import { signCallback } from '../protocol/signature.js';
import { ORDER_STATUS } from '../protocol/statuses.js';
import type { StatusCallback } from '../protocol/types.js';
import type { OrderRow } from '../store/rows.js';

export function buildCallback(order: OrderRow, at: number): StatusCallback {
  // The platform reports creation failures (1000) in milliseconds and everything else in seconds.
  const update_time = order.status === ORDER_STATUS.CREATE_FAILED ? at : Math.floor(at / 1000);
  const body: StatusCallback = {
    client_id: order.client_id,
    order_id: order.origin_id,
    order_status: order.status,
    cancel_reason: order.cancel_reason,
    cancel_from: order.cancel_from,
    update_time,
    signature: signCallback({ client_id: order.client_id, order_id: order.origin_id, update_time }),
  };
  if (order.dm_id !== null) {
    body.dm_id = order.dm_id;
    body.dm_name = order.dm_name ?? '';
    body.dm_mobile = order.dm_mobile ?? '';
  }
  if (order.finish_code !== '') body.finish_code = order.finish_code;
  return body;
}
