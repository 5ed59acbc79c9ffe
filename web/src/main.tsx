import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { apolloClient } from './app/apollo/client';
import { AuthProvider } from './app/auth/AuthProvider';
import { createAppRouter } from './app/router';
import { theme } from './app/theme';

// Toasts only matter after the first action: their container comes after the first paint.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));
const router = createAppRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Suspense>
        <Notifications position="top-right" />
      </Suspense>
      <ApolloProvider client={apolloClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </ApolloProvider>
    </MantineProvider>
  </StrictMode>,
);
