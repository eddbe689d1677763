// Our bridge's app end: the SDK's own handshake and BridgeClient, nothing else of the SDK. The
// first call is ui.setLoading, a real contract method, so the same page also connects to a host
// made by createHost (which knows no bench methods).
import { BridgeClient } from '../../packages/sdk/source/bridge/client.js';
import { handshake } from '../../packages/sdk/source/bridge/handshake.js';
import type { Echo, Payload } from './contract.js';

/** Connects and makes the first call. */
export async function connect(): Promise<Echo> {
  const { port, welcome } = await handshake(window, 10_000);
  const client = new BridgeClient(port, welcome.heartbeatMs);
  await client.call('ui.setLoading', { loading: false });
  return (payload, transfer) =>
    (transfer
      ? client.call('bench.echoTransfer', payload, { transfer })
      : client.call('bench.echo', payload)) as Promise<Payload>;
}
