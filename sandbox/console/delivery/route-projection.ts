// Places latitude/longitude points in an SVG box: equirectangular, with longitudes shrunk by the
// cosine of the latitude (right for a few kilometres of city), fitted with a margin, north up.

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A projection of `points`' bounding box into a `width` × `height` box. */
export function fitProjection(points: readonly LatLng[], width: number, height: number, margin: number) {
  const lats = points.map((point) => point.lat);
  const lngs = points.map((point) => point.lng);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const shrink = Math.cos((midLat * Math.PI) / 180);
  const minX = Math.min(...lngs) * shrink;
  const maxX = Math.max(...lngs) * shrink;
  const minY = Math.min(...lats);
  const maxY = Math.max(...lats);
  // A single point (or a route along one axis) still gets a finite scale.
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = Math.min((width - 2 * margin) / span, (height - 2 * margin) / span);
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  return (point: LatLng): Point => ({
    x: offsetX + (point.lng * shrink - minX) * scale,
    y: height - (offsetY + (point.lat - minY) * scale),
  });
}
