import { describe, expect, it } from 'vitest';
import { haversineMetres } from './distance.js';
import { priceOrder } from './pricing.js';

const shop = { lat: 31.2304, lng: 121.4737 };

describe('pricing', () => {
  it('measures great-circle distance', () => {
    // One degree of latitude is about 111.2 km.
    expect(haversineMetres({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -2);
  });

  it('charges the base price within 3 km and 5 kg', () => {
    const price = priceOrder({
      shop,
      receiver: { lat: 31.24, lng: 121.47 },
      cargoWeightKg: 5,
      cargoPriceYuan: 10,
      useInsurance: false,
      tipsYuan: 0,
    });
    expect(price.deliverFeeFen).toBe(500);
    expect(price.insuranceFeeFen).toBe(0);
  });

  it('adds 1 yuan per started km beyond 3 km and 0.5 yuan per started kg beyond 5 kg', () => {
    const receiver = { lat: shop.lat + 0.05, lng: shop.lng }; // ~5.56 km
    const price = priceOrder({
      shop,
      receiver,
      cargoWeightKg: 6.2,
      cargoPriceYuan: 123.45,
      useInsurance: true,
      tipsYuan: 2,
    });
    expect(price.distanceMetres).toBe(5560);
    expect(price.deliverFeeFen).toBe(500 + 3 * 100 + 2 * 50);
    expect(price.insuranceFeeFen).toBe(124); // 1% of 123.45, rounded up to the fen
    expect(price.tipsFen).toBe(200);
  });

  it('is deterministic', () => {
    const input = {
      shop,
      receiver: { lat: 31.1, lng: 121.3 },
      cargoWeightKg: 2,
      cargoPriceYuan: 1,
      useInsurance: false,
      tipsYuan: 0,
    };
    expect(priceOrder(input)).toEqual(priceOrder(input));
  });
});
