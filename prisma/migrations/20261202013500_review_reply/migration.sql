-- The provider's public answer to a review (replyToReview), shown with the review.
ALTER TABLE "review" ADD COLUMN "reply" TEXT, ADD COLUMN "replied_at" TIMESTAMPTZ(3);

-- Public like the rest of the review (20261201 deny-by-default grants reviews' columns one by one).
GRANT SELECT ("reply", "replied_at") ON "review" TO anon, authenticated;
