import type {
  AdminAppointmentType,
  AdminLocation,
  AdminProvider,
  AdminResource,
  BookingPolicies,
  ClinicInfo,
  StaffMember,
} from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const useClinic = () =>
  useQuery({ queryKey: ['admin', 'clinic'], queryFn: () => api.get<ClinicInfo>('/api/admin/clinic') });
export const usePolicies = () =>
  useQuery({
    queryKey: ['admin', 'policies'],
    queryFn: () => api.get<BookingPolicies>('/api/admin/policies'),
  });
export const useLocations = () =>
  useQuery({
    queryKey: ['admin', 'locations'],
    queryFn: () => api.get<AdminLocation[]>('/api/admin/locations'),
  });
export const useStaff = () =>
  useQuery({ queryKey: ['admin', 'staff'], queryFn: () => api.get<StaffMember[]>('/api/admin/staff') });
export const useProviders = () =>
  useQuery({
    queryKey: ['admin', 'providers'],
    queryFn: () => api.get<AdminProvider[]>('/api/admin/providers'),
  });
export const useResources = () =>
  useQuery({
    queryKey: ['admin', 'resources'],
    queryFn: () => api.get<AdminResource[]>('/api/admin/resources'),
  });
export const useAppointmentTypes = () =>
  useQuery({
    queryKey: ['admin', 'appointment-types'],
    queryFn: () => api.get<AdminAppointmentType[]>('/api/admin/appointment-types'),
  });

/** A save that refreshes every admin list afterwards (lists are small; correctness over cleverness). */
export function useAdminSave<TBody, TResult>(
  send: (body: TBody) => Promise<TResult>,
  onSaved?: (r: TResult) => void,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['admin'] });
      onSaved?.(r);
    },
  });
}
