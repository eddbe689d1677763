import { messageFor } from '../protocol/codes.js';

/** A refusal with a platform code; the server turns it into a fail envelope. */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    message: string = messageFor(code),
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
