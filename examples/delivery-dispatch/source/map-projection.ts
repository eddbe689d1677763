// Places coordinates on a small flat map: an equirectangular projection (east-west distances
// shrunk by cos(latitude)), fitted with a margin so every point is inside the picture.

export interface GeoPoint {
  readonly lat: number;
  readonly lng: number;
}

export interface MapPoint {
  readonly x: number;
  readonly y: number;
}

/** Projects `points` into a width×height picture keeping their proportions; same order as given. */
export function projectPoints(
  points: readonly GeoPoint[],
  width: number,
  height: number,
  margin: number,
): MapPoint[] {
  if (points.length === 0) return [];
  const scaleX = Math.cos((points[0]!.lat * Math.PI) / 180);
  const xs = points.map((point) => point.lng * scaleX);
  const ys = points.map((point) => point.lat);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX;
  const spanY = Math.max(...ys) - minY;
  const innerWidth = width - 2 * margin;
  const innerHeight = height - 2 * margin;
  // One scale for both axes keeps the map's shape; a single point (no span) sits in the middle.
  const scale = Math.min(
    spanX > 0 ? innerWidth / spanX : Number.POSITIVE_INFINITY,
    spanY > 0 ? innerHeight / spanY : Number.POSITIVE_INFINITY,
  );
  const offsetX = margin + (innerWidth - (Number.isFinite(scale) ? spanX * scale : 0)) / 2;
  const offsetY = margin + (innerHeight - (Number.isFinite(scale) ? spanY * scale : 0)) / 2;
  return xs.map((x, index) => {
    const factor = Number.isFinite(scale) ? scale : 0;
    // North is up: larger latitudes get smaller y.
    return {
      x: offsetX + (x - minX) * factor,
      y: offsetY + (spanY - ((ys[index] as number) - minY)) * factor,
    };
  });
}
