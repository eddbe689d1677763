import { describe, expect, it } from 'vitest';
import { projectPoints } from './map-projection.js';

describe('projectPoints', () => {
  it('fits the points inside the margin with north up and one scale for both axes', () => {
    const [west, east, north] = projectPoints(
      [
        { lat: 31.22, lng: 121.43 },
        { lat: 31.22, lng: 121.45 },
        { lat: 31.24, lng: 121.44 },
      ],
      320,
      180,
      20,
    );
    expect(west?.y).toBeCloseTo(160);
    expect(north?.y).toBeCloseTo(20);
    expect((west?.x ?? 0) + (east?.x ?? 0)).toBeCloseTo(320);
    // 0.02° of longitude at 31° N is cos(31°) as long as 0.02° of latitude.
    expect(((east?.x ?? 0) - (west?.x ?? 0)) / 140).toBeCloseTo(Math.cos((31.22 * Math.PI) / 180), 3);
  });

  it('puts a single point, or points at one place, in the middle', () => {
    expect(projectPoints([{ lat: 31, lng: 121 }], 100, 60, 10)).toEqual([{ x: 50, y: 30 }]);
    expect(projectPoints([], 100, 60, 10)).toEqual([]);
  });
});
