// Free text of the demo bookings: customer notes, cancellation reasons, review comments.
import type { Role } from '../generated/prisma/enums';

export const NOTES = [
  'Flat 4B, the lift is on the left side of the building.',
  'Please call 15 minutes before you arrive.',
  'There is a dog at home; he is friendly.',
  'Parking is available inside the gate; tell the guard my flat number.',
  'Please bring your own ladder.',
  'The problem started last week after heavy rain.',
  'My mother will be at home; she speaks Bangla only.',
  'Second time booking with you, same address as before.',
];

export const CANCEL_REASONS: Record<Role, string[]> = {
  CUSTOMER: [
    'Plans changed: I will be travelling that week.',
    'Found a slot closer to home.',
    'The problem fixed itself, no longer needed.',
    'Booked the wrong date by mistake.',
  ],
  PROVIDER: [
    'Our technician is unwell that day, sorry for the trouble.',
    'Our vehicle broke down; please book another slot.',
    'Spare parts for this model are out of stock this week.',
  ],
  ADMIN: ['Cancelled on request through customer support.', 'Duplicate booking removed by support.'],
};

export const PAYMENT_METHODS = [
  'VISA-Dutch Bangla',
  'MASTER-City Bank',
  'BKASH-BKash',
  'NAGAD-Nagad',
  'AMEX-City Bank',
  'DBBLMOBILEB-Dbbl Mobile Banking',
];

export const REVIEW_COMMENTS = {
  good: [
    'Arrived on time and did a thorough job. Highly recommended!',
    'Very professional and polite. Will book again.',
    'Excellent work, the place looks brand new.',
    'Quick, clean and fairly priced.',
    'Explained the problem clearly before starting and fixed it for good.',
    'Friendly team, careful with our furniture.',
  ],
  okay: [
    'Good work overall but arrived 30 minutes late.',
    'Job done, though it took longer than expected.',
    'Decent service; had to remind them about a few spots.',
  ],
  poor: ['The problem came back after two days.', 'Not happy with the finish; needed a second visit.'],
};
