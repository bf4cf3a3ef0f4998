import type { Appointment, Calendar, CalendarEntry, Delivery } from '@anagen/core/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export function useCalendar(from: string, to: string) {
  return useQuery({
    queryKey: ['calendar', from, to],
    queryFn: () => api.get<Calendar>(`/api/calendar?from=${from}&to=${to}`),
    refetchInterval: 60_000,
  });
}

export function useDeliveries(id: string | null) {
  return useQuery({
    queryKey: ['deliveries', id],
    enabled: !!id,
    queryFn: () => api.get<Delivery[]>(`/api/appointments/${id}/deliveries`),
  });
}

/** Refreshes every view that shows appointments after a change. */
export function useRefreshSchedule() {
  const qc = useQueryClient();
  return () => {
    qc.invalidateQueries({ queryKey: ['calendar'] });
    qc.invalidateQueries({ queryKey: ['availability'] });
    qc.invalidateQueries({ queryKey: ['deliveries'] });
  };
}

export const setStatus = (id: string, status: 'booked' | 'checked-in' | 'no-show' | 'completed') =>
  api.post<Appointment>(`/api/appointments/${id}/status`, { status });

export const STATUS_LABEL: Record<CalendarEntry['status'], string> = {
  booked: 'Booked',
  'checked-in': 'Checked in',
  completed: 'Completed',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
};
