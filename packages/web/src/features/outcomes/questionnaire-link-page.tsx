import type { PatientQuestionnaire } from '@anagen/core/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { ApiError, api } from '../../lib/api-client';
import { QuestionnaireForm, timePoint } from './questionnaire-form';

/** /questionnaire/:token — answering from the emailed link, without signing in. */
export function QuestionnaireLinkPage() {
  usePageMeta('Three short questions about your hair');
  const { token = '' } = useParams();
  const q = useQuery({
    queryKey: ['questionnaire-link', token],
    queryFn: () => api.get<PatientQuestionnaire>(`/api/questionnaires/by-token/${encodeURIComponent(token)}`),
    retry: false,
  });
  const send = useMutation({
    mutationFn: (body: unknown) =>
      api.post<PatientQuestionnaire>(
        `/api/questionnaires/by-token/${encodeURIComponent(token)}/answers`,
        body,
      ),
  });
  return (
    <div className="narrow stack">
      <h1>Three short questions about your hair</h1>
      {q.isPending && <Loading />}
      {q.error instanceof ApiError && q.error.status === 404 && (
        <p role="status">
          This link has been used or replaced by a newer email. You can still answer in your portal under
          “Progress”.
        </p>
      )}
      {q.error && !(q.error instanceof ApiError && q.error.status === 404) && <ErrorState error={q.error} />}
      {send.isSuccess && (
        <p className="alert info" role="status">
          Thank you. Your answers are saved and your clinician will see them beside your measurements.
        </p>
      )}
      {q.data && !send.isSuccess && q.data.status === 'open' && (
        <>
          <p className="muted">
            {q.data.treatmentName} · {timePoint(q.data.month)}. Answering is optional and does not change your
            care. The questions were written by Anagen for this purpose.
          </p>
          <QuestionnaireForm q={q.data} submit={(a) => send.mutateAsync(a)} />
        </>
      )}
      {q.data && q.data.status === 'answered' && !send.isSuccess && (
        <p role="status">You have already answered these questions. Thank you.</p>
      )}
      {q.data && q.data.status === 'expired' && (
        <p role="status">These questions have closed. Thank you all the same.</p>
      )}
    </div>
  );
}
