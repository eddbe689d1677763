// The shim's deterministic tariff. All arithmetic is in fen (0.01 yuan) so results never drift.
//
//   distance  = round(haversine(shop, receiver)) metres
//   deliverFee = 5.00 for the first 3 km + 1.00 per started km beyond
//              + 0.50 per started kg beyond the first 5 kg
//   insuranceFee = 1% of cargo_price, rounded up to the fen, when is_use_insurance = 1; else 0
//   couponFee = 0
//   fee (what addOrder returns) = deliverFee - couponFee
//   deliveryFee (status/query) = deliverFee + tips + insuranceFee; actualFee = deliveryFee - couponFee

import { haversineMetres, type LatLng } from './distance.js';

export const TARIFF = {
  baseFen: 500,
  baseMetres: 3000,
  perKmFen: 100,
  freeKg: 5,
  perKgFen: 50,
  insuranceRate: 0.01,
} as const;

export interface PriceInput {
  readonly shop: LatLng;
  readonly receiver: LatLng;
  readonly cargoWeightKg: number;
  readonly cargoPriceYuan: number;
  readonly useInsurance: boolean;
  readonly tipsYuan: number;
}

/** A price, in fen. */
export interface Price {
  readonly distanceMetres: number;
  readonly deliverFeeFen: number;
  readonly couponFeeFen: number;
  readonly insuranceFeeFen: number;
  readonly tipsFen: number;
}

export const yuanToFen = (yuan: number) => Math.round(yuan * 100);
export const fenToYuan = (fen: number) => fen / 100;

export function priceOrder(input: PriceInput): Price {
  const distanceMetres = Math.round(haversineMetres(input.shop, input.receiver));
  const extraKm = Math.max(0, Math.ceil((distanceMetres - TARIFF.baseMetres) / 1000));
  const extraKg = Math.max(0, Math.ceil(input.cargoWeightKg - TARIFF.freeKg));
  const deliverFeeFen = TARIFF.baseFen + extraKm * TARIFF.perKmFen + extraKg * TARIFF.perKgFen;
  const insuranceFeeFen = input.useInsurance
    ? Math.ceil(yuanToFen(input.cargoPriceYuan) * TARIFF.insuranceRate)
    : 0;
  return {
    distanceMetres,
    deliverFeeFen,
    couponFeeFen: 0,
    insuranceFeeFen,
    tipsFen: yuanToFen(input.tipsYuan),
  };
}
