// The controlled vocabularies of linli, declared once and shared by the worker,
// the web front end, CSV import/export and the OpenAPI document.
// Codes are stable API values; labels are what people read.

export interface Term<Code extends string = string> {
  readonly code: Code;
  /** Chinese label, shown by default. */
  readonly zh: string;
  /** English label. */
  readonly en: string;
}

const terms = <const T extends readonly Term[]>(list: T) => list;

export const KINDS = terms([
  { code: 'rest_station', zh: '户外劳动者驿站', en: 'Rest station' },
  { code: 'elder_care', zh: '养老服务', en: 'Elder care' },
  { code: 'park', zh: '公园', en: 'Park' },
] as const);
export type Kind = (typeof KINDS)[number]['code'];

/** Amenities: the national list for outdoor workers' service stations, plus access. */
export const AMENITIES = terms([
  { code: 'seating', zh: '座椅休息', en: 'Seats & rest' },
  { code: 'toilet', zh: '卫生间', en: 'Toilet' },
  { code: 'drinking_water', zh: '饮水', en: 'Drinking water' },
  { code: 'cooling_heating', zh: '纳凉取暖', en: 'Cooling & heating' },
  { code: 'meal_heating', zh: '微波炉热饭', en: 'Meal heating' },
  { code: 'shelter', zh: '避雨避寒', en: 'Shelter from rain & cold' },
  { code: 'charging', zh: '手机充电', en: 'Phone charging' },
  { code: 'battery_swap', zh: '电瓶换电', en: 'Battery swap' },
  { code: 'discounted_meals', zh: '爱心餐', en: 'Discounted meals' },
  { code: 'reading', zh: '图书阅读', en: 'Reading' },
  { code: 'wifi', zh: '无线网络', en: 'Wi-Fi' },
  { code: 'first_aid', zh: '应急药箱', en: 'First-aid kit' },
  { code: 'female_care', zh: '女性关爱用品', en: 'Female care supplies' },
  { code: 'rain_gear', zh: '雨具借用', en: 'Rain gear to borrow' },
  { code: 'repair_tools', zh: '打气筒工具', en: 'Tyre pump & tools' },
  { code: 'accessible', zh: '无障碍通道', en: 'Step-free access' },
] as const);
export type Amenity = (typeof AMENITIES)[number]['code'];

export const ELDER_SERVICES = terms([
  { code: 'meals', zh: '老年餐桌（助餐）', en: 'Meals (canteen)' },
  { code: 'day_care', zh: '日间照料', en: 'Day care' },
  { code: 'residential', zh: '养老床位', en: 'Residential beds' },
  { code: 'medical', zh: '医疗服务站', en: 'Medical station' },
  { code: 'home_services', zh: '上门服务', en: 'Home services' },
  { code: 'elderly_school', zh: '老年学校', en: 'Elderly school' },
] as const);
export type ElderService = (typeof ELDER_SERVICES)[number]['code'];

export const PARK_TYPES = terms([
  { code: 'comprehensive', zh: '综合公园', en: 'Comprehensive park' },
  { code: 'community', zh: '社区公园', en: 'Community park' },
  { code: 'pocket', zh: '口袋公园', en: 'Pocket park' },
  { code: 'country_forest', zh: '郊野/森林公园', en: 'Country or forest park' },
  { code: 'wetland', zh: '湿地公园', en: 'Wetland park' },
] as const);
export type ParkType = (typeof PARK_TYPES)[number]['code'];

export const STATUSES = terms([
  { code: 'open', zh: '运营中', en: 'Open' },
  { code: 'temporarily_closed', zh: '暂停服务', en: 'Temporarily closed' },
  { code: 'retired', zh: '已撤销', en: 'Retired' },
] as const);
export type Status = (typeof STATUSES)[number]['code'];

/** The coordinate system a position was entered in; linli stores WGS-84. */
export const COORD_SYSTEMS = terms([
  { code: 'wgs84', zh: 'WGS-84（GPS、天地图、OSM）', en: 'WGS-84 (GPS, Tianditu, OSM)' },
  { code: 'gcj02', zh: 'GCJ-02（高德、腾讯）', en: 'GCJ-02 (Amap, Tencent)' },
  { code: 'bd09', zh: 'BD-09（百度）', en: 'BD-09 (Baidu)' },
] as const);
export type CoordSystem = (typeof COORD_SYSTEMS)[number]['code'];

export const COORD_PRECISIONS = terms([
  { code: 'surveyed', zh: '实测位置', en: 'Surveyed' },
  { code: 'approximate', zh: '大致位置', en: 'Approximate' },
] as const);
export type CoordPrecision = (typeof COORD_PRECISIONS)[number]['code'];

/** Where a record came from. `sample` is demo data and must never be shown as real. */
export const SOURCES = terms([
  { code: 'news_report', zh: '新闻报道', en: 'News report' },
  { code: 'street_office', zh: '街道办事处', en: 'Street office' },
  { code: 'import', zh: '批量导入', en: 'Bulk import' },
  { code: 'sample', zh: '演示样例（非真实）', en: 'Sample (not real)' },
] as const);
export type Source = (typeof SOURCES)[number]['code'];

export const codes = <T extends readonly Term[]>(list: T) =>
  list.map((t) => t.code) as unknown as [T[number]['code'], ...T[number]['code'][]];

export const termOf = <T extends readonly Term[]>(list: T, code: string): T[number] | undefined =>
  list.find((t) => t.code === code);
