// Pictograms shown next to words (never instead of them), decorative for screen readers.
// SVG from Lucide (ISC), imported icon by icon so the build keeps only these ~30: every
// phone draws the same picture, with no emoji font needed. Keyed by the vocabulary's codes
// with a typed Record, so a new code without an icon fails the type-check.
import {
  Accessibility,
  Armchair,
  ArrowLeft,
  ArrowUpDown,
  Bath,
  BatteryCharging,
  Bed,
  BookOpen,
  BriefcaseMedical,
  BrushCleaning,
  Circle,
  createElement,
  Drama,
  Droplet,
  Fan,
  Flower2,
  Footprints,
  GraduationCap,
  Grip,
  HandHeart,
  HandPlatter,
  HeartPulse,
  Heater,
  Hospital,
  House,
  HouseHeart,
  type IconNode,
  LocateFixed,
  MessageCircleHeart,
  Microwave,
  Motorbike,
  Phone,
  PhoneCall,
  Printer,
  Siren,
  SmartphoneCharging,
  Sofa,
  Soup,
  Stethoscope,
  Sun,
  Toilet,
  Trees,
  TriangleRight,
  Umbrella,
  Volume2,
  Wifi,
  Wrench,
} from 'lucide';
import type { Accessibility as AccessibilityCode, Amenity, ElderService, Kind } from '#core';

/** One icon per vocabulary code: kinds, amenities, elder-care services and accessibility. */
const CODE_ICONS: Readonly<Record<Kind | Amenity | ElderService | AccessibilityCode, IconNode>> = {
  // kinds
  rest_station: Motorbike,
  elder_care: HandHeart,
  park: Trees,
  // amenities
  toilet: Toilet,
  drinking_water: Droplet,
  seating: Armchair,
  cooling: Fan,
  heating: Heater,
  shelter: House,
  meal_heating: Microwave,
  discounted_meals: HandPlatter,
  charging: SmartphoneCharging,
  reading: BookOpen,
  first_aid: BriefcaseMedical,
  battery_swap: BatteryCharging,
  wifi: Wifi,
  rain_gear: Umbrella,
  repair_tools: Wrench,
  female_care: Flower2,
  // elder-care services
  meals: Soup,
  day_care: Sun,
  call_service: PhoneCall,
  health_guidance: HeartPulse,
  recreation: Drama,
  emotional_support: MessageCircleHeart,
  medical: Stethoscope,
  home_services: HouseHeart,
  bathing: Bath,
  cleaning: BrushCleaning,
  mobility: Footprints,
  medical_escort: Hospital,
  emergency: Siren,
  residential: Bed,
  elderly_school: GraduationCap,
  // accessibility
  step_free_entrance: Accessibility,
  ramp: TriangleRight,
  lift: ArrowUpDown,
  accessible_toilet: Toilet,
  handrails: Grip,
  armrest_seating: Sofa,
  wheelchair_loan: Accessibility,
};

/** Icons of the page's own controls. */
const UI_ICONS = {
  locate: LocateFixed,
  phone: Phone,
  print: Printer,
  readAloud: Volume2,
  back: ArrowLeft,
} as const satisfies Record<string, IconNode>;
export type UiIcon = keyof typeof UI_ICONS;

/** A code that is not (yet) in the vocabulary still gets a plain mark, never a missing picture. */
const GENERIC: IconNode = Circle;

const nodeOf = (code: string): IconNode =>
  (Object.hasOwn(CODE_ICONS, code) ? CODE_ICONS[code as keyof typeof CODE_ICONS] : undefined) ??
  (Object.hasOwn(UI_ICONS, code) ? UI_ICONS[code as UiIcon] : undefined) ??
  GENERIC;

/** The SVG of a code (vocabulary or control) to put before its word; hidden from screen readers, the word says it. */
export function icon(code: string): SVGElement {
  return createElement(nodeOf(code), {
    class: 'icon',
    'aria-hidden': 'true',
    focusable: 'false',
    width: '1em',
    height: '1em',
    'data-icon': code,
  });
}

/** Fills every `<span class="icon-slot" data-icon="code">` of the static page with its icon. */
export function fillIcons(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('span.icon-slot[data-icon]'))
    el.replaceChildren(icon(el.dataset.icon ?? ''));
}
