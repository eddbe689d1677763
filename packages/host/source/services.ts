// The shape of the console's services: one function per method of the contract, receiving the
// parsed arguments and returning the method's result, all typed from the protocol.
import type { MethodArgs, MethodName, MethodResult } from '@jingmai/protocol';
import type { CallContext } from './bridge/session.js';

/** A service for each method of the contract. */
export type Services = {
  [M in MethodName]: (args: MethodArgs<M>, call: CallContext) => MethodResult<M> | Promise<MethodResult<M>>;
};
