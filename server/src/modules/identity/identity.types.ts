import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ApiScope, Role } from '../../generated/prisma/enums';
import { ConnectionType } from '../../graphql/common.types';

registerEnumType(Role, { name: 'Role' });
registerEnumType(ApiScope, { name: 'ApiScope' });

@ObjectType({ description: 'A person as they, the other party of their bookings, and admins see them.' })
export class User {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => Role) role!: Role;
  @Field(() => String) timeZone!: string;
  @Field(() => Boolean) suspended!: boolean;
  @Field(() => Date) createdAt!: Date;
  avatarPublicId!: string | null;
}

@ObjectType({ description: 'What anyone may see of a person: no contact details.' })
export class PublicProfile {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  avatarPublicId!: string | null;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String) accessToken!: string;
  @Field(() => Date) accessTokenExpiresAt!: Date;
  @Field(() => String, {
    nullable: true,
    description: 'Null when refreshCookie was asked for: the token is then set as an httpOnly, SameSite=Strict cookie instead.',
  })
  refreshToken!: string | null;
  @Field(() => User) user!: User;
}

@ObjectType()
export class Session {
  @Field(() => ID) id!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) lastUsedAt!: Date;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
}

@InputType()
export class RegisterInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) timeZone?: string | null;
  @Field(() => Boolean, { nullable: true }) asProvider?: boolean | null;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) timeZone?: string | null;
  @Field(() => String, { nullable: true }) avatarPublicId?: string | null;
}

@ObjectType()
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) prefix!: string;
  @Field(() => [ApiScope]) scopes!: ApiScope[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
}

@ObjectType()
export class ApiKeyCreated {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field(() => String, { description: 'Shown once; only a hash is stored.' }) secret!: string;
}

export const UserConnection = ConnectionType('User', User);
