import type { Photo, ProposePublication, Publication } from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

const key = (patientId: string) => ['publications', patientId];

export function usePublications(patientId: string | undefined) {
  return useQuery({
    queryKey: key(patientId ?? ''),
    queryFn: () => api.get<Publication[]>(`/api/patients/${patientId}/publications`),
    enabled: Boolean(patientId),
  });
}

export function usePatientPhotos(patientId: string) {
  return useQuery({
    queryKey: ['photos', patientId],
    queryFn: () => api.get<Photo[]>(`/api/patients/${patientId}/photos`),
  });
}

type Status = { id: string; status: Publication['status'] };

export function usePublicationActions(patientId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key(patientId) });
  return {
    propose: useMutation({
      mutationFn: (body: ProposePublication) =>
        api.post<Status>(`/api/patients/${patientId}/publications`, body),
      onSuccess: done,
    }),
    consent: useMutation({
      mutationFn: (v: { id: string; showFace: boolean }) =>
        api.post<Status>(`/api/publications/${v.id}/consent`, { showFace: v.showFace }),
      onSuccess: done,
    }),
    withdraw: useMutation({
      mutationFn: (id: string) => api.post<Status>(`/api/publications/${id}/withdraw`, {}),
      onSuccess: done,
    }),
  };
}

export const STATUS_LABEL: Record<Publication['status'], string> = {
  'awaiting-consent': 'Waiting for the patient’s consent',
  published: 'Published',
  withdrawn: 'Withdrawn',
};
