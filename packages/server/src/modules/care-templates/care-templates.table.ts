export interface CareTemplateTable {
  id: string;
  kind: 'consent' | 'preparation' | 'post-care';
  treatment_slug: string;
  version: number;
  title: string;
  body: string;
  /** Preparation steps `[{key,text,offsetHours}]`; `[]` for other kinds. */
  steps_json: string;
  /** Exactly one `active` version per kind + treatment, unless all were withdrawn. */
  status: 'active' | 'superseded' | 'withdrawn';
  created_by: string | null;
  created_at: number;
  withdrawn_at: number | null;
}
