// The delivery on a small map: the route from the shop to the receiver, and the rider's position
// as the status events report it. Plain SVG, no tiles: the app may call no map service.
import { type GeoPoint, projectPoints } from './map-projection.js';

const WIDTH = 320;
const HEIGHT = 180;
const MARGIN = 24;

export interface RiderMapProps {
  readonly shop: GeoPoint;
  readonly receiver: GeoPoint;
  readonly rider: GeoPoint | null;
  /** Describes the map for assistive technology. */
  readonly label: string;
  readonly shopLabel: string;
  readonly receiverLabel: string;
  readonly riderLabel: string;
}

export function RiderMap({
  shop,
  receiver,
  rider,
  label,
  shopLabel,
  receiverLabel,
  riderLabel,
}: RiderMapProps) {
  const [from, to, at] = projectPoints(
    rider ? [shop, receiver, rider] : [shop, receiver],
    WIDTH,
    HEIGHT,
    MARGIN,
  );
  if (!from || !to) return null;
  return (
    <svg class="dispatch-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <line class="dispatch-map__route" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      <circle class="dispatch-map__shop" cx={from.x} cy={from.y} r={6} />
      <text class="dispatch-map__label" x={from.x + 9} y={from.y + 4}>
        {shopLabel}
      </text>
      <circle class="dispatch-map__receiver" cx={to.x} cy={to.y} r={6} />
      <text class="dispatch-map__label" x={to.x + 9} y={to.y + 4}>
        {receiverLabel}
      </text>
      {at && (
        <g class="dispatch-map__rider" data-testid="rider">
          <circle cx={at.x} cy={at.y} r={5} />
          <text class="dispatch-map__label" x={at.x + 8} y={at.y - 6}>
            {riderLabel}
          </text>
        </g>
      )}
    </svg>
  );
}
