-- Users u2…u33 and products p1…p1000 with ids the pgbench scripts can name (the real ones are UUIDv7 text).
INSERT INTO users (id, email, email_normalized, password_hash, role, is_active, created_at, updated_at)
  SELECT 'u' || g, 'u' || g || '@floor.example', 'u' || g || '@floor.example', 'x', 'customer', true, now(), now() FROM generate_series(2, 33) g;
INSERT INTO products (id, sku, sku_normalized, name, price_minor, currency, stock, created_at, updated_at, status, name_lower, search_text)
  SELECT 'p' || g, 'SEED-' || g, 'seed-' || g, 'Seed product ' || g, 999, 'EUR', 1000000000, now(), now(), 'active', 'seed product ' || g, 'seed product ' || g
  FROM generate_series(1, 1000) g;
VACUUM ANALYZE;
