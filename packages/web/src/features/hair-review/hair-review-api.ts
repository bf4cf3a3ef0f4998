import type { Measurement, MeasurementAgreement, MeasurementHairs } from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export function useMeasurementHairs(id: string | null | undefined) {
  return useQuery({
    queryKey: ['measurement-hairs', id],
    enabled: Boolean(id),
    queryFn: () => api.get<MeasurementHairs>(`/api/measurements/${encodeURIComponent(id!)}/hairs`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVerifyMeasurement(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; hairs: { x: number; y: number }[]; note?: string }) =>
      api.post<Measurement>(`/api/measurements/${encodeURIComponent(v.id)}/verification`, {
        hairs: v.hairs,
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () =>
      Promise.all(
        ['photos', 'progress', 'measurements', 'compare'].map((k) =>
          qc.invalidateQueries({ queryKey: [k, patientId] }),
        ),
      ),
  });
}

export function useAgreement() {
  return useQuery({
    queryKey: ['measurement-agreement'],
    queryFn: () => api.get<MeasurementAgreement>('/api/measurements/agreement'),
  });
}
