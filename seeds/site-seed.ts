// The shape of a seed site: what a data file in seeds/ declares. Positions are WGS-84.
import type {
  Accessibility,
  Amenity,
  CoordPrecision,
  CoordSystem,
  ElderService,
  Kind,
  ParkGrade,
  ParkType,
  Source,
  Status,
} from '../worker/core/vocabulary';

export interface SiteSeed {
  /** Stable key (`news:…`, `sample:…`) that keeps loading idempotent. */
  external_id: string;
  kind: Kind;
  name: string;
  name_en?: string;
  address?: string;
  street_code: string;
  lat: number;
  lng: number;
  /** The system the source gave; lat/lng above are already converted to WGS-84. */
  coord_system?: CoordSystem;
  coord_precision: CoordPrecision;
  phones?: string[];
  opening_hours?: string;
  /** Works the official make-up working days; the kind's default (elder care) when absent. */
  follows_workday_calendar?: boolean;
  amenities?: Amenity[];
  elder_services?: ElderService[];
  accessibility?: Accessibility[];
  beds?: number;
  park_type?: ParkType;
  park_grade?: ParkGrade;
  area_ha?: number;
  operator?: string;
  description?: string;
  status?: Status;
  source: Source;
  source_url?: string;
  verified_at?: string;
}
