// The catalog's GraphQL object types. Resolvers return plain rows (ServiceRow, ProviderRow
// from catalog.rows.ts, whether from Prisma, a DataLoader or the cache); the properties
// without @Field are what the field resolvers read. simpleResolvers: plain fields need no
// per-field middleware, which matters on pages of many services.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/common.types';

@ObjectType({ simpleResolvers: true })
export class Category {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Active services in this category.' }) serviceCount!: number;
  @Field(() => Int, { description: 'Lists show categories in this order.' }) sortOrder!: number;
  @Field(() => Date, { nullable: true, description: 'Set once an admin archived it: its services leave browse, their bookings stay.' })
  archivedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class Image {
  @Field(() => ID) id!: string;
  @Field(() => String) publicId!: string;
  serviceId!: string;
  position!: number;
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class Provider {
  @Field(() => ID) id!: string;
  @Field(() => String) businessName!: string;
  @Field(() => String, { nullable: true }) bio!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String) timeZone!: string;
  @Field(() => Int) ratingCount!: number;
  userId!: string;
  ratingSum!: number;
  minNoticeMinutes!: number;
  maxAdvanceDays!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class Service {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => Int) durationMinutes!: number;
  @Field(() => Int) bufferMinutes!: number;
  @Field(() => Boolean) instantBooking!: boolean;
  @Field(() => String, { nullable: true }) terms!: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Date) createdAt!: Date;
  providerId!: string;
  categoryId!: string;
  priceAmount!: number;
  currency!: string;
  updatedAt!: Date;
}

export const ServiceConnection = ConnectionType('Service', Service);

@ObjectType({ simpleResolvers: true })
export class UploadField {
  @Field(() => String) name!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ simpleResolvers: true })
export class UploadSignature {
  @Field(() => String, { description: "Where the browser posts the file (Cloudinary's upload URL, or the local media route)." })
  uploadUrl!: string;

  @Field(() => [UploadField]) fields!: UploadField[];
  @Field(() => Date) expiresAt!: Date;
}
