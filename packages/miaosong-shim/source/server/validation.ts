// Body schemas. Each field's error carries the platform code for that field, missing vs malformed, as the
// issue message; the first issue decides the response, so field order below is the order checks happen in.

import { z } from 'zod';
import { ApiFailure } from './failure.js';

const CARGO_TYPES = [1, 2, 3, 5, 8, 9, 13, 19, 20, 21, 24, 25, 26, 27, 28, 29, 51];

const code = (value: number) => ({ error: String(value) });
/** Missing (undefined) and wrong-type inputs get different codes. */
const codes = (missing: number, malformed: number) => ({
  error: (issue: { input?: unknown }) => String(issue.input === undefined ? missing : malformed),
});

// Clients in the wild send numbers as strings and ids as numbers; the platform accepts both.
const toNumber = (value: unknown) => {
  if (value === '') return undefined;
  if (typeof value === 'string' && Number.isFinite(Number(value))) return Number(value);
  return value;
};
const toText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

const requiredText = (missing: number) =>
  z.preprocess(toText, z.string(code(missing)).trim().min(1, code(missing)));
const optionalText = z.preprocess(toText, z.string(code(2013))).optional();
const numeric = <T extends z.ZodType>(inner: T) => z.preprocess(toNumber, inner);
const flag = (missing: number) =>
  numeric(z.number(codes(missing, 2013)).int(code(2013)).min(0, code(2013)).max(1, code(2013)));

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const orderFields = {
  shop_no: requiredText(2004),
  origin_id: requiredText(2104),
  city_code: requiredText(2126),
  cargo_price: numeric(z.number(codes(2113, 2410)).min(0, code(2410))),
  is_prepay: flag(2109),
  receiver_name: requiredText(2120),
  receiver_address: requiredText(2121),
  receiver_lat: numeric(z.number(codes(2128, 2079)).min(-90, code(2079)).max(90, code(2079))),
  receiver_lng: numeric(z.number(codes(2128, 2080)).min(-180, code(2080)).max(180, code(2080))),
  callback: requiredText(2123).refine(isHttpUrl, code(2006)),
  cargo_weight: numeric(z.number(codes(2112, 2415)).gt(0, code(2103))),
  receiver_phone: optionalText,
  receiver_tel: optionalText,
  tips: numeric(z.number(code(2054)).min(0, code(2054))).optional(),
  info: optionalText,
  cargo_type: numeric(z.number(code(2414)).refine((n) => CARGO_TYPES.includes(n), code(2414))).optional(),
  cargo_num: numeric(z.number(code(2416)).int(code(2416)).min(0, code(2416))).optional(),
  invoice_title: optionalText,
  origin_mark: z
    .string(code(2422))
    .regex(/^[A-Za-z]{0,9}$/, code(2422))
    .optional(),
  origin_mark_no: z.preprocess(toText, z.string(code(2421)).regex(/^\d{0,14}$/, code(2421))).optional(),
  is_use_insurance: flag(2013).optional(),
  is_finish_code_needed: flag(2013).optional(),
  delay_publish_time: numeric(z.number(code(2013)).int(code(2013))).optional(),
  is_expect_finish_order: flag(2013).optional(),
  expect_finish_time_limit: numeric(z.number(code(2170)).int(code(2170))).optional(),
  is_direct_delivery: flag(2472).optional(),
  product_list: z
    .array(
      z.object({
        sku_name: z.string(code(2479)).min(1, code(2479)).max(128, code(2479)),
        src_product_no: z.preprocess(toText, z.string(code(2481)).max(64, code(2481))),
        count: numeric(z.number(code(2480)).min(0, code(2480))),
        unit: optionalText,
      }),
      code(2013),
    )
    .optional(),
  pick_up_pos: optionalText,
  fetch_code: optionalText,
};

const hasPhone = (body: { receiver_phone?: string | undefined; receiver_tel?: string | undefined }) =>
  Boolean(body.receiver_phone?.trim() || body.receiver_tel?.trim());

export const addOrderSchema = z.object(orderFields).refine(hasPhone, code(2122));

/** On a fee query the coordinates may be left out (the address is then placed by its city). */
export const queryDeliverFeeSchema = z
  .object({
    ...orderFields,
    receiver_lat: orderFields.receiver_lat.optional(),
    receiver_lng: orderFields.receiver_lng.optional(),
  })
  .refine(hasPhone, code(2122))
  .refine((body) => (body.receiver_lat === undefined) === (body.receiver_lng === undefined), code(2128));

export const addAfterQuerySchema = z.object({
  deliveryNo: requiredText(2078),
  enableReset: z.boolean(code(2013)).optional(),
  info: optionalText,
});

export const orderIdSchema = z.object({ order_id: requiredText(1997) });

export const formalCancelSchema = z.object({
  order_id: requiredText(1997),
  cancel_reason_id: numeric(z.number(codes(2048, 2457)).int(code(2457))),
  cancel_reason: optionalText,
});

export const addTipSchema = z.object({
  order_id: requiredText(1997),
  tips: numeric(z.number(code(2054)).min(1, code(2055))),
  city_code: requiredText(2056),
  info: optionalText,
});

export type AddOrderInput = z.output<typeof addOrderSchema>;
export type QueryDeliverFeeInput = z.output<typeof queryDeliverFeeSchema>;
export type AddAfterQueryInput = z.output<typeof addAfterQuerySchema>;
export type OrderIdInput = z.output<typeof orderIdSchema>;
export type FormalCancelInput = z.output<typeof formalCancelSchema>;
export type AddTipInput = z.output<typeof addTipSchema>;

/** Validates a parsed body against `schema`, throwing the first field's platform code. */
export function validateBody<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.output<S> {
  for (const [key, value] of Object.entries(body)) {
    if (value === null) {
      throw new ApiFailure(
        key === 'receiver_lat' || key === 'receiver_lng' ? 2138 : 2417,
        `${key}: 不能传null值`,
      );
    }
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const failureCode = Number(issue?.message);
  const field = issue?.path.join('.') ?? '';
  const failure = new ApiFailure(Number.isInteger(failureCode) ? failureCode : 2013);
  throw new ApiFailure(failure.code, field ? `${failure.message} (${field})` : failure.message);
}
