// Stable HSDS identifiers: UUID v5 (name-based, SHA-1) of a fixed namespace and the
// record's own key (site id, street code, operator name), so an id never changes
// between requests, exports or deployments.
import { v5 } from 'uuid';

/** linli's HSDS namespace; fixed forever (changing it would change every published id). */
export const HSDS_NAMESPACE = '6f1c2b4e-8d3a-5e7f-9b10-4c2d6a8e0f31';

const id = (name: string) => v5(name, HSDS_NAMESPACE);

export const hsdsIds = {
  service: (siteId: number) => id(`site:${siteId}:service`),
  location: (siteId: number) => id(`site:${siteId}:location`),
  serviceAtLocation: (siteId: number) => id(`site:${siteId}:service_at_location`),
  address: (siteId: number) => id(`site:${siteId}:address`),
  /** The step-free entrance keeps the id it had when it was a site's only accessibility record. */
  accessibility: (siteId: number, feature: string) =>
    id(feature === 'step_free_entrance' ? `site:${siteId}:accessibility` : `site:${siteId}:accessibility:${feature}`),
  phone: (siteId: number, index: number) => id(`site:${siteId}:phone:${index}`),
  schedule: (siteId: number, index: number) => id(`site:${siteId}:schedule:${index}`),
  attribute: (siteId: number, name: string) => id(`site:${siteId}:attribute:${name}`),
  streetOffice: (streetCode: string) => id(`street:${streetCode}`),
  operator: (name: string) => id(`operator:${name.trim()}`),
  organizationPart: (organizationId: string, part: string) => id(`organization:${organizationId}:${part}`),
};
