// Cities the shim serves, by the platform's city codes (telephone area codes). The centre point stands in
// for address geocoding when a fee query omits the receiver's coordinates.

export interface City {
  readonly cityName: string;
  readonly cityCode: string;
  readonly lat: number;
  readonly lng: number;
}

export const CITIES: readonly City[] = [
  { cityName: '北京', cityCode: '010', lat: 39.9042, lng: 116.4074 },
  { cityName: '上海', cityCode: '021', lat: 31.2304, lng: 121.4737 },
  { cityName: '广州', cityCode: '020', lat: 23.1291, lng: 113.2644 },
  { cityName: '深圳', cityCode: '0755', lat: 22.5431, lng: 114.0579 },
  { cityName: '杭州', cityCode: '0571', lat: 30.2741, lng: 120.1551 },
  { cityName: '南京', cityCode: '025', lat: 32.0603, lng: 118.7969 },
  { cityName: '苏州', cityCode: '0512', lat: 31.2989, lng: 120.5853 },
  { cityName: '天津', cityCode: '022', lat: 39.3434, lng: 117.3616 },
  { cityName: '重庆', cityCode: '023', lat: 29.563, lng: 106.5516 },
  { cityName: '成都', cityCode: '028', lat: 30.5728, lng: 104.0668 },
  { cityName: '武汉', cityCode: '027', lat: 30.5928, lng: 114.3055 },
  { cityName: '西安', cityCode: '029', lat: 34.3416, lng: 108.9398 },
];

export function findCity(cityCode: string): City | undefined {
  return CITIES.find((city) => city.cityCode === cityCode);
}
