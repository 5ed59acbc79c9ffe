// The Review GraphQL type. The root value is the review row; the columns without @Field are
// read by the field resolvers (author) or stay private (booking, provider).
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/common.types';

@ObjectType({ simpleResolvers: true })
export class Review {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1 to 5 stars.' }) rating!: number;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { nullable: true, description: "The provider's public answer (replyToReview)." }) reply!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the provider last answered.' }) repliedAt!: Date | null;
  bookingId!: string;
  providerId!: string;
  authorId!: string;
}

export const ReviewConnection = ConnectionType('Review', Review);
