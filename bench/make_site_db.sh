#!/bin/bash
# make_site_db.sh DB USERS BANKS: a benchmark site made with create-db and
# then filled directly with SQL (fast): one root, BANKS leaf banks under it,
# USERS associations spread evenly over them (user000000 … in bank0000 …),
# each with its usage-tracking row and four usage bins.
set -euo pipefail
db=$1 users=$2 banks=$3
: "${FLUX_ACCOUNT:?FLUX_ACCOUNT must name the flux-account binary}"
rm -f "$db"
"$FLUX_ACCOUNT" -p "$db" create-db
sqlite3 "$db" <<SQL
BEGIN;
INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('root', '', 1);
WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < $banks)
INSERT INTO bank_table (bank, parent_bank, shares) SELECT printf('bank%04d', i), 'root', 1 FROM b;
WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i + 1 < $users)
INSERT INTO association_table (creation_time, mod_time, username, userid, bank, default_bank, job_usage)
  SELECT 1767225600, 1767225600, printf('user%06d', i), 100000 + i,
         printf('bank%04d', i % $banks), printf('bank%04d', i % $banks), (i % 97) * 10.5 FROM u;
INSERT INTO job_usage_factor_table (username, userid, bank)
  SELECT username, userid, bank FROM association_table;
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < 3)
INSERT INTO job_usage_per_association_table (username, userid, bank, period, value)
  SELECT username, userid, bank, n, 0.0 FROM association_table, p;
COMMIT;
SQL
