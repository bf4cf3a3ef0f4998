import type { Role } from '@anagen/core/access';
import type { Me } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/ui/states';
import { homeFor, useMe } from '../features/auth/use-me';
import { api } from '../lib/api-client';
import { useClinicZone } from '../lib/clinic-time';
import { useClinicInfo } from '../lib/use-clinic';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Only these roles see the link (default: everyone in the area). */
  roles?: readonly Role[];
}

const PUBLIC_NAV: NavItem[] = [
  { to: '/learn', label: 'Learn' },
  { to: '/treatments', label: 'Treatments' },
  { to: '/compare', label: 'Compare' },
  { to: '/cost', label: 'Costs' },
  { to: '/assessment', label: 'Assessment' },
  { to: '/book', label: 'Book' },
];

export const AREA_NAV: Record<'portal' | 'staff' | 'admin', NavItem[]> = {
  portal: [
    { to: '/portal', label: 'Home', end: true },
    { to: '/portal/appointments', label: 'Appointments' },
    { to: '/portal/progress', label: 'Progress' },
    { to: '/portal/records', label: 'My records' },
    { to: '/portal/publications', label: 'Photo publishing' },
    { to: '/portal/access-log', label: 'Who accessed my record' },
    { to: '/portal/account', label: 'Account' },
  ],
  staff: [
    { to: '/staff', label: 'Today', end: true },
    { to: '/staff/calendar', label: 'Calendar' },
    { to: '/staff/patients', label: 'Patients' },
    { to: '/staff/outcomes', label: 'Outcomes', roles: ['clinician', 'admin'] },
    { to: '/staff/account', label: 'My account' },
  ],
  admin: [
    { to: '/admin', label: 'Settings', end: true },
    { to: '/admin/staff', label: 'Staff' },
    { to: '/admin/schedules', label: 'Schedules' },
    { to: '/admin/catalogue', label: 'Catalogue' },
    { to: '/admin/prices', label: 'Prices' },
    { to: '/admin/templates', label: 'Templates' },
    { to: '/admin/side-effects', label: 'Side effects' },
    { to: '/admin/hair-count-agreement', label: 'Hair counts' },
    { to: '/admin/audit-log', label: 'Audit log' },
    { to: '/admin/requests', label: 'Requests' },
  ],
};

function SignOutButton() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="btn secondary small"
      onClick={async () => {
        await api.post('/api/auth/logout').catch(() => {});
        qc.clear();
        navigate('/');
      }}
    >
      Sign out
    </button>
  );
}

function AccountLinks({ me }: { me: Me | null | undefined }) {
  const { pathname } = useLocation();
  if (!me) {
    return (
      <div className="row">
        <NavLink className="btn secondary small" to="/sign-in">
          Sign in
        </NavLink>
      </div>
    );
  }
  const areas: NavItem[] = [];
  if (me.role === 'patient') areas.push({ to: '/portal', label: 'My portal' });
  if (me.role !== 'patient') areas.push({ to: '/staff', label: 'Staff area' });
  if (me.role === 'admin') areas.push({ to: '/admin', label: 'Admin' });
  // A button for the area already on screen only repeats the nav (and costs a row on a phone).
  const elsewhere = areas.filter((a) => pathname !== a.to && !pathname.startsWith(`${a.to}/`));
  return (
    <div className="row">
      <span className="muted small">{me.name}</span>
      {elsewhere.map((a) => (
        <NavLink key={a.to} className="btn secondary small" to={a.to}>
          {a.label}
        </NavLink>
      ))}
      <SignOutButton />
    </div>
  );
}

// Staff pages use a wider main column (main.wide); header and footer line up with it.
const WIDE_INNER = { maxWidth: 1400 } as const;

/**
 * On a phone the nav is one sideways-scrolling row (styles.css); keep the current page's link in
 * view after each navigation. Only the row scrolls, never the page.
 */
function useCurrentLinkInView() {
  const ref = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each navigation on purpose
  useEffect(() => {
    const nav = ref.current;
    const link = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!nav || !link || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = link.offsetLeft - (nav.clientWidth - link.offsetWidth) / 2;
  }, [pathname]);
  return ref;
}

function DemoBanner() {
  const { data: clinic } = useClinicInfo();
  if (!clinic?.demo) return null;
  return (
    <div className="demo-banner" role="note">
      Demo clinic — public demo passwords, do not enter real patient data
    </div>
  );
}

export function Shell({ nav, wide, children }: { nav: NavItem[]; wide?: boolean; children?: ReactNode }) {
  const { data: me } = useMe();
  const navRef = useCurrentLinkInView();
  // Staff pages show clinic dates only: wait for the clinic's zone rather than guess the browser's.
  const zone = useClinicZone();
  const clinic = useClinicInfo();
  const ready = !wide || zone !== null || clinic.isError;
  return (
    <>
      {/* A new page opens at its top; back and forward return to where the reader was (issue 25). */}
      <ScrollRestoration />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DemoBanner />
      <header className="site-header">
        <div className="inner" style={wide ? WIDE_INNER : undefined}>
          <NavLink to={homeFor(me)} className="brand" aria-label="Anagen home">
            <img src="/favicon.svg" alt="" width={28} height={28} /> Anagen
          </NavLink>
          <nav aria-label="Main" ref={navRef}>
            <ul className="nav">
              {nav.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.end}>
                    {n.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <AccountLinks me={me} />
        </div>
      </header>
      <main id="main" className={wide ? 'wide' : undefined} tabIndex={-1}>
        <Suspense fallback={<Loading />}>{ready ? (children ?? <Outlet />) : <Loading />}</Suspense>
      </main>
      <footer className="site-footer">
        <div className="inner" style={wide ? WIDE_INNER : undefined}>
          Anagen gives general information, not a diagnosis. If you are worried about sudden hair loss, scalp
          pain or scarring, see a physician.
        </div>
      </footer>
    </>
  );
}

export function PublicLayout() {
  return <Shell nav={PUBLIC_NAV} />;
}
