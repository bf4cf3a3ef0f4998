import type { Appointment, Patient } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export function usePatient(id: string | undefined) {
  return useQuery({
    queryKey: ['patient', id],
    queryFn: () => api.get<Patient>(`/api/patients/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

/** The patient's appointments, oldest first (the chart's Appointments tab and its summary). */
export function usePatientAppointments(patientId: string) {
  return useQuery({
    queryKey: ['patient-appointments', patientId],
    queryFn: () => api.get<Appointment[]>(`/api/patients/${encodeURIComponent(patientId)}/appointments`),
  });
}
