\set a random(1, 500)
\set b random(501, 1000)
\set u random(2, 33)
select lpad(((extract(epoch from clock_timestamp())*1000000)::bigint)::text, 20, '0') || '-' || :client_id as o \gset
SELECT * FROM users WHERE id = 'u' || :u;
select * from products where id in ('p' || :a, 'p' || :b);
\startpipeline
BEGIN;
INSERT INTO orders (id, customer_id, status, currency, version, created_at, updated_at, total_minor, confirmed_at) VALUES ('o' || :o, 'u' || :u, 'pending', 'EUR', 1, now(), now(), 2989, null);
INSERT INTO order_items (id, order_id, product_id, product_name, quantity, unit_price_minor, position) VALUES ('i1-' || :o, 'o' || :o, 'p' || :a, 'Seed product 264 lot 64', 1, 999, 0), ('i2-' || :o, 'o' || :o, 'p' || :b, 'Seed product 265 lot 65', 2, 995, 1);
INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data) VALUES ('o' || :o, 1, 'created', now(), 'u' || :u, 'customer', '{"items":[{"itemId":"01a24de3-8a14-7033-a57d-685f7bc4a18f","productId":"01a24de3-7054-7042-817b-f0bd03daf915","quantity":1},{"itemId":"01a24de3-8a15-701b-8600-05cef498e5b1","productId":"01a24de3-7052-7061-b717-57d1b0452fdb","quantity":2}]}');
INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at) VALUES ('e1-' || :o, 'OrderPlaced', 'o' || :o, '{"orderId":"01a24de3-8a14-7032-bea9-d5ea68391fdf","customerId":"01a24de3-843d-7002-bc20-35cb45a2a64b","total":{"amountMinor":2989,"currency":"EUR"},"items":[{"productId":"01a24de3-7054-7042-817b-f0bd03daf915","quantity":1},{"productId":"01a24de3-7052-7061-b717-57d1b0452fdb","quantity":2}]}', now(), 'pending', 0, now());
COMMIT;
\endpipeline
SELECT * FROM users WHERE id = 'u' || :u;
\startpipeline
BEGIN;
SELECT o.*, i.* FROM orders AS o LEFT JOIN order_items AS i ON i.order_id = o.id WHERE o.id = 'o' || :o ORDER BY i.position FOR UPDATE OF o;
\endpipeline
UPDATE products AS p SET stock = p.stock - v.qty, updated_at = now() FROM (VALUES ('p' || :a, 1), ('p' || :b, 2)) AS v(id, qty) WHERE p.id = v.id AND p.stock >= v.qty AND p.status = 'active' RETURNING p.id, p.stock;
\startpipeline
INSERT INTO stock_movements (id, product_id, delta, stock_after, reason, kind, order_id, actor_id, created_at) VALUES ('m1-' || :o, 'p' || :a, -1, 5, 'order confirmed', 'order_confirmed', 'o' || :o, 'u' || :u, now()), ('m2-' || :o, 'p' || :b, -2, 5, 'order confirmed', 'order_confirmed', 'o' || :o, 'u' || :u, now());
UPDATE orders SET status = 'confirmed', updated_at = now(), version = version + 1, confirmed_at = now() WHERE id = 'o' || :o AND version = 1;
INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data) VALUES ('o' || :o, 2, 'confirmed', now(), 'u' || :u, 'customer', '{}');
INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at) VALUES ('e2-' || :o, 'OrderConfirmed', 'o' || :o, '{"orderId":"01a24de3-8a14-7032-bea9-d5ea68391fdf","customerId":"01a24de3-843d-7002-bc20-35cb45a2a64b","total":{"amountMinor":2989,"currency":"EUR"},"items":[{"productId":"01a24de3-7054-7042-817b-f0bd03daf915","quantity":1},{"productId":"01a24de3-7052-7061-b717-57d1b0452fdb","quantity":2}]}', now(), 'pending', 0, now());
COMMIT;
\endpipeline
