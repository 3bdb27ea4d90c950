// The shape of the map base linli ships (beijing.json, built by seeds/build-base.ts).
// All positions are WGS-84, like the sites and the tiles.

export interface BaseDistrict {
  /** 6-digit division code, e.g. 110105. */
  code: string;
  name: string;
  name_en: string;
  /** Where the district's name is written. */
  label: { lat: number; lng: number };
  /** Polygons, each a list of rings of [lng, lat] (GeoJSON order); the first ring is the outline. */
  polygons: number[][][][];
}

export interface BaseStreet {
  /** 9-digit township code. */
  code: string;
  name: string;
  lat: number;
  lng: number;
}

export interface BaseData {
  /** Where the outlines and positions come from. */
  source: string;
  districts: BaseDistrict[];
  streets: BaseStreet[];
}
