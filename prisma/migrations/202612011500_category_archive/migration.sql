-- Admins archive a category instead of deleting it: its services and their bookings stay,
-- but browse and new listings skip it.
ALTER TABLE "category" ADD COLUMN "archived_at" TIMESTAMPTZ(3);
