import type { InviteStaff, StaffMember } from '@anagen/core/contracts';
import { useState } from 'react';
import { Field, SelectField } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useMe } from '../auth/use-me';
import { useAdminSave, useStaff } from './admin-api';
import { fieldErrorsOf, SaveError } from './form-bits';

const ROLE_LABEL: Record<StaffMember['role'], string> = {
  desk: 'Front desk',
  clinician: 'Clinician',
  admin: 'Admin',
};

export function StaffPage() {
  usePageMeta('Staff');
  const staff = useStaff();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">
        Invite people by email, set their role, and deactivate accounts. A deactivated person is signed out at
        once; their history stays.
      </p>
      <InviteForm onInvited={setNotice} />
      {notice && (
        <p className="alert ok" role="status">
          {notice}
        </p>
      )}
      {staff.isPending && <Loading />}
      {staff.error && <ErrorState error={staff.error} />}
      {staff.data && (
        <table aria-label="Staff accounts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {staff.data.map((m) => (
              <StaffRow key={`${m.id}-${m.role}-${m.active}`} member={m} onNotice={setNotice} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function InviteForm({ onInvited }: { onInvited: (msg: string) => void }) {
  const empty: InviteStaff = { email: '', name: '', role: 'desk' };
  const [d, setD] = useState<InviteStaff>(empty);
  const invite = useAdminSave(
    (body: InviteStaff) =>
      api.post<{ member: StaffMember; emailSent: boolean }>('/api/admin/staff/invite', body),
    (r) => {
      setD(empty);
      onInvited(
        r.emailSent
          ? `Invitation sent to ${r.member.email}. The link works once and expires in 7 days.`
          : `${r.member.email} was added, but the email could not be sent. Use "Send password link" to try again.`,
      );
    },
  );
  const e = fieldErrorsOf(invite.error);
  return (
    <form
      className="card"
      aria-labelledby="invite-heading"
      onSubmit={(ev) => {
        ev.preventDefault();
        invite.mutate(d);
      }}
    >
      <h2 id="invite-heading">Invite a staff member</h2>
      <div className="grid">
        <Field
          label="Full name"
          value={d.name}
          onChange={(ev) => setD({ ...d, name: ev.target.value })}
          error={e.name}
          required
        />
        <Field
          label="Email"
          type="email"
          value={d.email}
          onChange={(ev) => setD({ ...d, email: ev.target.value })}
          error={e.email}
          required
        />
        <SelectField
          label="Role"
          value={d.role}
          onChange={(ev) => setD({ ...d, role: ev.target.value as InviteStaff['role'] })}
          error={e.role}
        >
          <option value="desk">Front desk</option>
          <option value="clinician">Clinician</option>
          <option value="admin">Admin</option>
        </SelectField>
      </div>
      <SaveError error={invite.error} />
      <button type="submit" className="btn" disabled={invite.isPending}>
        Send invitation
      </button>
    </form>
  );
}

function StaffRow({ member: m, onNotice }: { member: StaffMember; onNotice: (msg: string) => void }) {
  const { data: me } = useMe();
  const self = me?.id === m.id;
  const role = useAdminSave((r: StaffMember['role']) => api.patch(`/api/admin/staff/${m.id}`, { role: r }));
  const toggle = useAdminSave(
    () => api.post(`/api/admin/staff/${m.id}/${m.active ? 'deactivate' : 'reactivate'}`),
    () => onNotice(m.active ? `${m.name} is deactivated and signed out.` : `${m.name} can sign in again.`),
  );
  const reset = useAdminSave(
    () => api.post<{ emailSent: boolean }>(`/api/admin/staff/${m.id}/reset-password`),
    (r) =>
      onNotice(
        r.emailSent
          ? `A password link was emailed to ${m.email}.`
          : `The email to ${m.email} could not be sent.`,
      ),
  );
  return (
    <tr>
      <td>{m.name}</td>
      <td>{m.email}</td>
      <td>
        <select
          aria-label={`Role of ${m.name}`}
          value={m.role}
          disabled={self || role.isPending}
          onChange={(ev) => role.mutate(ev.target.value as StaffMember['role'])}
        >
          {Object.entries(ROLE_LABEL).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <SaveError error={role.error} />
      </td>
      <td>{!m.active ? 'Deactivated' : m.invitePending ? 'Invited, no password yet' : 'Active'}</td>
      <td>
        <div className="row">
          {!self && (
            <button
              type="button"
              className={`btn small ${m.active ? 'danger' : 'secondary'}`}
              onClick={() => toggle.mutate(undefined)}
            >
              {m.active ? 'Deactivate' : 'Reactivate'}
              <span className="visually-hidden"> {m.name}</span>
            </button>
          )}
          {m.active && (
            <button type="button" className="btn secondary small" onClick={() => reset.mutate(undefined)}>
              Send password link<span className="visually-hidden"> to {m.name}</span>
            </button>
          )}
        </div>
        <SaveError error={toggle.error ?? reset.error} />
      </td>
    </tr>
  );
}
