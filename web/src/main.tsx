import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apolloClient } from './apollo';
import { CategoryList } from './features/catalog/CategoryList';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={apolloClient}>
      <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '2rem auto', padding: '0 1rem' }}>
        <h1>HomeSer</h1>
        <p>Book trusted home services near you.</p>
        <CategoryList />
      </main>
    </ApolloProvider>
  </StrictMode>,
);
