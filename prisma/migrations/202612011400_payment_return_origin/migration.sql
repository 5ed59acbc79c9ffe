-- Where the gateway sends the customer back: the SPA origin they started paying from.
ALTER TABLE "payment" ADD COLUMN "return_origin" TEXT;
