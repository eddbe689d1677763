// Stand-in geocoding for fee queries that omit coordinates: a point within 5 km of the city centre,
// derived from the address text, so the same address always prices the same.

import { createHash } from 'node:crypto';
import type { City } from '../protocol/cities.js';
import type { LatLng } from './distance.js';

export function geocodeAddress(city: City, address: string): LatLng {
  const digest = createHash('md5').update(address).digest();
  const unit = (offset: number) => digest.readUInt16BE(offset) / 0xffff - 0.5;
  const spanDegrees = 0.09; // about ±5 km of latitude
  return {
    lat: city.lat + unit(0) * spanDegrees,
    lng: city.lng + (unit(2) * spanDegrees) / Math.cos((city.lat * Math.PI) / 180),
  };
}
