import { STAFF_ROLES } from '@anagen/core/access';
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RegisterPage } from '../features/auth/register-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { HomePage } from '../features/public/home-page';
import { NotFoundPage, RouteErrorPage } from '../features/public/not-found-page';
import { PublicLayout } from './layout';
import { AreaLayout } from './require-role';

// Signed-in areas load on demand so the public pages stay small.
const PortalHomePage = lazy(() =>
  import('../features/portal/portal-home-page').then((m) => ({ default: m.PortalHomePage })),
);
const PortalRecordsPage = lazy(() =>
  import('../features/care/portal-records-page').then((m) => ({ default: m.PortalRecordsPage })),
);
const PortalConsentsPage = lazy(() =>
  import('../features/care/portal-consents-page').then((m) => ({ default: m.PortalConsentsPage })),
);
const PortalSideEffectPage = lazy(() =>
  import('../features/care/portal-side-effect-page').then((m) => ({ default: m.PortalSideEffectPage })),
);
const SideEffectStatsPage = lazy(() =>
  import('../features/care/side-effect-stats-page').then((m) => ({ default: m.SideEffectStatsPage })),
);
const OutcomesPage = lazy(() =>
  import('../features/outcomes/outcomes-page').then((m) => ({ default: m.OutcomesPage })),
);
const StaffHomePage = lazy(() =>
  import('../features/staff/staff-home-page').then((m) => ({ default: m.StaffHomePage })),
);
const PatientSearchPage = lazy(() =>
  import('../features/chart/patient-search-page').then((m) => ({ default: m.PatientSearchPage })),
);
const PatientChartPage = lazy(() =>
  import('../features/chart/patient-chart-page').then((m) => ({ default: m.PatientChartPage })),
);
const StaffAccountPage = lazy(() =>
  import('../features/staff/account-page').then((m) => ({ default: m.StaffAccountPage })),
);
const AdminHomePage = lazy(() =>
  import('../features/admin/admin-home-page').then((m) => ({ default: m.AdminHomePage })),
);
const StaffPage = lazy(() => import('../features/admin/staff-page').then((m) => ({ default: m.StaffPage })));
const SchedulesPage = lazy(() =>
  import('../features/admin/schedules-page').then((m) => ({ default: m.SchedulesPage })),
);
const CataloguePage = lazy(() =>
  import('../features/admin/catalogue-page').then((m) => ({ default: m.CataloguePage })),
);
const TemplatesPage = lazy(() =>
  import('../features/admin/templates-page').then((m) => ({ default: m.TemplatesPage })),
);
const AuditLogPage = lazy(() =>
  import('../features/admin/audit-log-page').then((m) => ({ default: m.AuditLogPage })),
);
const AcceptInvitePage = lazy(() =>
  import('../features/admin/accept-invite-page').then((m) => ({ default: m.AcceptInvitePage })),
);
const emailLinkPage = <
  K extends 'VerifyEmailPage' | 'ForgotPasswordPage' | 'ResetPasswordPage' | 'ClaimBookingPage',
>(
  name: K,
) => lazy(() => import('../features/auth/email-link-pages').then((m) => ({ default: m[name] })));
const VerifyEmailPage = emailLinkPage('VerifyEmailPage');
const ForgotPasswordPage = emailLinkPage('ForgotPasswordPage');
const ResetPasswordPage = emailLinkPage('ResetPasswordPage');
const ClaimBookingPage = emailLinkPage('ClaimBookingPage');
const MergePatientsPage = lazy(() =>
  import('../features/chart/merge-patients-page').then((m) => ({ default: m.MergePatientsPage })),
);
const AccessLogPage = lazy(() =>
  import('../features/portal/access-log-page').then((m) => ({ default: m.AccessLogPage })),
);
const PortalAccountPage = lazy(() =>
  import('../features/account/portal-account-page').then((m) => ({ default: m.PortalAccountPage })),
);
const DeletionRequestsPage = lazy(() =>
  import('../features/account/deletion-requests-page').then((m) => ({ default: m.DeletionRequestsPage })),
);

// Learn and decide: public, but loaded on demand so the home page stays small. Prerendered HTML
// for guide and treatment pages stays on screen while these load.
const LearnIndexPage = lazy(() =>
  import('../features/learn/learn-index-page').then((m) => ({ default: m.LearnIndexPage })),
);
const GuideArticlePage = lazy(() =>
  import('../features/learn/guide-article-page').then((m) => ({ default: m.GuideArticlePage })),
);
const TreatmentsIndexPage = lazy(() =>
  import('../features/learn/treatments-index-page').then((m) => ({ default: m.TreatmentsIndexPage })),
);
const TreatmentPage = lazy(() =>
  import('../features/learn/treatment-page').then((m) => ({ default: m.TreatmentPage })),
);
const ComparePage = lazy(() =>
  import('../features/learn/compare-page').then((m) => ({ default: m.ComparePage })),
);
const CostPage = lazy(() => import('../features/learn/cost-page').then((m) => ({ default: m.CostPage })));
const AssessmentPage = lazy(() => import('../features/learn/assessment-page'));
const AdminPricesPage = lazy(() => import('../features/learn/admin-prices-page'));
const ProgressPage = lazy(() => import('../features/progress/progress-page'));
const ProgressReportPage = lazy(() => import('../features/progress/progress-report-page'));
const BookPage = lazy(() => import('../features/booking/book-page').then((m) => ({ default: m.BookPage })));
const PublicOutcomesPage = lazy(() =>
  import('../features/outcomes/public-outcomes-page').then((m) => ({ default: m.PublicOutcomesPage })),
);
const QuestionnaireLinkPage = lazy(() =>
  import('../features/outcomes/questionnaire-link-page').then((m) => ({ default: m.QuestionnaireLinkPage })),
);
const ManagePage = lazy(() =>
  import('../features/booking/manage-page').then((m) => ({ default: m.ManagePage })),
);
const PortalAppointmentsPage = lazy(() =>
  import('../features/booking/portal-appointments-page').then((m) => ({ default: m.PortalAppointmentsPage })),
);
const CalendarPage = lazy(() =>
  import('../features/calendar/calendar-page').then((m) => ({ default: m.CalendarPage })),
);

const PortalPublicationsPage = lazy(() =>
  import('../features/publications/portal-publications-page').then((m) => ({
    default: m.PortalPublicationsPage,
  })),
);

const HairReviewPage = lazy(() => import('../features/hair-review/hair-review-page'));
const AgreementPage = lazy(() => import('../features/hair-review/agreement-page'));

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'register', element: <RegisterPage /> },
          { path: 'accept-invite', element: <AcceptInvitePage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'claim-booking', element: <ClaimBookingPage /> },
          { path: 'learn', element: <LearnIndexPage /> },
          { path: 'learn/:slug', element: <GuideArticlePage /> },
          { path: 'treatments', element: <TreatmentsIndexPage /> },
          { path: 'treatments/:slug', element: <TreatmentPage /> },
          { path: 'treatments/:slug/outcomes', element: <PublicOutcomesPage /> },
          { path: 'compare', element: <ComparePage /> },
          { path: 'cost', element: <CostPage /> },
          { path: 'assessment', element: <AssessmentPage /> },
          { path: 'book', element: <BookPage /> },
          { path: 'manage/:id', element: <ManagePage /> },
          { path: 'questionnaire/:token', element: <QuestionnaireLinkPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        path: 'portal',
        element: <AreaLayout area="portal" roles={['patient']} />,
        children: [
          { index: true, element: <PortalHomePage /> },
          { path: 'records', element: <PortalRecordsPage /> },
          { path: 'access-log', element: <AccessLogPage /> },
          { path: 'account', element: <PortalAccountPage /> },
          { path: 'appointments', element: <PortalAppointmentsPage /> },
          { path: 'consents', element: <PortalConsentsPage /> },
          { path: 'side-effect', element: <PortalSideEffectPage /> },
          { path: 'progress', element: <ProgressPage /> },
          { path: 'progress/report', element: <ProgressReportPage /> },
          { path: 'publications', element: <PortalPublicationsPage /> },
        ],
      },
      {
        path: 'staff',
        element: <AreaLayout area="staff" roles={STAFF_ROLES} />,
        children: [
          { index: true, element: <StaffHomePage /> },
          { path: 'account', element: <StaffAccountPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'patients', element: <PatientSearchPage /> },
          { path: 'patients/:id/merge', element: <MergePatientsPage /> },
          { path: 'patients/:id/:tab?', element: <PatientChartPage /> },
          { path: 'patients/:id/progress/report', element: <ProgressReportPage /> },
          { path: 'measurements/:id/review', element: <HairReviewPage /> },
          { path: 'hair-count-agreement', element: <AgreementPage /> },
          { path: 'outcomes', element: <OutcomesPage /> },
        ],
      },
      {
        path: 'admin',
        element: <AreaLayout area="admin" roles={['admin']} />,
        children: [
          { index: true, element: <AdminHomePage /> },
          { path: 'prices', element: <AdminPricesPage /> },
          { path: 'requests', element: <DeletionRequestsPage /> },
          { path: 'staff', element: <StaffPage /> },
          { path: 'schedules', element: <SchedulesPage /> },
          { path: 'catalogue', element: <CataloguePage /> },
          { path: 'templates', element: <TemplatesPage /> },
          { path: 'audit-log', element: <AuditLogPage /> },
          { path: 'side-effects', element: <SideEffectStatsPage /> },
          { path: 'hair-count-agreement', element: <AgreementPage /> },
        ],
      },
    ],
  },
]);
