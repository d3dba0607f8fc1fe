-- The cases copied from earlier fee reports carry explicit ids: move the
-- identity sequence past them so new cases continue after.
SELECT setval(pg_get_serial_sequence('cases', 'id'), COALESCE((SELECT max(id) FROM cases), 0) + 1, false);
