// Every screen is its own lazy chunk, grouped by area: a customer never downloads the
// provider or admin consoles, or the explorer.
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { mountToasts } from './notify';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

const withToasts = <T,>(screen: Promise<T>): Promise<T> => {
  mountToasts();
  return screen;
};

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: () => import('../catalog/HomePage').then((m) => ({ Component: m.HomePage })) },
          { path: 'search', lazy: () => import('../catalog/SearchPage').then((m) => ({ Component: m.SearchPage })) },
          { path: 'services/:id', lazy: () => import('../catalog/ServicePage').then((m) => ({ Component: m.ServicePage })) },
          { path: 'services/:id/book', lazy: () => import('../booking/BookPage').then((m) => ({ Component: m.BookPage })) },
          { path: 'providers/:id', lazy: () => import('../catalog/ProviderPage').then((m) => ({ Component: m.ProviderPage })) },
          { path: 'bookings', lazy: () => import('../booking/MyBookingsPage').then((m) => ({ Component: m.MyBookingsPage })) },
          { path: 'bookings/:id', lazy: () => import('../booking/BookingPage').then((m) => ({ Component: m.BookingPage })) },
          {
            path: 'notifications',
            lazy: () => import('../notifications/NotificationsPage').then((m) => ({ Component: m.NotificationsPage })),
          },
          { path: 'sign-in', lazy: () => import('../account/SignInPage').then((m) => ({ Component: m.SignInPage })) },
          { path: 'register', lazy: () => import('../account/SignInPage').then((m) => ({ Component: m.RegisterPage })) },
          { path: 'account', lazy: () => import('../account/AccountPage').then((m) => ({ Component: m.AccountPage })) },
          // The consoles route inside themselves (descendant <Routes>) and show Mantine's
          // notifications directly: their toast container comes with them.
          {
            path: 'provider/*',
            lazy: () => withToasts(import('../provider/ProviderConsole')).then((m) => ({ Component: m.ProviderConsole })),
          },
          { path: 'admin/*', lazy: () => withToasts(import('../admin/AdminConsole')).then((m) => ({ Component: m.AdminConsole })) },
          { path: 'explorer/*', lazy: () => import('../explorer/ExplorerPage').then((m) => ({ Component: m.ExplorerPage })) },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
