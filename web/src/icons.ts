// Pictograms shown next to words (never instead of them), decorative for screen readers.
// SVG from Lucide (ISC), imported icon by icon so the build keeps only these ~30: every
// phone draws the same picture, with no emoji font needed. Keyed by the vocabulary's codes
// with a typed Record, so a new code without an icon fails the type-check.
import {
  Accessibility, Armchair, ArrowLeft, BatteryCharging, BookOpen, BriefcaseMedical, Circle, Droplet, Flower2,
  GraduationCap, HandHeart, HandPlatter, House, HouseHeart, type IconNode, LocateFixed, Microwave, Motorbike,
  Phone, Printer, SmartphoneCharging, Soup, Stethoscope, Sun, Thermometer, Toilet, Trees, Umbrella,
  Volume2, Wifi, Wrench, Bed, createElement,
} from 'lucide';
import type { Amenity, ElderService, Kind } from '../../worker/domain/vocabulary';

/** One icon per vocabulary code: kinds, amenities and elder-care services. */
const CODE_ICONS: Readonly<Record<Kind | Amenity | ElderService, IconNode>> = {
  // kinds
  rest_station: Motorbike, elder_care: HandHeart, park: Trees,
  // amenities
  seating: Armchair, toilet: Toilet, drinking_water: Droplet, cooling_heating: Thermometer, meal_heating: Microwave,
  shelter: House, charging: SmartphoneCharging, battery_swap: BatteryCharging, discounted_meals: HandPlatter,
  reading: BookOpen, wifi: Wifi, first_aid: BriefcaseMedical, female_care: Flower2, rain_gear: Umbrella,
  repair_tools: Wrench, accessible: Accessibility,
  // elder-care services
  meals: Soup, day_care: Sun, residential: Bed, medical: Stethoscope, home_services: HouseHeart, elderly_school: GraduationCap,
};

/** Icons of the page's own controls. */
const UI_ICONS = {
  locate: LocateFixed, phone: Phone, print: Printer, readAloud: Volume2, back: ArrowLeft,
} as const satisfies Record<string, IconNode>;
export type UiIcon = keyof typeof UI_ICONS;

/** A code that is not (yet) in the vocabulary still gets a plain mark, never a missing picture. */
const GENERIC: IconNode = Circle;

const nodeOf = (code: string): IconNode =>
  (Object.hasOwn(CODE_ICONS, code) ? CODE_ICONS[code as keyof typeof CODE_ICONS] : undefined)
  ?? (Object.hasOwn(UI_ICONS, code) ? UI_ICONS[code as UiIcon] : undefined) ?? GENERIC;

/** The SVG of a code (vocabulary or control) to put before its word; hidden from screen readers, the word says it. */
export function icon(code: string): SVGElement {
  return createElement(nodeOf(code), {
    class: 'icon', 'aria-hidden': 'true', focusable: 'false', width: '1em', height: '1em', 'data-icon': code,
  });
}

/** Fills every `<span class="icon-slot" data-icon="code">` of the static page with its icon. */
export function fillIcons(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('span.icon-slot[data-icon]')) el.replaceChildren(icon(el.dataset.icon ?? ''));
}
