// The admin console: people, bookings, payments and refunds, payments held for review,
// categories, the email outbox, API keys, analytics.
// Lazy-loaded with its own routes, so nobody else downloads it.
import { Route, Routes } from 'react-router';
import { ConsoleLayout } from '../console/ConsoleLayout';
import { AnalyticsScreen } from './AnalyticsScreen';
import { ApiKeysScreen } from './ApiKeysScreen';
import { BookingsScreen } from './BookingsScreen';
import { CategoriesScreen } from './CategoriesScreen';
import { EmailOutboxScreen } from './EmailOutboxScreen';
import { HeldPaymentsScreen } from './HeldPaymentsScreen';
import { PaymentsScreen } from './PaymentsScreen';
import { UsersScreen } from './UsersScreen';

const AREAS = [
  { path: '', label: 'Analytics' },
  { path: 'users', label: 'Users' },
  { path: 'bookings', label: 'Bookings' },
  { path: 'payments', label: 'Payments' },
  { path: 'held', label: 'Held for review' },
  { path: 'categories', label: 'Categories' },
  { path: 'emails', label: 'Email outbox' },
  { path: 'api-keys', label: 'API keys' },
] as const;

export function AdminConsole() {
  return (
    <ConsoleLayout
      title="Admin"
      base="/admin"
      areas={AREAS}
      signInReason="Run the platform"
      refuse={(viewer) => (viewer.role === 'ADMIN' ? null : { title: 'Admins only', message: 'This console is for HomeSer admins.' })}
    >
      {() => (
        <Routes>
          <Route index element={<AnalyticsScreen />} />
          <Route path="users" element={<UsersScreen />} />
          <Route path="bookings" element={<BookingsScreen />} />
          <Route path="payments" element={<PaymentsScreen />} />
          <Route path="held" element={<HeldPaymentsScreen />} />
          <Route path="categories" element={<CategoriesScreen />} />
          <Route path="emails" element={<EmailOutboxScreen />} />
          <Route path="api-keys" element={<ApiKeysScreen />} />
        </Routes>
      )}
    </ConsoleLayout>
  );
}
