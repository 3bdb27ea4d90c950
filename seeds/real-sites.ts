// Real sites named in the Beijing news reports in shared/reference/articles. Each field
// says only what its article says: hours, amenities, beds and park types are left out
// where the article is silent. Positions are estimates from general knowledge of the
// map (WGS-84, as OSM), hence `approximate`; none has been surveyed. The articles carry
// no web address, so `source_url` is omitted.
import type { SiteSeed } from './site-seed';

type Park = Pick<
  SiteSeed,
  'external_id' | 'name' | 'name_en' | 'street_code' | 'lat' | 'lng' | 'park_type' | 'description'
>;
const park = (p: Park): SiteSeed => ({ ...p, kind: 'park', coord_precision: 'approximate', source: 'news_report' });

// 《北京市朝阳区生态文明建设规划（2023-2035年）》: the "十园" large parks, the parks the
// greenway ring links and the parks in its greening project list. Planned parks with
// no place yet (朝南万亩森林公园, 东风迎宾公园, 金田公园, 东郊金盏/沙子营生态休闲公园…) are left out.
const PLAN = '《朝阳区生态文明建设规划（2023-2035年）》';
const TEN_PARKS = `${PLAN}“两环六楔、五河十园”中的十大超大公园之一`;
const GREENWAY = `${PLAN}绿隔地区公园环绿道（朝阳段一期）串联的7个公园之一，打造“公园里的城区”骑行绿道`;
const GREENING = `${PLAN}公园绿化项目列出、2023-2030年完成绿化建设的城市公园之一`;

const CHAOYANG_PARKS: readonly SiteSeed[] = [
  park({
    external_id: 'news:olympic-forest-park',
    name: '奥林匹克森林公园',
    name_en: 'Olympic Forest Park',
    street_code: '110105031',
    lat: 40.016,
    lng: 116.39,
    park_type: 'ecological',
    description: `${TEN_PARKS}；朝阳区三大生物多样性保护先行示范园之一，正在建设城市生态系统智慧监测平台。`,
  }),
  park({
    external_id: 'news:wenyu-river-park-chaoyang',
    name: '温榆河公园（朝阳段）',
    name_en: 'Wenyu River Park (Chaoyang)',
    street_code: '110105037',
    lat: 40.042,
    lng: 116.51,
    description: `${TEN_PARKS}；生物多样性保护先行示范园，依托其建立区级生物多样性监测中心，朝阳段二期绿化用地约317公顷。`,
  }),
  park({
    external_id: 'news:chaoyang-park',
    name: '朝阳公园',
    name_en: 'Chaoyang Park',
    street_code: '110105012',
    lat: 39.944,
    lng: 116.479,
    description: `${TEN_PARKS}；生物多样性保护先行示范园之一，亮马河滨河文化带东至朝阳公园。`,
  }),
  park({
    external_id: 'news:majiawan-wetland-park',
    name: '马家湾湿地公园',
    name_en: 'Majiawan Wetland Park',
    street_code: '110105041',
    lat: 39.866,
    lng: 116.556,
    park_type: 'nature',
    description: `${PLAN}列为朝阳区城市靓丽名片的公园之一（与亮马河国际风情水岸、温榆河公园并列）。`,
  }),
  park({
    external_id: 'news:dongba-central-park',
    name: '东坝中心公园',
    name_en: 'Dongba Central Park',
    street_code: '110105039',
    lat: 39.959,
    lng: 116.562,
    description: '2023年4月4日习近平总书记在此与群众一起参加义务植树活动。',
  }),
  park({
    external_id: 'news:heiqiao-park',
    name: '黑桥公园',
    name_en: 'Heiqiao Park',
    street_code: '110105038',
    lat: 40.001,
    lng: 116.501,
    description: `${TEN_PARKS}（规划称“黑桥创艺公园”）；也是${GREENWAY}。`,
  }),
  park({
    external_id: 'news:jinzhan-forest-park',
    name: '金盏森林公园',
    name_en: 'Jinzhan Forest Park',
    street_code: '110105036',
    lat: 39.987,
    lng: 116.586,
    park_type: 'ecological',
    description: `${TEN_PARKS}；以大尺度绿色空间打造水绿共融的生态景观。`,
  }),
  park({
    external_id: 'news:jiangfu-park',
    name: '将府公园',
    name_en: 'Jiangfu Park',
    street_code: '110105023',
    lat: 39.977,
    lng: 116.503,
    description: `${GREENWAY}。`,
  }),
  park({
    external_id: 'news:dongfeng-park',
    name: '东风公园',
    name_en: 'Dongfeng Park',
    street_code: '110105030',
    lat: 39.957,
    lng: 116.508,
    description: `${GREENWAY}。`,
  }),
  park({
    external_id: 'news:dongba-country-park',
    name: '东坝郊野公园',
    name_en: 'Dongba Country Park',
    street_code: '110105039',
    lat: 39.976,
    lng: 116.547,
    park_type: 'ecological',
    description: `${GREENWAY}。`,
  }),
  park({
    external_id: 'news:jingcheng-huaiyuan',
    name: '京城槐园',
    name_en: 'Jingcheng Pagoda Tree Garden',
    street_code: '110105029',
    lat: 39.942,
    lng: 116.54,
    description: `${GREENWAY}。`,
  }),
  park({
    external_id: 'news:chaolai-forest-park',
    name: '朝来森林公园',
    name_en: 'Chaolai Forest Park',
    street_code: '110105032',
    lat: 40.026,
    lng: 116.446,
    park_type: 'ecological',
    description: `${GREENING}。`,
  }),
  park({
    external_id: 'news:pingfang-park',
    name: '平房公园',
    name_en: 'Pingfang Park',
    street_code: '110105029',
    lat: 39.931,
    lng: 116.562,
    description: `${GREENING}。`,
  }),
  park({
    external_id: 'news:xiaowuji-park',
    name: '小武基公园',
    name_en: 'Xiaowuji Park',
    street_code: '110105028',
    lat: 39.868,
    lng: 116.503,
    description: `${GREENING}。`,
  }),
  park({
    external_id: 'news:hengjiezi-park',
    name: '横街子公园',
    name_en: 'Hengjiezi Park',
    street_code: '110105042',
    lat: 39.876,
    lng: 116.533,
    description: `${GREENING}。`,
  }),
  park({
    external_id: 'news:sunhe-country-park',
    name: '孙河郊野公园',
    name_en: 'Sunhe Country Park',
    street_code: '110105037',
    lat: 40.048,
    lng: 116.53,
    park_type: 'ecological',
    description: `${GREENING}。`,
  }),
];

// 东城区“十四五”发布会 and the city's woodland report (article 002).
const OTHER_PARKS: readonly SiteSeed[] = [
  park({
    external_id: 'news:qingnianhu-park',
    name: '青年湖公园',
    name_en: 'Qingnian Lake Park',
    street_code: '110101010',
    lat: 39.9555,
    lng: 116.4105,
    description: '东城区“十四五”期间打造的16处全龄友好公园之一。',
  }),
  park({
    external_id: 'news:dongdan-park',
    name: '东单公园',
    name_en: 'Dongdan Park',
    street_code: '110101008',
    lat: 39.904,
    lng: 116.418,
    description: '东城区“十四五”期间实现无界开放的公园之一。',
  }),
  park({
    external_id: 'news:nanguan-park',
    name: '南馆公园',
    name_en: 'Nanguan Park',
    street_code: '110101009',
    lat: 39.944,
    lng: 116.425,
    description: '东城区“十四五”期间实现无界开放的公园之一。',
  }),
  park({
    external_id: 'news:jingzhang-railway-park',
    name: '京张铁路遗址公园',
    name_en: 'Jing-Zhang Railway Heritage Park',
    street_code: '110108010',
    lat: 39.988,
    lng: 116.34,
    description: '海淀区公园，与朝阳绿道等项目一同荣获国际风景园林师联合会国际设计奖。',
  }),
  park({
    external_id: 'news:yeya-lake',
    name: '野鸭湖',
    name_en: 'Yeya Lake',
    street_code: '110119101',
    lat: 40.416,
    lng: 115.83,
    description: '北京市园林绿化局介绍的观鸟胜地，与密云太师屯并列为自然爱好者的去处。',
  }),
];

export const REAL_SITES: readonly SiteSeed[] = [
  {
    external_id: 'news:jinsong-mofang-beili-station',
    kind: 'rest_station',
    name: '劲松街道磨房北里社区全时驿站',
    name_en: 'Jinsong Mofang Beili 24-hour station',
    street_code: '110105017',
    lat: 39.8839,
    lng: 116.457,
    coord_precision: 'approximate',
    opening_hours: '24/7',
    // 休息座椅、热水壶、充电插座、雨具、打气筒、急救箱、女性关爱用品专区.
    amenities: ['seating', 'drinking_water', 'charging', 'rain_gear', 'repair_tools', 'first_aid', 'female_care'],
    description:
      '劲松街道全时驿站，24小时为外卖配送员、快递员等新就业形态劳动者开放，有休息座椅、热水壶、充电插座、雨具、打气筒、急救箱和女性关爱用品专区；街道已建成21处驿站。',
    source: 'news_report',
  },
  {
    external_id: 'news:dashilan-party-service-centre',
    kind: 'rest_station',
    name: '大栅栏街道党群服务中心',
    name_en: 'Dashilar Party and Public Service Centre',
    street_code: '110102013',
    lat: 39.895,
    lng: 116.393,
    coord_precision: 'approximate',
    description:
      '全市首家以新就业形态劳动者群体元素为主题的党群服务中心，快递小哥称之为自己的“小天地”；2024“西城小哥”服务月在此启动。',
    source: 'news_report',
  },
  {
    external_id: 'news:guanling-jiayuan-elder-centre',
    kind: 'elder_care',
    name: '观岭家园一区养老服务中心',
    name_en: 'Guanling Jiayuan Elder-Care Centre',
    address: '平谷区兴谷街道观岭家园一区',
    street_code: '110117002',
    lat: 40.133,
    lng: 117.09,
    coord_precision: 'approximate',
    // 社区食堂/老年餐桌, 老年学堂, 居家服务中心, 医养服务站, 二层托养区22张床位.
    elder_services: ['meals', 'elderly_school', 'home_services', 'medical', 'residential'],
    beds: 22,
    description:
      '社区配套用房改造的两层养老服务中心：一层有社区食堂、老年学堂、居家服务中心、医养服务站和便民超市，二层托养区22张床位；老年餐桌供应早中晚餐。',
    source: 'news_report',
  },
  ...CHAOYANG_PARKS,
  ...OTHER_PARKS,
];
