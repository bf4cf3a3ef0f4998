import type { Appointment, AppointmentType, Availability } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export function useAppointmentTypes() {
  return useQuery({
    queryKey: ['appointment-types'],
    queryFn: () => api.get<AppointmentType[]>('/api/appointment-types'),
    staleTime: 60_000,
  });
}

export function useAvailability(type: string | null, from: string, to: string, providerId?: string) {
  return useQuery({
    queryKey: ['availability', type, from, to, providerId ?? null],
    enabled: !!type,
    queryFn: () =>
      api.get<Availability>(
        `/api/availability?type=${encodeURIComponent(type!)}&from=${from}&to=${to}${
          providerId ? `&providerId=${encodeURIComponent(providerId)}` : ''
        }`,
      ),
  });
}

export const withToken = (url: string, token?: string | null) =>
  token ? `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : url;

export function useAppointment(id: string, token: string | null) {
  return useQuery({
    queryKey: ['appointment', id, token],
    queryFn: () => api.get<Appointment>(withToken(`/api/appointments/${encodeURIComponent(id)}`, token)),
    retry: false,
  });
}

/**
 * POST with an Idempotency-Key, so a double tap or a retry after a dropped connection returns the
 * first booking instead of making a second one.
 */
export function postBooking(body: unknown, idempotencyKey: string): Promise<Appointment> {
  return api.post<Appointment>('/api/appointments', body, { headers: { 'idempotency-key': idempotencyKey } });
}
