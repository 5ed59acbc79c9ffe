// A state shown as a filled badge in one of a few tones whose colours keep 4.5:1 contrast
// with the white text autoContrast gives them (green-9 and orange-9 fall just under, so
// "good" is teal and "attention" is indigo). Screens name the tone, not a colour.
import { Badge, type MantineSize } from '@mantine/core';

export type Tone = 'good' | 'bad' | 'waiting' | 'attention' | 'neutral';

const TONE_COLOR: Record<Tone, string> = {
  good: 'teal',
  bad: 'red',
  waiting: 'blue',
  attention: 'indigo',
  neutral: 'gray',
};

export function ToneBadge({ tone, size = 'sm', children }: { tone: Tone; size?: MantineSize; children: React.ReactNode }) {
  return (
    <Badge color={TONE_COLOR[tone]} size={size}>
      {children}
    </Badge>
  );
}
