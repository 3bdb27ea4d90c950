// Approximate WGS-84 centres (district government seats) of Beijing's 16 districts:
// where the map goes when someone picks a district instead of sharing their position.
export const DISTRICT_CENTRES: Readonly<Record<string, { lat: number; lng: number }>> = {
  '110101': { lat: 39.9288, lng: 116.416 }, // 东城区
  '110102': { lat: 39.9123, lng: 116.366 }, // 西城区
  '110105': { lat: 39.9215, lng: 116.4432 }, // 朝阳区
  '110106': { lat: 39.8585, lng: 116.287 }, // 丰台区
  '110107': { lat: 39.9056, lng: 116.2229 }, // 石景山区
  '110108': { lat: 39.9593, lng: 116.2981 }, // 海淀区
  '110109': { lat: 39.9405, lng: 116.1021 }, // 门头沟区
  '110111': { lat: 39.7479, lng: 116.143 }, // 房山区
  '110112': { lat: 39.9025, lng: 116.6566 }, // 通州区
  '110113': { lat: 40.13, lng: 116.6545 }, // 顺义区
  '110114': { lat: 40.2207, lng: 116.2312 }, // 昌平区
  '110115': { lat: 39.7267, lng: 116.3414 }, // 大兴区
  '110116': { lat: 40.316, lng: 116.6318 }, // 怀柔区
  '110117': { lat: 40.1406, lng: 117.1213 }, // 平谷区
  '110118': { lat: 40.3769, lng: 116.8432 }, // 密云区
  '110119': { lat: 40.4566, lng: 115.975 }, // 延庆区
};
