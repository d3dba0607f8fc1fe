-- bursa schema, version 6: a union names a member with their consent, and
-- the member confirms it from their own account before the complaint is
-- shared with them or linked to later actions against them.
ALTER TABLE complaint_members ADD COLUMN confirmed_at {{ts}};
