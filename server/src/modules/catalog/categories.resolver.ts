// Admins keep the category list: add, rename or reorder, archive and restore.
import { Arg, Authorized, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../generated/prisma/enums';
import type { CategoriesService } from './categories.service';
import { Category } from './catalog.types';

@InputType()
export class CategoryInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Lowercase words joined by hyphens; made from the name when omitted.' })
  slug?: string | null;

  @Field(() => Int, { nullable: true, description: 'Position in lists; after the last one when omitted.' }) sortOrder?: number | null;
}

@InputType()
export class CategoryUpdateInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) slug?: string | null;
  @Field(() => Int, { nullable: true }) sortOrder?: number | null;
}

@Authorized(Role.ADMIN)
@Resolver(() => Category)
export class CategoriesResolver {
  constructor(private readonly categories: CategoriesService) {}

  @Mutation(() => Category, { description: 'Admin only.' })
  createCategory(@Arg('input', () => CategoryInput) input: CategoryInput) {
    return this.categories.createCategory(input);
  }

  @Mutation(() => Category, { description: 'Admin only.' })
  updateCategory(@Arg('id', () => ID) id: string, @Arg('input', () => CategoryUpdateInput) input: CategoryUpdateInput) {
    return this.categories.updateCategory(id, input);
  }

  @Mutation(() => Category, {
    description: 'Admin only. Its services leave browse and search; their bookings stay. archived: false restores it.',
  })
  archiveCategory(
    @Arg('id', () => ID) id: string,
    @Arg('archived', () => Boolean, { nullable: true, defaultValue: true }) archived: boolean,
  ) {
    return this.categories.archiveCategory(id, archived);
  }
}
