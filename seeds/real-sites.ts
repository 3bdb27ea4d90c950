// Real sites named in the Beijing news reports in shared/reference/articles.
import type { SiteSeed } from './site-seed';

export const REAL_SITES: readonly SiteSeed[] = [
  {
    external_id: 'news:jinsong-mofang-beili-station',
    kind: 'rest_station',
    name: '劲松街道磨房北里社区户外劳动者服务站',
    street_code: '110105017',
    lat: 39.8839, lng: 116.4570,
    coord_precision: 'approximate',
    opening_hours: '24/7',
    amenities: ['seating', 'drinking_water', 'meal_heating', 'charging', 'toilet'],
    source: 'news_report',
  },
];
