// The fallback when there is no position: choose a district and a street (from
// /api/v1/streets). The street's centre is the centroid of the sites known in it;
// without any, the district's centre.
import { streets as fetchStreets, inBox } from './api/map';
import type { Street } from './api/types';
import { DISTRICT_CENTRES } from './districts';
import { h } from './dom';
import { centroid } from './geo';
import { t } from './i18n';
import type { LatLng } from './state';

/** Half-size (degrees) of the box searched for a street's sites around its district centre. */
const DISTRICT_SEARCH_DEG = 0.35;

export interface PlaceChoice {
  point: LatLng;
  zoom: number;
  approximate: boolean;
}

export interface PlacePickerEvents {
  /** A district was chosen: a place to look at, not yet the person's position. */
  district(centre: LatLng): void;
  /** A street was chosen: the person's position. */
  street(choice: PlaceChoice): void;
}

export class PlacePicker {
  private streets: Street[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly on: PlacePickerEvents,
  ) {}

  async render(): Promise<void> {
    const s = t();
    if (this.streets.length === 0) this.streets = await fetchStreets().catch(() => []);
    const districts = [...new Map(this.streets.map((x) => [x.district_code, x.district_name])).entries()];
    const district = h(
      'select',
      { id: 'pick-district' },
      h('option', { value: '' }, s.chooseDistrict),
      ...districts.map(([code, name]) => h('option', { value: code }, name)),
    );
    const street = h('select', { id: 'pick-street', disabled: true }, h('option', { value: '' }, s.chooseStreet));
    district.addEventListener('change', () => {
      street.replaceChildren(
        h('option', { value: '' }, s.chooseStreet),
        ...this.streets
          .filter((x) => x.district_code === district.value)
          .map((x) => h('option', { value: x.code }, x.name)),
      );
      street.disabled = district.value === '';
      const centre = DISTRICT_CENTRES[district.value];
      if (centre) this.on.district(centre);
    });
    street.addEventListener('change', async () => {
      if (!street.value) return;
      this.on.street(await this.streetCentre(district.value, street.value));
    });
    this.root.replaceChildren(
      h('label', { for: 'pick-district' }, s.district),
      district,
      h('label', { for: 'pick-street' }, s.street),
      street,
    );
  }

  private async streetCentre(districtCode: string, streetCode: string): Promise<PlaceChoice> {
    const d = DISTRICT_CENTRES[districtCode] ?? { lat: 39.9087, lng: 116.3975 };
    const bbox: [number, number, number, number] = [
      d.lng - DISTRICT_SEARCH_DEG,
      d.lat - DISTRICT_SEARCH_DEG,
      d.lng + DISTRICT_SEARCH_DEG,
      d.lat + DISTRICT_SEARCH_DEG,
    ];
    try {
      // Ask at street level so the server returns sites, not clusters.
      const data = await inBox(bbox, 17, { kinds: [], amenities: [], openNow: false });
      const inStreet = data.features.flatMap((f) =>
        'street_code' in f.properties && f.properties.street_code === streetCode
          ? [{ lat: f.properties.lat, lng: f.properties.lng }]
          : [],
      );
      const c = centroid(inStreet);
      if (c) return { point: c, zoom: 15, approximate: false };
    } catch {
      // fall through to the district centre
    }
    return { point: d, zoom: 13, approximate: true };
  }
}
