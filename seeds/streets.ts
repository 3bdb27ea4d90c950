// The street (township-level) reference data shipped with linli.
import beijing from './data/streets-11.json';

export interface StreetSeed {
  code: string;
  name: string;
  district_code: string;
  district_name: string;
  city_code: string;
  city_name: string;
  province_code: string;
  province_name: string;
}

export const STREETS: readonly StreetSeed[] = beijing;
