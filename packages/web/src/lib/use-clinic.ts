import type { PublicClinicInfo } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

/** The clinic's public card (name, phone, its time zone); it changes rarely, so it is kept an hour. */
export const useClinicInfo = () =>
  useQuery({
    queryKey: ['clinic'],
    queryFn: () => api.get<PublicClinicInfo>('/api/clinic'),
    staleTime: 3_600_000,
  });
