// The problems of an import file, in the user's language. Problems are collected as
// English sentences (the validators' own words) and translated only for the ones listed,
// so a file with 160,000 problems costs one pattern match per listed problem, not per problem.

export type Lang = 'zh' | 'en';

export interface RowError {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column as the file heads it, or null for the row or file as a whole. */
  column: string | null;
  reason: string;
  /** The reason in Chinese, where the check that found it words it itself (else a pattern of ZH translates it). */
  reason_zh?: string;
}

/** How many problems an answer lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 1000;

/** Chinese by default; English when asked for by `lang` or preferred by Accept-Language. */
export function importLang(param: string | undefined, acceptLanguage: string | undefined): Lang {
  if (param === 'zh' || param === 'en') return param;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

const FIELD_ZH: Record<string, string> = {
  external_id: '编号',
  kind: '类型',
  name: '名称',
  name_en: '英文名称',
  address: '地址',
  street_code: '街道代码',
  lat: '纬度',
  lng: '经度',
  coord_system: '坐标系',
  coord_precision: '坐标精度',
  phones: '电话',
  opening_hours: '开放时间',
  amenities: '设施',
  accessibility: '无障碍设施',
  elder_services: '养老服务项目',
  beds: '床位',
  park_type: '公园类型',
  park_grade: '公园等级',
  area_ha: '面积公顷',
  operator: '运营单位',
  description: '说明',
  status: '状态',
  source_url: '来源链接',
};
const WHAT_ZH: Record<string, string> = {
  kind: '类型',
  'coordinate system': '坐标系',
  precision: '坐标精度',
  'park type': '公园类型',
  status: '状态',
  amenity: '设施',
  'elder service': '养老服务项目',
  'accessibility feature': '无障碍设施',
  'park grade': '公园等级',
};
const KIND_ZH: Record<string, string> = { rest_station: '户外劳动者驿站', elder_care: '养老服务', park: '公园' };
const fields = (list: string) =>
  list
    .split(/,\s*/)
    .map((f) => FIELD_ZH[f] ?? f)
    .join('、');

/** English reason → Chinese, by the shapes the validators use; unknown ones are kept, marked as such. */
const ZH: [RegExp, (...m: string[]) => string][] = [
  [/^unknown column$/, () => '无法识别的列名'],
  [/^names the same column as "(.*)"$/, (h) => `与“${h}”是同一列`],
  [/^the file needs the column\(s\) (.+)$/, (f) => `文件缺少列：${fields(f)}`],
  [/^lat and lng go together$/, () => '纬度和经度两列须同时提供（坐标系列须与它们一起）'],
  [/^at most (\d+) rows per file$/, (n) => `每个文件最多${n}行`],
  [/^"(.*)" is not a number$/s, (v) => `“${v}”不是数字`],
  [
    /^unknown (kind|coordinate system|precision|park type|status|amenity|elder service) (.+)$/s,
    (what, v) => `无法识别的${WHAT_ZH[what] ?? what}：${v.replace(/"([^"]*)"/g, '“$1”')}`,
  ],
  [/^must not be empty$/, () => '不能为空'],
  [/^required$/, () => '必填'],
  [/^at most (\d+) characters$/, (n) => `最多${n}个字符`],
  [/^must be a 9-digit street code$/, () => '须为9位街道代码'],
  [/^must be between (-?\d+) and (-?\d+)$/, (a, b) => `须在${a}到${b}之间`],
  [/^must be a phone number$/, () => '不是有效的电话号码'],
  [/^lists a value twice$/, () => '有重复的值'],
  [/^must be a whole number$/, () => '须为整数'],
  [/^must be positive$/, () => '须大于0'],
  [/^must be a URL$/, () => '不是有效的网址'],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/, (n) => `不能小于${n}`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/, (n) => `不能大于${n}`],
  [/^Too big: expected array to have <=?(\d+) items$/, (n) => `最多${n}项`],
  [/^Invalid option: expected one of (.+)$/, (v) => `须为以下之一：${v}`],
  [/^only a site of kind (\w+) has (\w+)$/, (k, f) => `只有“${KIND_ZH[k] ?? k}”类站点才有${FIELD_ZH[f] ?? f}`],
  [/^opening hours: (.+) \(at character (\d+)\)$/s, (r, p) => `开放时间无法识别（第${Number(p) + 1}个字符处）：${r}`],
  [/^opening hours: (.+)$/s, (r) => `开放时间无法识别：${r}`],
  [/^unknown street code (\d+)$/, (c) => `未知的街道代码${c}`],
  [/^street (\d+) is outside your streets$/, (c) => `街道${c}不在您负责的范围内`],
  [/^same external_id as row (\d+)$/, (r) => `编号与第${r}行重复`],
  [/^same street_code and name as row (\d+)$/, (r) => `街道代码和名称与第${r}行重复`],
  [/^belongs to a site of street (\d+), outside your streets$/, (c) => `该编号属于街道${c}的站点，不在您负责的范围内`],
  [/^a new site needs (.+)$/, (f) => `新站点须填写：${fields(f)}`],
  [
    /^more than (\d+) km from the other sites of district (\d+); check the position, or import with confirm_far=true$/,
    (km, d) =>
      `距区县${d}的其他站点超过${km}公里；请核对位置，确认无误后勾选“位置远离所属区县的行也导入”再检查（confirm_far=true）`,
  ],
  [/^invalid UTF-8 at byte (\d+)$/, (b) => `第${b}字节不是有效的UTF-8编码`],
];

/** A reason in the user's language. */
export function reasonIn(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  for (const [pattern, zh] of ZH) {
    const m = pattern.exec(reason);
    if (m) return zh(...m.slice(1));
  }
  return reason;
}

/** Problems sorted by row (stably, so a row's problems keep their column order), the first MAX_LISTED_PROBLEMS translated. */
export function listProblems(problems: RowError[], lang: Lang, max = MAX_LISTED_PROBLEMS) {
  const sorted = [...problems].sort((a, b) => a.row - b.row); // stable
  const listed = sorted.slice(0, max).map(({ reason_zh, ...p }) => ({
    ...p,
    reason: lang === 'zh' && reason_zh ? reason_zh : reasonIn(p.reason, lang),
  }));
  return { errors: listed, errors_total: problems.length, errors_omitted: problems.length - listed.length };
}

/** The `detail` of a rejected import. */
export function rejectedDetail(total: number, listed: number, outside: boolean, lang: Lang): string {
  if (lang === 'zh') {
    return (
      `文件中有${total}个问题${outside ? '（部分行不在您负责的街道）' : ''}，未导入任何数据` +
      (listed < total ? `；列出前${listed}个，其余${total - listed}个未列出` : '')
    );
  }
  return (
    `${total} problem(s) in the file${outside ? ', some rows outside your streets' : ''}; nothing was imported` +
    (listed < total ? `; the first ${listed} are listed, ${total - listed} more are not` : '')
  );
}
