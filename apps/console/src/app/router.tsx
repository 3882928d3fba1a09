import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { Layout } from './Layout';
import { RouteError } from './RouteError';

// Pages are split into their own chunks so the first load stays small.
const PersonsPage = lazy(() => import('../pages/persons/PersonsPage').then((m) => ({ default: m.PersonsPage })));
const PersonPage = lazy(() => import('../pages/person/PersonPage').then((m) => ({ default: m.PersonPage })));
const ReviewPage = lazy(() => import('../pages/review/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const SegmentsPage = lazy(() => import('../pages/segments/SegmentsPage').then((m) => ({ default: m.SegmentsPage })));
const SegmentBuilderPage = lazy(() => import('../pages/segment/SegmentBuilderPage').then((m) => ({ default: m.SegmentBuilderPage })));
// The explorer bundles GraphiQL and Monaco (large): it must stay out of the initial JS.
const ExplorerPage = lazy(() => import('../pages/explorer/ExplorerPage').then((m) => ({ default: m.ExplorerPage })));
const AuditLogPage = lazy(() => import('../pages/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const NotFoundPage = lazy(() => import('../pages/not-found/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/persons" replace /> },
      { path: 'persons', element: <PersonsPage /> },
      { path: 'persons/:id', element: <PersonPage /> },
      { path: 'review', element: <ReviewPage /> },
      { path: 'segments', element: <SegmentsPage /> },
      { path: 'segments/new', element: <SegmentBuilderPage /> },
      { path: 'segments/:id', element: <SegmentBuilderPage /> },
      { path: 'explorer', element: <ExplorerPage /> },
      { path: 'audit', element: <AuditLogPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
