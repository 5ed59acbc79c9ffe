import { Arg, Authorized, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { EmailStatus, Role } from '../../generated/prisma/enums';
import type { EmailOutbox } from './email-outbox';
import { EmailMessage, EmailMessageConnection } from './email.types';

@Resolver(() => EmailMessage)
export class EmailResolver {
  constructor(private readonly outbox: EmailOutbox) {}

  @Authorized(Role.ADMIN)
  @Query(() => EmailMessageConnection, { description: 'Admin only: the email outbox.' })
  emails(
    @Arg('status', () => EmailStatus, { nullable: true }) status: EmailStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.outbox.list({ status, first, after });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => EmailMessage, {
    description: 'Admin only: sends a FAILED email again, with a fresh set of attempts (INVALID_TRANSITION for any other status).',
  })
  retryEmail(@Arg('id', () => ID) id: string) {
    return this.outbox.retry(id);
  }
}
