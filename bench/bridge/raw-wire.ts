// The raw baseline's frames. A third element asks the host to move the buffer back instead of
// copying it.
import type { Payload } from './contract.js';

export const RAW_HELLO = 'raw:hello';
export type RawRequest = [id: number, payload: Payload, transferBack?: true];
export type RawResponse = [id: number, payload: Payload];
