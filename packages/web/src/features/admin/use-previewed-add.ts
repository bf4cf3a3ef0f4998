import type { ScheduleConflict } from '@anagen/core/contracts';
import { useState } from 'react';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf } from './form-bits';

/**
 * Adds time off or a closure in two steps: `POST url/preview` lists the booked appointments it
 * would fall on; with none it is saved at once, otherwise `conflicts` is set and the admin confirms
 * (`confirm`) or goes back (`cancel`). The body confirmed is the one previewed.
 */
export function usePreviewedAdd<TBody>(url: string, onAdded: () => void) {
  const [conflicts, setConflicts] = useState<ScheduleConflict[] | null>(null);
  const add = useAdminSave(
    (b: TBody) => api.post(url, b),
    () => {
      setConflicts(null);
      onAdded();
    },
  );
  const preview = useAdminSave(
    async (b: TBody) => ({
      body: b,
      ...(await api.post<{ conflicts: ScheduleConflict[] }>(`${url}/preview`, b)),
    }),
    (r) => (r.conflicts.length ? setConflicts(r.conflicts) : add.mutate(r.body)),
  );
  const error = preview.error ?? add.error;
  return {
    conflicts,
    submit: (b: TBody) => {
      setConflicts(null);
      preview.mutate(b);
    },
    // The mutation keeps the body it last sent: the one the conflicts were listed for.
    confirm: () => preview.variables !== undefined && add.mutate(preview.variables),
    cancel: () => setConflicts(null),
    error,
    fieldErrors: fieldErrorsOf(error),
    pending: preview.isPending || add.isPending,
  };
}
