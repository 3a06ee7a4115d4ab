\set a random(1, 500)
\set b random(501, 1000)
\set u random(2, 33)
select lpad(((extract(epoch from clock_timestamp())*1000000)::bigint)::text, 20, '0') || '-' || :client_id as o \gset
