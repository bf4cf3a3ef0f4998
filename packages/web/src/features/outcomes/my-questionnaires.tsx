import type { PatientQuestionnaire } from '@anagen/core/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { changeLabel, QuestionnaireForm, satisfactionLabel, timePoint } from './questionnaire-form';

/** On the progress page, beside the measurements: the patient's own view, asked and answered. */
export function MyQuestionnaires({ patientId, canAnswer }: { patientId: string; canAnswer: boolean }) {
  const qc = useQueryClient();
  const key = ['questionnaires', patientId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<PatientQuestionnaire[]>(`/api/patients/${patientId}/questionnaires`),
  });
  if (!list.data || list.data.length === 0) return null;
  const open = list.data.filter((q) => q.status === 'open');
  const answered = list.data.filter((q) => q.status === 'answered');
  return (
    <section className="card" aria-labelledby="my-q-h">
      <h2 id="my-q-h">{canAnswer ? 'How you feel it is going' : 'How the patient feels it is going'}</h2>
      {canAnswer &&
        open.map((q) => (
          <div key={q.id} className="stack">
            <h3>
              {q.treatmentName}: {timePoint(q.month)}
            </h3>
            <QuestionnaireForm
              q={q}
              submit={async (a) => {
                await api.post(`/api/patients/${patientId}/questionnaires/${q.id}/answers`, a);
                await qc.invalidateQueries({ queryKey: key });
              }}
            />
          </div>
        ))}
      {answered.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Answered questionnaires</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change since before treatment</th>
                <th scope="col">Satisfaction</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {answered.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{timePoint(q.month)}</th>
                  <td>{changeLabel(q.answers?.globalChange ?? null)}</td>
                  <td>{q.answers ? satisfactionLabel(q.answers.satisfaction) : '—'}</td>
                  <td className="pre-wrap">{q.answers?.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!canAnswer && open.length > 0 && (
        <p className="muted">{open.length} questionnaire(s) not answered yet.</p>
      )}
    </section>
  );
}
