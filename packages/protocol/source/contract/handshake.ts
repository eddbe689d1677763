// The two handshake messages: the app's hello to its parent window, and the host's welcome,
// which arrives with the private MessagePort transferred beside it.
import { z } from 'zod';
import { SCOPE_NAMES } from '../scopes.js';
import { HELLO, WELCOME } from './frames.js';
import { ContextSchema, WireErrorSchema } from './schemas.js';

/** app → parent window, once per page load. */
export const HelloSchema = z.strictObject({
  type: z.literal(HELLO),
  versions: z.array(z.int().positive()).min(1).max(16),
});

/** host → app, with the port in `event.ports[0]`, or with an error and no port. */
export const WelcomeSchema = z.strictObject({
  type: z.literal(WELCOME),
  version: z.int().positive(),
  appId: z.string(),
  scopes: z.array(z.enum(SCOPE_NAMES as [string, ...string[]])),
  /** Present only with the `context:read` scope. */
  context: ContextSchema.nullable(),
  heartbeatMs: z.int().positive(),
  error: WireErrorSchema.optional(),
});

/** The app's hello. */
export type Hello = z.output<typeof HelloSchema>;
/** The host's welcome. */
export type Welcome = z.output<typeof WelcomeSchema>;
