// linli's sites as HSDS 3.1 records. A live site is one service (what is offered),
// one physical location (where) and the service_at_location joining them; the street
// office responsible for the site, and its operator when it has one, are organizations.
// Pure functions of the stored data: the same site always maps to the same records.
import type { Site } from '../core/site';
import {
  ACCESSIBILITY,
  AMENITIES,
  COORD_PRECISIONS,
  ELDER_SERVICES,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
  SOURCES,
  type Term,
  termOf,
} from '../core/vocabulary';
import { hsdsIds } from './ids';
import { weeklySchedules } from './schedule';

/** A site with the names of its street, district, city and province. */
export type HsdsSite = Site & { city_name: string | null; province_name: string | null };

const SERVICE_STATUS = { open: 'active', temporarily_closed: 'temporarily closed', retired: 'defunct' } as const;

const label = (list: readonly Term[], code: string) => {
  const term = termOf(list, code);
  return term ? `${term.zh} / ${term.en}` : code;
};
/** Only real http(s) URLs go into HSDS `uri` fields. */
const httpUrl = (url: string | null) => (url && /^https?:\/\/\S+$/i.test(url) ? url : undefined);
const date = (iso: string | null) => (iso ? iso.slice(0, 10) : undefined);
/** SQLite's `YYYY-MM-DD HH:MM:SS` and ISO forms alike, as an RFC 3339 date-time. */
const dateTime = (iso: string) => {
  const t = iso.includes('T') ? iso : iso.replace(' ', 'T');
  return /(Z|[+-]\d\d:\d\d)$/.test(t) ? t : `${t}Z`;
};

/** The organization responsible for the service: its operator, or else the street office. */
const providerId = (site: Pick<Site, 'operator' | 'street_code'>) =>
  site.operator?.trim() ? hsdsIds.operator(site.operator) : hsdsIds.streetOffice(site.street_code);

function attributes(site: Site) {
  const serviceId = hsdsIds.service(site.id);
  const attribute = (name: string, value: string, text: string) => ({
    id: hsdsIds.attribute(site.id, `${name}:${value}`),
    link_id: serviceId,
    link_entity: 'service',
    link_type: name,
    value,
    label: text,
  });
  return [
    attribute('kind', site.kind, label(KINDS, site.kind)),
    ...site.amenities.map((a) => attribute('amenity', a, label(AMENITIES, a))),
    ...site.elder_services.map((s) => attribute('elder_service', s, label(ELDER_SERVICES, s))),
    ...(site.beds !== null ? [attribute('beds', String(site.beds), '床位 / Beds')] : []),
    ...(site.park_type ? [attribute('park_type', site.park_type, label(PARK_TYPES, site.park_type))] : []),
    ...(site.park_grade ? [attribute('park_grade', site.park_grade, label(PARK_GRADES, site.park_grade))] : []),
    ...(site.area_ha !== null ? [attribute('area_ha', String(site.area_ha), '面积（公顷）/ Area (ha)')] : []),
    ...(site.opening_hours ? [attribute('opening_hours', site.opening_hours, 'OSM opening_hours')] : []),
    attribute('source', site.source, label(SOURCES, site.source)),
  ];
}

function phones(site: Site) {
  return site.phones.map((number, i) => ({
    id: hsdsIds.phone(site.id, i),
    service_id: hsdsIds.service(site.id),
    location_id: hsdsIds.location(site.id),
    number,
    type: /^1\d{10}$/.test(number.replace(/[\s-]/g, '')) ? 'cell' : 'voice',
  }));
}

function schedules(site: Site) {
  return weeklySchedules(site.opening_hours).map((s, i) => ({
    id: hsdsIds.schedule(site.id, i),
    service_id: hsdsIds.service(site.id),
    location_id: hsdsIds.location(site.id),
    service_at_location_id: hsdsIds.serviceAtLocation(site.id),
    ...s,
  }));
}

/**
 * One HSDS accessibility record per feature the data names (step-free entrance, accessible
 * toilet …); nothing is claimed when it names none.
 */
function accessibility(site: Site) {
  return site.accessibility.map((code) => ({
    id: hsdsIds.accessibility(site.id, code),
    location_id: hsdsIds.location(site.id),
    description: label(ACCESSIBILITY, code),
    details: termOf(ACCESSIBILITY, code)?.en ?? code,
  }));
}

function addresses(site: HsdsSite) {
  if (!site.address) return [];
  return [
    {
      id: hsdsIds.address(site.id),
      location_id: hsdsIds.location(site.id),
      address_1: site.address,
      address_2: site.street_name ?? undefined,
      city: site.city_name ?? site.district_name ?? '',
      region: site.district_name ?? undefined,
      state_province: site.province_name ?? '',
      postal_code: '',
      country: 'CN',
      address_type: 'physical' as const,
    },
  ];
}

export function hsdsService(site: HsdsSite) {
  return {
    id: hsdsIds.service(site.id),
    organization_id: providerId(site),
    name: site.name,
    alternate_name: site.name_en ?? undefined,
    description: site.description ?? label(KINDS, site.kind),
    url: httpUrl(site.source_url),
    status: SERVICE_STATUS[site.status],
    assured_date: date(site.verified_at),
    last_modified: dateTime(site.updated_at),
    phones: phones(site),
    schedules: schedules(site),
    attributes: attributes(site),
  };
}

export function hsdsLocation(site: HsdsSite) {
  return {
    id: hsdsIds.location(site.id),
    location_type: 'physical' as const,
    organization_id: hsdsIds.streetOffice(site.street_code),
    name: site.name,
    alternate_name: site.name_en ?? undefined,
    description: `${[site.district_name, site.street_name].filter(Boolean).join(' ')}; position ${label(COORD_PRECISIONS, site.coord_precision)}, WGS-84`,
    latitude: site.lat,
    longitude: site.lng,
    external_identifier: site.external_id ?? String(site.id),
    external_identifier_type: site.external_id ? 'linli external_id' : 'linli site id',
    addresses: addresses(site),
    accessibility: accessibility(site),
    phones: phones(site),
  };
}

export function hsdsServiceAtLocation(site: HsdsSite) {
  return {
    id: hsdsIds.serviceAtLocation(site.id),
    service_id: hsdsIds.service(site.id),
    location_id: hsdsIds.location(site.id),
    description: `${site.name}${site.address ? `, ${site.address}` : ''}`,
    phones: phones(site),
    schedules: schedules(site),
    location: hsdsLocation(site),
  };
}

/** A service with its service_at_location (and location) nested, as HSDS's /services/{id} returns it. */
export const hsdsFullService = (site: HsdsSite) => ({
  ...hsdsService(site),
  service_at_locations: [{ ...hsdsServiceAtLocation(site) }],
});

/** An organization as derived from the live sites that name it. */
export interface OrganizationSource {
  type: 'street_office' | 'operator';
  /** The street code (street office) or the operator's name. */
  key: string;
  name: string;
  street_name: string | null;
  district_name: string | null;
  sites: number;
  last_modified: string;
}

/** 街道/地区 are run by an office (办事处); 镇/乡 by a people's government (人民政府). */
export const streetOfficeName = (streetName: string) =>
  /[镇乡]$/.test(streetName) ? `${streetName}人民政府` : `${streetName}办事处`;

export function hsdsOrganization(org: OrganizationSource) {
  const id = org.type === 'street_office' ? hsdsIds.streetOffice(org.key) : hsdsIds.operator(org.key);
  const kind =
    org.type === 'street_office'
      ? `The office of ${[org.district_name, org.street_name].filter(Boolean).join(' ')} (township-level unit ${org.key}), responsible for its sites`
      : 'Operator (运营单位) of sites';
  return {
    id,
    name: org.name,
    description: `${kind}: ${org.sites} live site${org.sites === 1 ? '' : 's'} in linli.`,
    organization_identifiers:
      org.type === 'street_office'
        ? [
            {
              id: hsdsIds.organizationPart(id, 'division_code'),
              organization_id: id,
              identifier_type: 'Statistics-bureau division code (统计用区划代码)',
              identifier: org.key,
            },
          ]
        : [],
    attributes: [
      {
        id: hsdsIds.organizationPart(id, 'role'),
        link_id: id,
        link_entity: 'organization',
        link_type: 'role',
        value: org.type,
        label: org.type === 'street_office' ? '街道办事处 / Street office' : '运营单位 / Operator',
      },
    ],
  };
}
