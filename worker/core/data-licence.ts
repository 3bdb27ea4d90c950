// The licence and attribution of linli's site data, stated once for every open-data
// response (HSDS, GeoJSON and CSV downloads) and the README.

export const DATA_LICENCE = {
  /** SPDX identifier. */
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution:
    'linli 邻里 and the Beijing street offices (街道办事处) that keep the sites; ' +
    'sites named 【样例】 (source "sample") are demo data, not real places',
} as const;

/** An HTTP Link header pointing at the licence (RFC 8288, rel="license"). */
export const licenceLink = `<${DATA_LICENCE.url}>; rel="license"`;

/** The licence as a response object member (GeoJSON foreign member, HSDS metadata). */
export const licenceOf = () => ({
  licence: DATA_LICENCE.id,
  licence_url: DATA_LICENCE.url,
  attribution: DATA_LICENCE.attribution,
});
