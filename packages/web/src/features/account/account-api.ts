import type { DeletionRequest } from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export function useMyDeletionRequests(patientId: string | undefined) {
  return useQuery({
    queryKey: ['deletion-requests', patientId],
    queryFn: () => api.get<DeletionRequest[]>(`/api/patients/${patientId}/deletion-requests`),
    enabled: Boolean(patientId),
  });
}

export function useRequestDeletion(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<DeletionRequest>(`/api/patients/${patientId}/deletion-request`, reason ? { reason } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['deletion-requests', patientId] }),
  });
}

export function useCloseAccount(patientId: string) {
  return useMutation({
    mutationFn: () => api.post<void>(`/api/patients/${patientId}/close-account`),
  });
}

export function useAllDeletionRequests() {
  return useQuery({
    queryKey: ['deletion-requests', 'all'],
    queryFn: () => api.get<DeletionRequest[]>('/api/admin/deletion-requests'),
  });
}

export function useResolveDeletionRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      api.post<DeletionRequest>(`/api/admin/deletion-requests/${encodeURIComponent(id)}/resolve`, { note }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['deletion-requests'] }),
  });
}
