import type {
  Compare,
  CustomScalpSite,
  Measurement,
  Photo,
  PhotoViewName,
  Progress,
} from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { registerCustomSites } from './view-protocols';

const progressKeys = {
  photos: (patientId: string) => ['photos', patientId] as const,
  progress: (patientId: string, treatment?: string) => ['progress', patientId, treatment ?? ''] as const,
  measurements: (patientId: string) => ['measurements', patientId] as const,
  compare: (patientId: string, view: PhotoViewName, a: string, b: string) =>
    ['compare', patientId, view, a, b] as const,
};

/** All of a patient's photos, oldest first; polls while a trichoscopy analysis is still queued. */
export function usePhotos(patientId: string) {
  return useQuery({
    queryKey: progressKeys.photos(patientId),
    queryFn: () => api.get<Photo[]>(`/api/patients/${encodeURIComponent(patientId)}/photos`),
    refetchInterval: (q) => (q.state.data?.some((p) => p.analysisStatus === 'queued') ? 3000 : false),
  });
}

/** While a close-up is being measured, results depending on it are refreshed too. */
function useWhileMeasuring(patientId: string) {
  const qc = useQueryClient();
  return () =>
    qc.getQueryData<Photo[]>(progressKeys.photos(patientId))?.some((p) => p.analysisStatus === 'queued')
      ? 3000
      : false;
}

export function useProgress(patientId: string, treatment?: string) {
  const refetchInterval = useWhileMeasuring(patientId);
  const qs = treatment ? `?treatment=${encodeURIComponent(treatment)}` : '';
  return useQuery({
    queryKey: progressKeys.progress(patientId, treatment),
    queryFn: () => api.get<Progress>(`/api/patients/${encodeURIComponent(patientId)}/progress${qs}`),
    refetchInterval,
  });
}

export function useMeasurements(patientId: string) {
  const refetchInterval = useWhileMeasuring(patientId);
  return useQuery({
    queryKey: progressKeys.measurements(patientId),
    queryFn: () => api.get<Measurement[]>(`/api/patients/${encodeURIComponent(patientId)}/measurements`),
    refetchInterval,
  });
}

export function useCompare(patientId: string, view: PhotoViewName, a?: string, b?: string) {
  return useQuery({
    queryKey: progressKeys.compare(patientId, view, a ?? '', b ?? ''),
    enabled: Boolean(a && b),
    queryFn: () =>
      api.get<Compare>(
        `/api/patients/${encodeURIComponent(patientId)}/compare?view=${view}&a=${encodeURIComponent(a!)}&b=${encodeURIComponent(b!)}`,
      ),
  });
}

/** Refreshes everything that depends on a patient's photos and measurements. */
function useInvalidateProgress(patientId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      ['photos', 'progress', 'measurements', 'compare'].map((k) =>
        qc.invalidateQueries({ queryKey: [k, patientId] }),
      ),
    );
}

export function useUploadPhoto(patientId: string) {
  const invalidate = useInvalidateProgress(patientId);
  return useMutation({
    mutationFn: (form: FormData) =>
      api.post<Photo>(`/api/patients/${encodeURIComponent(patientId)}/photos`, form),
    onSuccess: () => invalidate(),
  });
}

export function useCorrectMeasurement(patientId: string) {
  const invalidate = useInvalidateProgress(patientId);
  return useMutation({
    mutationFn: (v: { id: string; hairCount: number; reason: string }) =>
      api.post<Measurement>(`/api/measurements/${encodeURIComponent(v.id)}/corrections`, {
        hairCount: v.hairCount,
        reason: v.reason,
      }),
    onSuccess: () => invalidate(),
  });
}

/** Removes a photo filed by mistake; the reason goes to the audit log. */
export function useDeletePhoto(patientId: string) {
  const invalidate = useInvalidateProgress(patientId);
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      api.delete<void>(`/api/photos/${encodeURIComponent(v.id)}`, { reason: v.reason }),
    onSuccess: () => invalidate(),
  });
}

/**
 * The clinic's own close-up sites. Their labels are registered for `siteLabel`, so every place that
 * names a site (charts, before/after, the capture form) shows the clinic's words.
 */
export function useCustomSites() {
  return useQuery({
    queryKey: ['scalp-sites'],
    queryFn: async () => {
      const list = await api.get<CustomScalpSite[]>('/api/scalp-sites');
      registerCustomSites(list);
      return list;
    },
    staleTime: 5 * 60_000,
  });
}
