-- setup: Prefect's schema, the regression dataset, the extension and the
-- helpers the other tests share (test/fixtures/regress_setup.sql, which
-- every test file loads when it runs first in its database).
\i test/fixtures/regress_setup.sql
SELECT extname, extversion FROM pg_extension WHERE extname = 'flow_history';

SELECT regress.fr();
SELECT regress.tr();
