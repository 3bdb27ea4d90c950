// Pictograms shown next to words (never instead of them); decorative for screen readers.
import { h } from './dom';

const ICONS: Readonly<Record<string, string>> = {
  // kinds
  rest_station: '🛵', elder_care: '🧓', park: '🌳',
  // amenities
  seating: '🪑', toilet: '🚻', drinking_water: '🚰', cooling_heating: '🌡️', meal_heating: '🍱',
  shelter: '🏠', charging: '🔌', battery_swap: '🔋', discounted_meals: '🍚', reading: '📚', wifi: '📶',
  first_aid: '🩹', female_care: '🌸', rain_gear: '☔', repair_tools: '🔧', accessible: '♿',
  // elder-care services
  meals: '🍲', day_care: '☀️', residential: '🛏️', medical: '🩺', home_services: '🏡', elderly_school: '🎓',
};

export const iconOf = (code: string): string => ICONS[code] ?? '•';

export function icon(code: string): HTMLSpanElement {
  return h('span', { class: 'icon', 'aria-hidden': 'true' }, iconOf(code));
}
