// Schemas of delivery for apps: what an app sends to quote and create a Miaosong (秒送) delivery,
// and what it sees of an order. The platform server maps these onto the open platform's own
// fields; apps never hold the delivery credentials.
import { z } from 'zod';

/** The app's own order id; the platform namespaces it per app and shop. */
export const DeliveryOrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,48}$/, 'must be 1-48 of A-Z, a-z, 0-9, "_" or "-"');

/** A delivery to quote or create. Money in 元 (yuan), weight in kg, coordinates in WGS-84 degrees. */
export const DeliveryRequestSchema = z.strictObject({
  orderId: DeliveryOrderIdSchema,
  /** The open platform's city code, e.g. "021" for Shanghai. */
  cityCode: z.string().regex(/^\d{3,6}$/, 'is not a city code'),
  cargo: z.strictObject({
    price: z.number().positive().max(100_000),
    weight: z.number().positive().max(1000),
    count: z.int().min(1).max(1000).optional(),
    /** The open platform's cargo type code (1 food, 13 fresh produce, 19 e-commerce, 5 other...). */
    type: z.int().min(1).max(100).optional(),
  }),
  receiver: z.strictObject({
    name: z.string().trim().min(1).max(32),
    phone: z.string().regex(/^[0-9+\- ]{5,20}$/, 'is not a phone number'),
    address: z.string().trim().min(1).max(200),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  }),
  remark: z.string().max(200).optional(),
});

/** A priced delivery, valid until `expiresAt`. */
export const DeliveryQuoteSchema = z.strictObject({
  quoteId: z.string(),
  orderId: z.string(),
  /** What the merchant pays, in 元. */
  fee: z.number(),
  deliverFee: z.number(),
  /** Route length in metres. */
  distance: z.number(),
  /** Unix seconds. */
  expiresAt: z.int(),
});

/** Where the rider is and who they are, once one accepted. */
export const RiderSchema = z.strictObject({
  name: z.string(),
  phone: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});

/** An app's delivery order as the app sees it. */
export const DeliveryOrderSchema = z.strictObject({
  orderId: z.string(),
  /** The open platform's status code: 1 waiting, 2 accepted, 100 at shop, 3 delivering, 4 delivered, 5 cancelled, 7 expired, 9/10 returning/returned, 1000 creation failed. */
  status: z.int(),
  statusText: z.string(),
  fee: z.number().nullable(),
  distance: z.number().nullable(),
  tips: z.number(),
  rider: RiderSchema.nullable(),
  /** Fee kept when the merchant cancelled, in 元. */
  deductFee: z.number().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Arguments and results of the delivery methods. */
export const DELIVERY_SCHEMAS = {
  'delivery.quote': {
    description: 'Prices a delivery; create it from the quote within its validity (3 minutes).',
    params: DeliveryRequestSchema,
    result: DeliveryQuoteSchema,
  },
  'delivery.create': {
    description: 'Publishes a delivery, from a quote or directly from an order.',
    params: z.union([
      z.strictObject({ quoteId: z.string().min(1).max(128) }),
      z.strictObject({ order: DeliveryRequestSchema }),
    ]),
    result: DeliveryOrderSchema,
  },
  'delivery.get': {
    description: "One of the app's delivery orders, with the rider's position when known.",
    params: z.strictObject({ orderId: DeliveryOrderIdSchema }),
    result: DeliveryOrderSchema,
  },
  'delivery.list': {
    description: "The app's delivery orders for the shop, newest first, a page at a time.",
    params: z.strictObject({
      status: z.int().optional(),
      cursor: z.string().max(256).optional(),
      limit: z.int().min(1).max(100).optional(),
    }),
    result: z.strictObject({ items: z.array(DeliveryOrderSchema), cursor: z.string().nullable() }),
  },
  'delivery.cancel': {
    description: 'Cancels a delivery with a reason from delivery.cancelReasons; resolves with the fee kept.',
    params: z.strictObject({
      orderId: DeliveryOrderIdSchema,
      reasonId: z.int().positive(),
      reason: z.string().trim().min(1).max(200).optional(),
    }),
    result: z.strictObject({ deductFee: z.number() }),
  },
  'delivery.addTip': {
    description: 'Raises the tip of a delivery still waiting for a rider; each tip must exceed the last.',
    params: z.strictObject({ orderId: DeliveryOrderIdSchema, amount: z.number().positive().max(1000) }),
    result: z.void(),
  },
  'delivery.cancelReasons': {
    description: 'The reasons a delivery can be cancelled with.',
    params: z.strictObject({}),
    result: z.strictObject({ reasons: z.array(z.strictObject({ id: z.int(), reason: z.string() })) }),
  },
} as const;

/** A delivery to quote or create. */
export type DeliveryRequest = z.output<typeof DeliveryRequestSchema>;
/** A priced delivery. */
export type DeliveryQuote = z.output<typeof DeliveryQuoteSchema>;
/** An app's delivery order. */
export type DeliveryOrder = z.output<typeof DeliveryOrderSchema>;
