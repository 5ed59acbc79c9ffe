// The provider console: today and upcoming (requests, the week calendar), services and
// their photos, availability, money and reputation, the business profile. Lazy-loaded
// with its own routes, so customers never download it.
import { Skeleton } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Route, Routes } from 'react-router';
import { ErrorNotice } from '../app/screen-states';
import { ConsoleLayout } from '../console/ConsoleLayout';
import { ProviderProfileDocument } from '../gql/graphql';
import { AvailabilityScreen } from './AvailabilityScreen';
import { MoneyScreen } from './MoneyScreen';
import { ProfileScreen } from './ProfileScreen';
import { RequestsScreen } from './RequestsScreen';
import { ServicesScreen } from './ServicesScreen';

const AREAS = [
  { path: '', label: 'Today and upcoming' },
  { path: 'services', label: 'Services' },
  { path: 'availability', label: 'Availability' },
  { path: 'money', label: 'Money and reputation' },
  { path: 'profile', label: 'Profile' },
] as const;

export function ProviderConsole() {
  return (
    <ConsoleLayout
      title="Provider console"
      base="/provider"
      areas={AREAS}
      signInReason="Run your business"
      refuse={(viewer) =>
        viewer.provider
          ? null
          : { title: 'No business yet', message: 'This console is for providers. Open a business from your account page first.' }
      }
    >
      {({ provider }) => provider && <ProviderRoutes providerId={provider.id} />}
    </ConsoleLayout>
  );
}

/** The areas, once the business (and so its zone) is known. */
function ProviderRoutes({ providerId }: { providerId: string }) {
  const { data, error, refetch } = useQuery(ProviderProfileDocument, { variables: { providerId } });
  if (error) return <ErrorNotice error={error} retry={refetch} />;
  const provider = data?.provider;
  if (!provider) return <Skeleton height={320} aria-label="Loading your business" />;
  const zone = provider.timeZone;
  return (
    <Routes>
      <Route index element={<RequestsScreen zone={zone} />} />
      <Route path="services" element={<ServicesScreen providerId={providerId} />} />
      <Route path="availability" element={<AvailabilityScreen providerId={providerId} />} />
      <Route path="money" element={<MoneyScreen providerId={providerId} zone={zone} />} />
      <Route path="profile" element={<ProfileScreen provider={provider} />} />
    </Routes>
  );
}
