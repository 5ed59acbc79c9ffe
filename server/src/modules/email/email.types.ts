// The outbox's GraphQL types: the root value is the email_message row itself.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EmailStatus } from '../../generated/prisma/enums';
import { ConnectionType } from '../../graphql/common.types';

registerEnumType(EmailStatus, {
  name: 'EmailStatus',
  valuesConfig: {
    PENDING: { description: 'Waiting for its first or next attempt.' },
    SENT: { description: 'Handed to the SMTP server (or, without SMTP_URL, kept in this outbox).' },
    FAILED: { description: 'Refused for good, or out of attempts.' },
  },
});

@ObjectType({ description: 'A message in the email outbox (sent through SMTP when configured, kept for admins otherwise).' })
export class EmailMessage {
  @Field(() => ID) id!: string;
  @Field(() => String) to!: string;
  @Field(() => String) subject!: string;
  @Field(() => String) text!: string;
  @Field(() => EmailStatus) status!: EmailStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Why the last attempt did not deliver it (the SMTP server's answer)." })
  lastError!: string | null;
}

export const EmailMessageConnection = ConnectionType('EmailMessage', EmailMessage);
