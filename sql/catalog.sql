-- catalog: what the extension installs, with its volatility, strictness,
-- parallel labels and security (every function runs as the caller).
\i test/fixtures/regress_setup.sql
SELECT p.oid::regprocedure AS function, p.prokind, p.provolatile, p.proparallel,
       p.proisstrict, p.prosecdef
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'flow_history')
 ORDER BY p.oid::regprocedure::text;

SELECT aggfnoid::regprocedure, aggtransfn, aggfinalfn, aggcombinefn, aggserialfn, aggdeserialfn,
       aggtranstype::regtype
  FROM pg_aggregate WHERE aggfnoid = 'flow_history_bucket_agg'::regproc;

-- the setting, defined when the library loads; its prefix is reserved
LOAD 'flow_history';
SELECT name, setting, context, short_desc FROM pg_settings WHERE name LIKE 'flow_history.%';
SET flow_history.nonexistent = 'x';
