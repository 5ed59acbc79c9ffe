// Money and reputation: insights, payments and refunds received, reviews with replies.
import { Stack } from '@mantine/core';
import { InsightsPanel } from './InsightsPanel';
import { PaymentsReceived } from './PaymentsReceived';
import { ReviewsPanel } from './ReviewsPanel';

export function MoneyScreen({ providerId, zone }: { providerId: string; zone: string }) {
  return (
    <Stack gap="xl">
      <InsightsPanel zone={zone} />
      <PaymentsReceived zone={zone} />
      <ReviewsPanel providerId={providerId} zone={zone} />
    </Stack>
  );
}
