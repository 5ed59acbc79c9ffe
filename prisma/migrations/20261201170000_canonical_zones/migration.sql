-- Zone names are stored as the tz database spells them: inputs are canonicalized from now
-- on (asia/dhaka → Asia/Dhaka), and rows written before that get the same treatment for
-- case. (Renamed zones such as Asia/Calcutta stay valid names and are left as they are.)
UPDATE "provider" p SET "time_zone" = n.name
FROM (SELECT DISTINCT ON (lower(name)) name FROM pg_timezone_names ORDER BY lower(name), name) n
WHERE lower(p."time_zone") = lower(n.name) AND p."time_zone" <> n.name;

UPDATE "app_user" u SET "time_zone" = n.name
FROM (SELECT DISTINCT ON (lower(name)) name FROM pg_timezone_names ORDER BY lower(name), name) n
WHERE lower(u."time_zone") = lower(n.name) AND u."time_zone" <> n.name;
