import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { apolloClient } from './app/apollo/client';
import { AuthProvider } from './app/auth/AuthProvider';
import { createAppRouter } from './app/router';
import { theme } from './app/theme';
import { ToastHost } from './app/notify';

const router = createAppRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <ToastHost />
      <ApolloProvider client={apolloClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </ApolloProvider>
    </MantineProvider>
  </StrictMode>,
);
