// The map page's URL form of what it shows (web/src/state.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, formatState, parseState } from '../../web/src/state';

describe('the view in the URL', () => {
  it('reads back exactly what it wrote', () => {
    const state = {
      lat: 39.8839,
      lng: 116.457,
      zoom: 16,
      at: { lat: 39.88391, lng: 116.45702 },
      kinds: ['elder_care'],
      amenities: ['battery_swap', 'toilet'],
      elderServices: ['meals', 'day_care'],
      accessibility: ['accessible_toilet'],
      openNow: true,
      site: 42,
    };
    const url = formatState(state);
    expect(url).toBe(
      '?lat=39.88390&lng=116.45700&z=16&at=39.88391,116.45702&kind=elder_care&amenity=battery_swap,toilet&service=meals,day_care&access=accessible_toilet&open=1&site=42',
    );
    expect(parseState(url)).toEqual(state);
  });

  it('opens on the default view when the link says nothing', () => {
    expect(parseState('')).toEqual({
      ...DEFAULT_VIEW,
      at: null,
      kinds: [],
      amenities: [],
      elderServices: [],
      accessibility: [],
      openNow: false,
      site: null,
    });
  });

  it('ignores what it does not understand instead of failing', () => {
    const s = parseState(
      '?lat=abc&lng=999&z=99&at=1,&kind=rest_station,casino&amenity=toilet,toilet,<b>&open=yes&site=0',
    );
    expect(s.lat).toBe(DEFAULT_VIEW.lat);
    expect(s.lng).toBe(DEFAULT_VIEW.lng);
    expect(s.zoom).toBe(DEFAULT_VIEW.zoom);
    expect(s.at).toBeNull();
    expect(s.kinds).toEqual(['rest_station']);
    expect(s.amenities).toEqual(['toilet']);
    expect(s.openNow).toBe(false);
    expect(s.site).toBeNull();
  });
});
