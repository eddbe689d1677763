// The console user the sandbox acts as, and the headers that prove it to the platform server
// (its development authenticator reads them), so every platform call follows the chosen shop and role.
import type { HostContext } from '@jingmai/host';

/** Shops the context switcher offers. */
export const SHOPS = [
  { id: 'shop-1001', name: '京东测试店铺' },
  { id: 'shop-2002', name: '京麦旗舰店' },
] as const;

export const INITIAL_CONTEXT: HostContext = {
  shop: SHOPS[0],
  user: { id: 'user-1', role: 'owner' },
  locale: 'zh-CN',
  theme: 'light',
};

/** Headers of every platform request for `context`. */
export function platformHeaders(devToken: string, context: HostContext): Record<string, string> {
  return {
    authorization: `Bearer ${devToken}`,
    'x-jingmai-shop': context.shop.id,
    'x-jingmai-user': context.user.id,
    'x-jingmai-role': context.user.role,
  };
}
