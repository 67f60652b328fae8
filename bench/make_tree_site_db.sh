#!/bin/bash
# make_tree_site_db.sh DB USERS: a benchmark site three bank levels deep, made
# with create-db and then filled directly with SQL (fast): root, 10 divisions
# (div00 …), 9 departments in each (dept000 …), 10 groups in each (grp0000 …,
# 900 leaf banks; 1,000 banks in all), and USERS associations spread evenly
# over the groups with varied shares (1-5) and usage (0-1018.5, some zero).
# For update-fshare, whose cost grows with the depth of the tree and the
# number of banks (make_site_db.sh has one level).
set -euo pipefail
db=$1 users=$2
: "${FLUX_ACCOUNT:?FLUX_ACCOUNT must name the flux-account binary}"
rm -f "$db"
"$FLUX_ACCOUNT" -p "$db" create-db
sqlite3 "$db" <<SQL
BEGIN;
INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('root', '', 1);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 10)
INSERT INTO bank_table (bank, parent_bank, shares)
  SELECT printf('div%02d', i), 'root', 1 + i % 3 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 90)
INSERT INTO bank_table (bank, parent_bank, shares)
  SELECT printf('dept%03d', i), printf('div%02d', i / 9), 1 + i % 4 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 900)
INSERT INTO bank_table (bank, parent_bank, shares)
  SELECT printf('grp%04d', i), printf('dept%03d', i / 10), 1 + i % 5 FROM n;
WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i + 1 < $users)
INSERT INTO association_table (creation_time, mod_time, username, userid, bank, default_bank,
                               shares, job_usage)
  SELECT 1767225600, 1767225600, printf('user%06d', i), 100000 + i,
         printf('grp%04d', i % 900), printf('grp%04d', i % 900), 1 + i % 5, (i % 97) * 10.5 FROM u;
INSERT INTO job_usage_factor_table (username, userid, bank)
  SELECT username, userid, bank FROM association_table;
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < 3)
INSERT INTO job_usage_per_association_table (username, userid, bank, period, value)
  SELECT username, userid, bank, n, 0.0 FROM association_table, p;
COMMIT;
SQL
