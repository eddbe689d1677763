// The route of a delivery on an SVG map: the shop, the receiver, the straight line the Miaosong
// shim moves its riders along, and the rider where the last status put him.
import { fitProjection, type LatLng } from './route-projection';

const WIDTH = 320;
const HEIGHT = 200;

export function RouteMap(props: { shop: LatLng; receiver: LatLng; rider: LatLng | null }) {
  const points = [props.shop, props.receiver, ...(props.rider ? [props.rider] : [])];
  const project = fitProjection(points, WIDTH, HEIGHT, 24);
  const shop = project(props.shop);
  const receiver = project(props.receiver);
  const rider = props.rider ? project(props.rider) : null;
  return (
    <svg class="route-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Delivery route">
      <rect width={WIDTH} height={HEIGHT} fill="#eef3f7" />
      <line x1={shop.x} y1={shop.y} x2={receiver.x} y2={receiver.y} stroke="#8a94a6" stroke-dasharray="6 4" />
      <g data-point="shop">
        <circle cx={shop.x} cy={shop.y} r="7" fill="#e1251b" />
        <text x={shop.x + 10} y={shop.y + 4}>
          店铺
        </text>
      </g>
      <g data-point="receiver">
        <circle cx={receiver.x} cy={receiver.y} r="7" fill="#1a7f37" />
        <text x={receiver.x + 10} y={receiver.y + 4}>
          收货人
        </text>
      </g>
      {rider && (
        <g data-point="rider">
          <circle cx={rider.x} cy={rider.y} r="6" fill="#0969da" stroke="#fff" stroke-width="2" />
          <text x={rider.x + 9} y={rider.y - 6}>
            骑手
          </text>
        </g>
      )}
    </svg>
  );
}
