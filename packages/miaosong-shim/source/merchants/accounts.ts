// Merchants, their shops and app credentials. The platform's public test identities (merchant 73753,
// shop 11047059) are seeded so client code written for the real test environment runs unchanged.

import { randomBytes } from 'node:crypto';
import type { AppRow, ShopRow } from '../store/rows.js';
import type { Store } from '../store/sqlite.js';

export interface SeedAccount {
  readonly sourceId: string;
  readonly merchantName: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly shop: Omit<ShopRow, 'source_id'>;
}

export const TEST_SOURCE_ID = '73753';
export const TEST_SHOP_NO = '11047059';

/** Credentials and shop seeded into every data dir unless overridden. The shop stands in People's Square, Shanghai. */
export const DEFAULT_SEED: SeedAccount = {
  sourceId: TEST_SOURCE_ID,
  merchantName: '测试商户',
  appKey: 'dada73753sandbox',
  appSecret: 'sandbox-secret-73753',
  shop: {
    shop_no: TEST_SHOP_NO,
    name: '测试门店',
    city_code: '021',
    address: '上海市黄浦区人民大道200号',
    phone: '02100000000',
    lat: 31.2304,
    lng: 121.4737,
  },
};

export function seedAccount(store: Store, seed: SeedAccount): void {
  store.transaction(() => {
    store.upsertMerchant({ source_id: seed.sourceId, name: seed.merchantName });
    store.upsertApp({ app_key: seed.appKey, app_secret: seed.appSecret, source_id: seed.sourceId });
    store.upsertShop({ ...seed.shop, source_id: seed.sourceId });
  });
}

/** Registers an app for a merchant, generating the key and secret when not given. */
export function addApp(store: Store, sourceId: string, appKey?: string, appSecret?: string): AppRow {
  const row: AppRow = {
    app_key: appKey ?? `dada${randomBytes(8).toString('hex')}`,
    app_secret: appSecret ?? randomBytes(16).toString('hex'),
    source_id: sourceId,
  };
  store.upsertApp(row);
  return row;
}
