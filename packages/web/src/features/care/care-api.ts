import type {
  AppointmentChecklist,
  CareAlert,
  ConsentStatus,
  ConsentsOverview,
  Diagnosis,
  NewDiagnosis,
  NewPlan,
  NewSession,
  Plan,
  PostCare,
  SessionRecord,
  SideEffectFollowUp,
  SideEffectReport,
  SideEffectResponse,
  SignedConsent,
} from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

const base = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

/** Every care query is keyed ['care', patientId, what], so one invalidation refreshes a chart. */
const careKeys = {
  all: (patientId: string) => ['care', patientId] as const,
  of: (patientId: string, what: string) => ['care', patientId, what] as const,
};

function usePatientQuery<T>(patientId: string | undefined, what: string, path: string) {
  return useQuery({
    queryKey: careKeys.of(patientId ?? '', what),
    queryFn: () => api.get<T>(`${base(patientId!)}${path}`),
    enabled: !!patientId,
  });
}

export const usePlans = (id?: string) => usePatientQuery<Plan[]>(id, 'plans', '/plans');
export const useDiagnoses = (id?: string) => usePatientQuery<Diagnosis[]>(id, 'diagnoses', '/diagnoses');
export const useSessions = (id?: string) => usePatientQuery<SessionRecord[]>(id, 'sessions', '/sessions');
export const useConsents = (id?: string) => usePatientQuery<ConsentsOverview>(id, 'consents', '/consents');
export const usePreparation = (id?: string) =>
  usePatientQuery<AppointmentChecklist[]>(id, 'preparation', '/preparation');
export const usePostCare = (id?: string) => usePatientQuery<PostCare[]>(id, 'post-care', '/post-care');
export const useSideEffects = (id?: string) =>
  usePatientQuery<SideEffectReport[]>(id, 'side-effects', '/side-effects');

export function useConsentStatus(patientId: string | undefined, treatment: string | undefined) {
  return useQuery({
    queryKey: careKeys.of(patientId ?? '', `consent-status:${treatment}`),
    queryFn: () =>
      api.get<ConsentStatus>(
        `${base(patientId!)}/consent-status?treatment=${encodeURIComponent(treatment!)}`,
      ),
    enabled: !!patientId && !!treatment,
  });
}

/** A write under a patient's record that refreshes all of their care data afterwards. */
function usePatientMutation<Body, Out>(
  patientId: string,
  method: 'post' | 'patch',
  path: (b: Body) => string,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api[method]<Out>(`${base(patientId)}${path(body)}`, stripRouting(body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: careKeys.all(patientId) }),
  });
}

// Routing fields (ids in the path) are prefixed with "_" and never sent in the body.
function stripRouting(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const entries = Object.entries(body).filter(([k]) => !k.startsWith('_'));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export const useCreatePlan = (id: string) => usePatientMutation<NewPlan, Plan>(id, 'post', () => '/plans');
export const useUpdatePlan = (id: string) =>
  usePatientMutation<{ _planId: string; status: Plan['status'] }, Plan>(
    id,
    'patch',
    (b) => `/plans/${b._planId}`,
  );
export const useCreateDiagnosis = (id: string) =>
  usePatientMutation<NewDiagnosis, Diagnosis>(id, 'post', () => '/diagnoses');
export const useRecordSession = (id: string) =>
  usePatientMutation<NewSession, SessionRecord>(id, 'post', () => '/sessions');
export const useEditSession = (id: string) =>
  usePatientMutation<Partial<NewSession> & { _sid: string }, SessionRecord>(
    id,
    'patch',
    (b) => `/sessions/${b._sid}`,
  );
export const useSignSession = (id: string) =>
  usePatientMutation<{ _sid: string }, SessionRecord>(id, 'post', (b) => `/sessions/${b._sid}/sign`);
export const useAddAddendum = (id: string) =>
  usePatientMutation<{ _sid: string; text: string }, SessionRecord>(
    id,
    'post',
    (b) => `/sessions/${b._sid}/addenda`,
  );
export const useSignConsent = (id: string) =>
  usePatientMutation<{ templateId: string; typedName: string; agreed: true }, SignedConsent>(
    id,
    'post',
    () => '/consents',
  );
export const useTickItem = (id: string) =>
  usePatientMutation<{ _itemId: string; ticked: boolean }, unknown>(
    id,
    'post',
    (b) => `/preparation/${b._itemId}/tick`,
  );
export const useReportSideEffect = (id: string) =>
  usePatientMutation<
    { symptoms: string[]; severity: number; onsetAt: number; sessionId?: string; note?: string },
    SideEffectResponse
  >(id, 'post', () => '/side-effects');
export const useReviewSideEffect = (id: string) =>
  usePatientMutation<
    { _rid: string; assessment: string; outcome: string; followUpAt?: number },
    SideEffectReport
  >(id, 'post', (b) => `/side-effects/${b._rid}/review`);

/** Reports under monitoring with their follow-up dates, for the staff Today page. */
export function useSideEffectFollowUps(enabled = true) {
  return useQuery({
    queryKey: ['side-effect-follow-ups'],
    queryFn: () => api.get<SideEffectFollowUp[]>('/api/side-effects/follow-ups'),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useAlerts(enabled = true) {
  return useQuery({
    queryKey: ['care-alerts'],
    queryFn: () => api.get<CareAlert[]>('/api/alerts'),
    refetchInterval: 30_000,
    enabled,
  });
}

export function useAcknowledgeAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => api.post(`/api/alerts/${encodeURIComponent(alertId)}/acknowledge`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['care-alerts'] }),
  });
}
