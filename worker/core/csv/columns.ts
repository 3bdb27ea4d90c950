// The columns of a site CSV (import, export and template), each with its English
// key (the API field name) and the Chinese header a street office may use instead.
// A cell's text is turned into the API value here; validation is the API's own.
import {
  ACCESSIBILITY,
  AMENITIES,
  COORD_PRECISIONS,
  COORD_SYSTEMS,
  ELDER_SERVICES,
  FORMER_CODES,
  FORMER_TERMS,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
  STATUSES,
  type Term,
} from '../vocabulary';

export type CellValue = string | number | boolean | string[] | null;
/**
 * A cell's text as an API value, or a reason it cannot be one. `adds` are codes the cell
 * gives another list field (a sheet from before 0007 lists 无障碍通道 among the amenities).
 */
type Reader = (text: string) => { value: CellValue; adds?: Partial<Record<string, string[]>> } | { reason: string };

export interface Column {
  key: string;
  zh: string;
  /** More headers accepted for this column. */
  aliases?: readonly string[];
  read: Reader;
  /** Notes for people filling the template. */
  about: string;
}

/** Separators accepted between list items: `;` `,` `、` `；` `，`. */
export const LIST_SEPARATORS = /[;,、；，]/;

const normal = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-－—]/g, '');

const namesOf = (t: Term) => [t.code, t.zh, t.en, t.zh.replace(/（.*$/, ''), ...(t.aliases ?? [])];

/**
 * Finds a term by code, Chinese or English label, or alias: the official lists' phrases and
 * linli's former labels (case, spaces and dashes ignored). `extra` maps more names to codes.
 */
function termReader(list: readonly Term[], extra: Record<string, string> = {}): (text: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const t of list) for (const name of namesOf(t)) byName.set(normal(name), t.code);
  for (const [name, code] of Object.entries(extra)) byName.set(normal(name), code);
  return (text) => byName.get(normal(text));
}

/** Names of a former code (its code and its label then) → what it is now. */
function formerNames<V>(map: Record<string, V>): Record<string, V> {
  const names: Record<string, V> = {};
  for (const [code, now] of Object.entries(map)) {
    const former = FORMER_TERMS.find((t) => t.code === code);
    for (const name of [code, ...(former ? [former.zh, former.en] : [])]) names[normal(name)] = now;
  }
  return names;
}

const FORMER_PARK_TYPES = formerNames<string>(FORMER_CODES.park_type);
const FORMER_AMENITIES = formerNames<readonly string[]>(FORMER_CODES.amenities);
const MOVED_TO_ACCESSIBILITY = formerNames<string>(FORMER_CODES.amenity_to_accessibility);

const text: Reader = (s) => ({ value: s.trim() === '' ? null : s.trim() });

const number: Reader = (s) => {
  const t = s.trim().replace(/，/g, '.');
  if (t === '') return { value: null };
  const n = Number(t);
  return Number.isFinite(n) && /^[-+]?[0-9]*\.?[0-9]+(e[-+]?[0-9]+)?$/i.test(t)
    ? { value: n }
    : { reason: `"${s}" is not a number` };
};

function term(list: readonly Term[], what: string, extra?: Record<string, string>): Reader {
  const find = termReader(list, extra);
  return (s) => {
    if (s.trim() === '') return { value: null };
    const code = find(s);
    return code ? { value: code } : { reason: `unknown ${what} "${s.trim()}"` };
  };
}

function terms(list: readonly Term[], what: string): Reader {
  const find = termReader(list);
  return (s) => {
    const items = s
      .split(LIST_SEPARATORS)
      .map((i) => i.trim())
      .filter(Boolean);
    const unknown = items.filter((i) => !find(i));
    if (unknown.length) return { reason: `unknown ${what} ${unknown.map((u) => `"${u}"`).join(', ')}` };
    return { value: [...new Set(items.map((i) => find(i)!))] };
  };
}

/**
 * Amenities, also as a sheet from before migration 0007 wrote them: 纳凉取暖 is 纳凉 and 取暖,
 * and 无障碍通道 (now an accessibility feature) is added to the site's accessibility.
 */
const amenities: Reader = (s) => {
  const find = termReader(AMENITIES);
  const codes: string[] = [];
  const access: string[] = [];
  const unknown: string[] = [];
  for (const item of s
    .split(LIST_SEPARATORS)
    .map((i) => i.trim())
    .filter(Boolean)) {
    const code = find(item);
    const former = FORMER_AMENITIES[normal(item)];
    const moved = MOVED_TO_ACCESSIBILITY[normal(item)];
    if (code) codes.push(code);
    else if (former) codes.push(...former);
    else if (moved) access.push(moved);
    else unknown.push(item);
  }
  if (unknown.length) return { reason: `unknown amenity ${unknown.map((u) => `"${u}"`).join(', ')}` };
  return { value: [...new Set(codes)], ...(access.length ? { adds: { accessibility: access } } : {}) };
};

const YES = new Set(['yes', 'true', '1', 'y', '是', '按调休上班', '上班', '跟随']);
const NO = new Set(['no', 'false', '0', 'n', '否', '不调休', '不上班', '不跟随']);
const yesNo: Reader = (s) => {
  const t = s.trim().toLowerCase();
  if (t === '') return { value: null };
  if (YES.has(t)) return { value: true };
  if (NO.has(t)) return { value: false };
  return { reason: `"${s.trim()}" is not yes/no (是/否)` };
};

const list: Reader = (s) => ({
  value: s
    .split(LIST_SEPARATORS)
    .map((i) => i.trim())
    .filter(Boolean),
});

export const COLUMNS: readonly Column[] = [
  {
    key: 'external_id',
    zh: '编号',
    aliases: ['id', 'ID'],
    read: text,
    about: 'Your stable key for the site; without it the key is street_code + name',
  },
  {
    key: 'kind',
    zh: '类型',
    read: term(KINDS, 'kind'),
    about: 'rest_station / elder_care / park, or 户外劳动者驿站 / 养老服务 / 公园',
  },
  { key: 'name', zh: '名称', read: text, about: 'Name in Chinese' },
  { key: 'name_en', zh: '英文名称', read: text, about: 'Name in English (optional)' },
  { key: 'address', zh: '地址', read: text, about: 'Street address' },
  { key: 'street_code', zh: '街道代码', read: text, about: '9-digit street (街道/乡镇) code, e.g. 110105017' },
  { key: 'lat', zh: '纬度', read: number, about: 'Latitude in coord_system' },
  { key: 'lng', zh: '经度', read: number, about: 'Longitude in coord_system' },
  {
    key: 'coord_system',
    zh: '坐标系',
    read: term(COORD_SYSTEMS, 'coordinate system', {
      高德: 'gcj02',
      腾讯: 'gcj02',
      百度: 'bd09',
      GPS: 'wgs84',
      天地图: 'wgs84',
    }),
    about: 'wgs84 (default), gcj02 (Amap/Tencent) or bd09 (Baidu)',
  },
  {
    key: 'coord_precision',
    zh: '坐标精度',
    read: term(COORD_PRECISIONS, 'precision'),
    about: 'surveyed or approximate (default)',
  },
  { key: 'phones', zh: '电话', read: list, about: 'Phone numbers separated by ; , 、 or ；' },
  {
    key: 'opening_hours',
    zh: '开放时间',
    read: text,
    about: 'OSM syntax (Mo-Fr 08:00-18:00; PH off) or as written in Chinese (周一至周五 8:00-18:00，节假日休息)',
  },
  {
    key: 'follows_workday_calendar',
    zh: '调休上班',
    aliases: ['按调休上班'],
    read: yesNo,
    about:
      'yes/是: open with weekday hours on make-up working days (default for elder care); no/否: keeps its own weekday (default for parks, rest stations)',
  },
  {
    key: 'amenities',
    zh: '设施',
    read: amenities,
    about:
      'Codes or Chinese names separated by ; , 、 or ；: the ACFTU and 八可 wording (如厕, 急可如厕, 餐食加热 …) and the labels of earlier sheets',
  },
  {
    key: 'accessibility',
    zh: '无障碍设施',
    aliases: ['无障碍'],
    read: terms(ACCESSIBILITY, 'accessibility feature'),
    about:
      'Step-free entrance, ramp, lift, accessible toilet, handrails, seats with armrests, wheelchair to borrow (无障碍出入口 …)',
  },
  {
    key: 'elder_services',
    zh: '养老服务项目',
    read: terms(ELDER_SERVICES, 'elder service'),
    about:
      'Elder care only: 日间照料, 呼叫服务, 助餐服务, 健康指导, 文化娱乐, 心理慰藉, 助浴, 助洁, 助行, 助医, 助急 …',
  },
  { key: 'beds', zh: '床位', read: number, about: 'Elder care only' },
  {
    key: 'park_type',
    zh: '公园类型',
    read: term(PARK_TYPES, 'park type', FORMER_PARK_TYPES),
    about:
      'Parks only: 综合公园, 社区公园, 历史名园, 专类公园, 游园, 生态公园 or 自然公园 (《北京市公园分类分级管理办法》)',
  },
  {
    key: 'park_grade',
    zh: '公园等级',
    read: term(PARK_GRADES, 'park grade'),
    about: 'Parks only: 一级, 二级, 三级 or 四级',
  },
  {
    key: 'area_ha',
    zh: '面积公顷',
    aliases: ['面积（公顷）', '面积(公顷)'],
    read: number,
    about: 'Parks only, hectares',
  },
  { key: 'operator', zh: '运营单位', read: text, about: 'Who runs it' },
  { key: 'description', zh: '说明', read: text, about: 'Free text' },
  { key: 'status', zh: '状态', read: term(STATUSES, 'status'), about: 'open (default), temporarily_closed or retired' },
  { key: 'source_url', zh: '来源链接', read: text, about: 'Web page about the site' },
];

const byHeader = new Map<string, Column>();
for (const c of COLUMNS) for (const h of [c.key, c.zh, ...(c.aliases ?? [])]) byHeader.set(normal(h), c);

/** The column a header names, in English or Chinese. */
export const columnOf = (header: string): Column | undefined => byHeader.get(normal(header));
