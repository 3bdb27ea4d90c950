// One offending field of a request or a CSV row, as the pure rules report it; HTTP
// serves a list of them as a problem's `invalid_params` (worker/http/problem.ts).
export interface InvalidParam {
  /** The field, in API naming (`lat`, `bbox`, `rows[3].street_code`). */
  name: string;
  /** Where it was: query, path, body, header, cookie or a CSV row. */
  in: string;
  reason: string;
}
