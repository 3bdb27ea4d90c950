// What an import does to each row's site, as POST /imports lists it: shared by the
// import planner (worker/db/site-imports.ts) and the console that shows it. Types only.

/** A field an import changes, as the API names and holds it. */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** What an import does to one row's site. */
export interface RowChange {
  row: number;
  action: 'create' | 'update';
  site_id: number | null;
  name: string;
  /** For an update, every field that changes (old → new); for a creation, none. */
  fields: FieldChange[];
}
