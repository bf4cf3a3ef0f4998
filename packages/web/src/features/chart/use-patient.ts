import type { Patient } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export function usePatient(id: string | undefined) {
  return useQuery({
    queryKey: ['patient', id],
    queryFn: () => api.get<Patient>(`/api/patients/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}
