import type { NoticeKind, NoticeNotes } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TextAreaField } from '../../components/ui/field';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useAdminSave } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

const NOTE_FIELDS: [NoticeKind, string, string][] = [
  ['confirmation', 'Booking confirmation', 'Sent when an appointment is booked, with the calendar file.'],
  ['reminder', 'Reminder', 'Sent before the appointment (see booking rules), with the “I’m coming” link.'],
  ['reschedule', 'Moved appointment', 'Sent when an appointment moves to a new time.'],
  ['cancellation', 'Cancellation', 'Sent when an appointment is cancelled.'],
];

/** Admin: the clinic's own words in each appointment email (the date, place and links stay ours). */
export function NoticeNotesSection() {
  const notes = useQuery({
    queryKey: ['admin', 'notice-notes'],
    queryFn: () => api.get<NoticeNotes>('/api/admin/notice-notes'),
  });
  return (
    <section aria-labelledby="notice-notes-heading">
      <h2 id="notice-notes-heading">Appointment emails</h2>
      <p className="muted">
        Each email states the appointment, its place and time in clinic time, and the link to change or cancel
        it. Add your own note to any of them — parking, what to bring, when to arrive. Plain text; it appears
        after those facts. Leave a box empty for no note.
      </p>
      {notes.isPending && <Loading />}
      {notes.error && <ErrorState error={notes.error} />}
      {notes.data && <NoticeNotesForm initial={notes.data} />}
    </section>
  );
}

function NoticeNotesForm({ initial }: { initial: NoticeNotes }) {
  const [d, setD] = useState(initial);
  const save = useAdminSave((body: NoticeNotes) => api.put<NoticeNotes>('/api/admin/notice-notes', body));
  const e = fieldErrorsOf(save.error);
  return (
    <form
      className="card"
      aria-label="Notes in appointment emails"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate(d);
      }}
    >
      {NOTE_FIELDS.map(([kind, label, hint]) => (
        <TextAreaField
          key={kind}
          label={label}
          hint={`${hint} At most 1000 characters.`}
          rows={3}
          maxLength={1000}
          value={d[kind]}
          onChange={(ev) => setD({ ...d, [kind]: ev.target.value })}
          error={e[kind]}
        />
      ))}
      <SaveError error={save.error} />
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Email notes saved. They go into every message sent from now on.
        </p>
      )}
      <button type="submit" className="btn" disabled={save.isPending}>
        Save email notes
      </button>
    </form>
  );
}
