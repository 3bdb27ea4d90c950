// The controlled vocabularies of linli, declared once and shared by the worker,
// the web front end, CSV import/export and the OpenAPI document.
// Codes are stable API values; labels are what people read.

export interface Term<Code extends string = string> {
  readonly code: Code;
  /** Chinese label, shown by default: the official wording where a source list gives one. */
  readonly zh: string;
  /** English label. */
  readonly en: string;
  /**
   * More Chinese names the CSV import accepts for this term: the phrases of the official
   * lists (急可如厕 …) and the labels linli used before (so a sheet exported earlier imports).
   */
  readonly aliases?: readonly string[];
}

const terms = <const T extends readonly Term[]>(list: T) => list;

export const KINDS = terms([
  { code: 'rest_station', zh: '户外劳动者驿站', en: 'Rest station' },
  { code: 'elder_care', zh: '养老服务', en: 'Elder care' },
  { code: 'park', zh: '公园', en: 'Park' },
] as const);
export type Kind = (typeof KINDS)[number]['code'];

/**
 * Amenities of a site. Sources: the ACFTU's service stations for outdoor workers
 * (全国总工会 户外劳动者服务站点: 休息如厕、饮水纳凉、餐食加热、驱寒避雨、手机充电、读书阅览) and
 * Beijing's 暖心驿站 "八可" (热可纳凉、冷可取暖、雨可栖身、急可如厕、渴可饮水、累可歇脚、伤可用药、
 * 餐可优惠); then linli's extras that riders ask for (battery swap, Wi-Fi, rain gear,
 * tyre pump, female care). Step-free access is not an amenity: see ACCESSIBILITY.
 * Replaced codes: cooling_heating → cooling + heating, accessible → accessibility step_free_entrance.
 */
export const AMENITIES = terms([
  { code: 'toilet', zh: '如厕', en: 'Toilet', aliases: ['急可如厕', '卫生间', '厕所'] },
  { code: 'drinking_water', zh: '饮水', en: 'Drinking water', aliases: ['渴可饮水'] },
  { code: 'seating', zh: '歇脚休息', en: 'Seats & rest', aliases: ['累可歇脚', '座椅休息', '休息'] },
  { code: 'cooling', zh: '纳凉', en: 'Cool in summer', aliases: ['热可纳凉'] },
  { code: 'heating', zh: '取暖', en: 'Warm in winter', aliases: ['冷可取暖'] },
  { code: 'shelter', zh: '驱寒避雨', en: 'Shelter from rain & cold', aliases: ['雨可栖身', '避雨避寒', '避雨'] },
  { code: 'meal_heating', zh: '餐食加热', en: 'Meal heating', aliases: ['微波炉热饭', '热饭'] },
  { code: 'discounted_meals', zh: '餐食优惠', en: 'Discounted meals', aliases: ['餐可优惠', '爱心餐'] },
  { code: 'charging', zh: '手机充电', en: 'Phone charging', aliases: ['充电'] },
  { code: 'reading', zh: '读书阅览', en: 'Reading', aliases: ['图书阅读'] },
  { code: 'first_aid', zh: '应急用药', en: 'First aid & medicines', aliases: ['伤可用药', '应急药箱', '医药箱'] },
  { code: 'battery_swap', zh: '电瓶换电', en: 'Battery swap', aliases: ['换电'] },
  { code: 'wifi', zh: '无线网络', en: 'Wi-Fi', aliases: ['WiFi', '无线上网'] },
  { code: 'rain_gear', zh: '雨具借用', en: 'Rain gear to borrow' },
  { code: 'repair_tools', zh: '打气筒工具', en: 'Tyre pump & tools', aliases: ['打气筒'] },
  { code: 'female_care', zh: '女性关爱用品', en: 'Female care supplies' },
] as const);
export type Amenity = (typeof AMENITIES)[number]['code'];

/**
 * Elder-care services. Sources: the six basic functions of Beijing's 养老服务驿站
 * (北京市社区养老服务驿站: 日间照料、呼叫服务、助餐服务、健康指导、文化娱乐、心理慰藉), the home
 * services of GB/T 43153-2023《居家养老上门服务基本规范》 (助餐、助浴、助洁、助行、助医、助急), and
 * what linli's data already records (beds, a medical station, home visits in general, an
 * elderly school). Codes in use before were kept.
 */
export const ELDER_SERVICES = terms([
  { code: 'meals', zh: '助餐服务', en: 'Meals (canteen)', aliases: ['老年餐桌（助餐）', '老年餐桌', '助餐'] },
  { code: 'day_care', zh: '日间照料', en: 'Day care' },
  { code: 'call_service', zh: '呼叫服务', en: 'Call service', aliases: ['紧急呼叫'] },
  { code: 'health_guidance', zh: '健康指导', en: 'Health guidance', aliases: ['健康管理'] },
  { code: 'recreation', zh: '文化娱乐', en: 'Culture & recreation' },
  { code: 'emotional_support', zh: '心理慰藉', en: 'Emotional support', aliases: ['精神慰藉'] },
  { code: 'medical', zh: '医疗服务站', en: 'Medical station', aliases: ['医疗服务', '医疗'] },
  { code: 'home_services', zh: '上门服务', en: 'Home services', aliases: ['居家上门服务'] },
  { code: 'bathing', zh: '助浴', en: 'Help with bathing', aliases: ['助浴服务'] },
  { code: 'cleaning', zh: '助洁', en: 'Help with cleaning', aliases: ['助洁服务'] },
  { code: 'mobility', zh: '助行', en: 'Help getting about', aliases: ['助行服务'] },
  { code: 'medical_escort', zh: '助医', en: 'Help with doctor visits', aliases: ['助医服务', '陪诊'] },
  { code: 'emergency', zh: '助急', en: 'Emergency help', aliases: ['助急服务'] },
  { code: 'residential', zh: '养老床位', en: 'Residential beds', aliases: ['床位'] },
  { code: 'elderly_school', zh: '老年学校', en: 'Elderly school', aliases: ['老年大学'] },
] as const);
export type ElderService = (typeof ELDER_SERVICES)[number]['code'];

/**
 * Park types of 《北京市公园分类分级管理办法》 (2022, in force 2022-08-01), article 5: seven
 * types. 游园 includes pocket parks (口袋公园); 生态公园 covers 郊野公园, 滨河森林公园 and
 * 乡村公园; 自然公园 the parks of the nature-reserve system (森林公园, 湿地公园, 地质公园 …).
 * Replaced codes (migration 0007): pocket → garden, country_forest → ecological, wetland → nature.
 */
export const PARK_TYPES = terms([
  { code: 'comprehensive', zh: '综合公园', en: 'Comprehensive park' },
  { code: 'community', zh: '社区公园', en: 'Community park' },
  { code: 'historic', zh: '历史名园', en: 'Historic garden' },
  { code: 'specialized', zh: '专类公园', en: 'Specialized park', aliases: ['专类园'] },
  { code: 'garden', zh: '游园', en: 'Small garden or pocket park', aliases: ['口袋公园', '小微绿地', '街头游园'] },
  {
    code: 'ecological',
    zh: '生态公园',
    en: 'Ecological park',
    aliases: ['郊野/森林公园', '郊野公园', '滨河森林公园', '乡村公园'],
  },
  { code: 'nature', zh: '自然公园', en: 'Nature park', aliases: ['湿地公园', '森林公园', '地质公园'] },
] as const);
export type ParkType = (typeof PARK_TYPES)[number]['code'];

/** The four grades of the same 办法 (一级 the most important), set by the city's parks authority. */
export const PARK_GRADES = terms([
  { code: 'grade_1', zh: '一级', en: 'Grade 1', aliases: ['一级公园', '1级'] },
  { code: 'grade_2', zh: '二级', en: 'Grade 2', aliases: ['二级公园', '2级'] },
  { code: 'grade_3', zh: '三级', en: 'Grade 3', aliases: ['三级公园', '3级'] },
  { code: 'grade_4', zh: '四级', en: 'Grade 4', aliases: ['四级公园', '4级'] },
] as const);
export type ParkGrade = (typeof PARK_GRADES)[number]['code'];

/**
 * Accessibility of a site, as HSDS 3.1 `accessibility` records carry it, in the words of
 * GB 55019-2021《建筑与市政工程无障碍通用规范》 (无障碍出入口, 轮椅坡道, 无障碍电梯, 无障碍厕所,
 * 扶手) and the 适老化 practice of seats with armrests and wheelchairs to borrow.
 */
export const ACCESSIBILITY = terms([
  { code: 'step_free_entrance', zh: '无障碍出入口', en: 'Step-free entrance', aliases: ['无障碍通道', '无台阶入口'] },
  { code: 'ramp', zh: '轮椅坡道', en: 'Wheelchair ramp', aliases: ['坡道', '无障碍坡道'] },
  { code: 'lift', zh: '无障碍电梯', en: 'Accessible lift', aliases: ['电梯'] },
  { code: 'accessible_toilet', zh: '无障碍厕所', en: 'Accessible toilet', aliases: ['无障碍卫生间'] },
  { code: 'handrails', zh: '扶手', en: 'Handrails', aliases: ['安全扶手'] },
  { code: 'armrest_seating', zh: '扶手座椅', en: 'Seats with armrests', aliases: ['休息座椅'] },
  { code: 'wheelchair_loan', zh: '轮椅借用', en: 'Wheelchair to borrow', aliases: ['借用轮椅'] },
] as const);
export type Accessibility = (typeof ACCESSIBILITY)[number]['code'];

/**
 * Codes linli used before migration 0007 and what they became, so that stored history,
 * old CSV sheets and API clients still mean the same thing.
 */
export const FORMER_CODES = {
  park_type: { pocket: 'garden', country_forest: 'ecological', wetland: 'nature' },
  amenities: { cooling_heating: ['cooling', 'heating'] },
  /** An amenity that moved to the accessibility list. */
  amenity_to_accessibility: { accessible: 'step_free_entrance' },
} as const satisfies {
  park_type: Record<string, ParkType>;
  amenities: Record<string, readonly Amenity[]>;
  amenity_to_accessibility: Record<string, Accessibility>;
};

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

/** How the former codes read, for history recorded before migration 0007. */
export const FORMER_TERMS = terms([
  { code: 'pocket', zh: '口袋公园', en: 'Pocket park' },
  { code: 'country_forest', zh: '郊野/森林公园', en: 'Country or forest park' },
  { code: 'wetland', zh: '湿地公园', en: 'Wetland park' },
  { code: 'cooling_heating', zh: '纳凉取暖', en: 'Cooling & heating' },
  { code: 'accessible', zh: '无障碍通道', en: 'Step-free access' },
] as const);

export const codes = <T extends readonly Term[]>(list: T) =>
  list.map((t) => t.code) as unknown as [T[number]['code'], ...T[number]['code'][]];

/** A type guard for the codes of one list (e.g. to keep the known codes of a URL or a saved filter). */
export function isCodeOf<T extends readonly Term[]>(list: T): (code: string) => code is T[number]['code'] {
  const known = new Set<string>(list.map((t) => t.code));
  return (code: string): code is T[number]['code'] => known.has(code);
}

export const termOf = <T extends readonly Term[]>(list: T, code: string): T[number] | undefined =>
  list.find((t) => t.code === code);
