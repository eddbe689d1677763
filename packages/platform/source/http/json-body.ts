// Request bodies of the platform server: JSON only, and small.
import type { IncomingMessage } from 'node:http';
import { JingmaiError } from '@jingmai/protocol';

/** Largest request body accepted (a complete-multipart list of 10 000 parts fits). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads and parses a JSON body; an empty body is `{}`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new JingmaiError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES)
      throw new JingmaiError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json'))
    throw new JingmaiError('INVALID_ARGUMENT', 'Request bodies must be application/json.');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new JingmaiError('INVALID_ARGUMENT', 'The request body is not valid JSON.');
  }
}
