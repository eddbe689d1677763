// The delivery methods' services: each goes to the platform server, which holds the delivery
// credentials and owns the order records; the host adds nothing but the app's identity.
import type { PlatformClient } from '../platform/client.js';
import type { Services } from '../services.js';

type DeliveryServices = Pick<
  Services,
  | 'delivery.quote'
  | 'delivery.create'
  | 'delivery.get'
  | 'delivery.list'
  | 'delivery.cancel'
  | 'delivery.addTip'
  | 'delivery.cancelReasons'
>;

/** The delivery services of one app. */
export function deliveryServices(appId: string, platform: PlatformClient): DeliveryServices {
  return {
    'delivery.quote': (args, call) => platform.delivery(appId, 'delivery.quote', args, call.signal),
    'delivery.create': (args, call) => platform.delivery(appId, 'delivery.create', args, call.signal),
    'delivery.get': (args, call) => platform.delivery(appId, 'delivery.get', args, call.signal),
    'delivery.list': (args, call) => platform.delivery(appId, 'delivery.list', args, call.signal),
    'delivery.cancel': (args, call) => platform.delivery(appId, 'delivery.cancel', args, call.signal),
    'delivery.addTip': async (args, call) => {
      await platform.delivery(appId, 'delivery.addTip', args, call.signal);
    },
    'delivery.cancelReasons': (args, call) =>
      platform.delivery(appId, 'delivery.cancelReasons', args, call.signal),
  };
}
