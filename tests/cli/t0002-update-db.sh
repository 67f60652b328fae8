#!/bin/bash
# update-db upgrades upstream databases to schema 38 (tests/data holds the
# oldest and the newest upstream fixture, so this runs without ../shared),
# in one transaction, and refuses files it must not touch.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/update_db_lib.sh"
DATA="$TESTS_DIR/data"
V10="$DATA/FluxAccountingv0-10-0.db"
V60="$DATA/FluxAccountingv0-60-0.db"

# The oldest schema (0.10, no user_version) and the newest before 38.
check_upgrade "$V10"
expect_eq "qos_table" "$(sql "SELECT name FROM sqlite_master WHERE name = 'qos_table'")" \
  "tables unknown to schema 38 are kept"
expect_eq "" "$(columns_of "$DB" association_table | grep -E '^(deleted|admin_level|max_jobs|qos)$')" \
  "columns no longer in the schema are dropped"
expect_eq 8 "$(sql 'SELECT count(*) FROM job_usage_per_association_table')" "4 bins x 2 associations"
check_upgrade "$V60"
expect_eq "1785874447|1|testuser|A|7|2147483647" \
  "$(sql "SELECT creation_time, active, username, bank, max_active_jobs, max_sched_jobs FROM association_table")" \
  "0.60 association"
expect_eq 4 "$(sql 'SELECT count(*) FROM job_usage_per_association_table')" "0.60 bins untouched"

# Logging: -v is INFO in upstream's format, -v -v adds DEBUG.
DB="$WORK/log.db"
install_copy "$V60" "$DB"
fa update-db -v >"$WORK/out" 2>"$WORK/log"
expect_eq "" "$(cat "$WORK/out")" "-v prints nothing on stdout"
expect_eq "2026-01-01 00:00:00: INFO: starting database update for $DB" "$(head -1 "$WORK/log")" "first log line"
for line in "INFO: no new tables found" \
  "INFO: checking for new columns to add in tables..." \
  "INFO: no schema changes needed for table association_table" \
  "INFO: updating schema for table queue_table (2 new column(s), 0 removed column(s))" \
  "INFO: added column max_nodes to table queue_table" \
  "INFO: replaced table queue_table with updated schema" \
  "INFO: updated database schema version to 38" \
  "INFO: database update complete"; do
  if grep -qxF "2026-01-01 00:00:00: $line" "$WORK/log"; then pass; else fail "log lacks [$line]: $(cat "$WORK/log")"; fi
done
expect_eq 0 "$(grep -c DEBUG "$WORK/log")" "-v shows no DEBUG lines"
install_copy "$V60" "$DB"
fa update-db -v -v 2>"$WORK/log"
if grep -q '^2026-01-01 00:00:00: DEBUG: executing: ALTER TABLE "queue_table" RENAME' "$WORK/log"; then pass; else
  fail "-v -v lacks the statements: $(cat "$WORK/log")"
fi

# The stand-alone form takes -p after the command name.
DB="$WORK/standalone.db"
install_copy "$V10" "$DB"
if "$FLUXACCT_BUILD_DIR/flux-account-update-db" -p "$DB" 2>"$WORK/err"; then pass; else
  fail "flux-account-update-db failed: $(cat "$WORK/err")"
fi
expect_eq 38 "$(sql 'PRAGMA user_version')" "stand-alone update-db"

# Usage bins: values land in the period the column number names.
DB="$WORK/bins.db"
install_copy "$V10" "$DB"
sql "UPDATE job_usage_factor_table SET usage_factor_period_0 = 10.5, usage_factor_period_3 = 2.25,
       usage_factor_period_2 = NULL WHERE username = 'moussa1'"
expect_ok update-db
expect_eq "0|10.5 1|0.0 2|0.0 3|2.25" \
  "$(sql "SELECT period, value FROM job_usage_per_association_table WHERE username = 'moussa1' ORDER BY period" | paste -sd' ')" \
  "bins of moussa1 (NULL is no usage)"

# Before 0.15 a removed user had deleted = 1: it stays inactive.
DB="$WORK/deleted.db"
install_copy "$V10" "$DB"
sql "INSERT INTO association_table (creation_time, username, bank, default_bank, deleted)
       VALUES (1, 'gone', 'A', 'A', 1)"
expect_ok update-db
expect_eq "gone|0 testuser|1" "$(sql 'SELECT username, active FROM association_table ORDER BY username' | paste -sd' ')" \
  "active = NOT deleted"

# A database without the end of its half-life period gets one: now plus
# the configured half-life.
DB="$WORK/halflife.db"
install_copy "$V60" "$DB"
sql "DELETE FROM t_half_life_period_table; UPDATE config_table SET value = '86400' WHERE key = 'priority_decay_half_life'"
expect_ok update-db
expect_eq "cluster|1767312000.0" "$(sql 'SELECT * FROM t_half_life_period_table')" "half-life period seeded"

# AUTOINCREMENT survives a rebuild: a deleted bank's id is not reused.
DB="$WORK/seq.db"
install_copy "$V10" "$DB"
sql "UPDATE sqlite_sequence SET seq = 10 WHERE name = 'bank_table'"
expect_ok update-db
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('new', 'root', 1)"
expect_eq 11 "$(sql "SELECT bank_id FROM bank_table WHERE bank = 'new'")" "bank ids continue after 10"

# An upstream-upgraded table (no ON CONFLICT clauses, quoted name) is
# rebuilt to schema 38 even at user_version 38.
DB="$WORK/lossy.db"
install_copy "$V60" "$DB"
sql "CREATE TABLE bank_tmp (bank_id integer, bank text NOT NULL, active int(11) DEFAULT 1 NOT NULL,
       parent_bank text DEFAULT '', shares int NOT NULL, job_usage real DEFAULT 0.0 NOT NULL,
       priority real DEFAULT 0.0 NOT NULL, ignore_older_than bigint(20) DEFAULT 0, PRIMARY KEY (bank_id));
     INSERT INTO bank_tmp SELECT * FROM bank_table; DROP TABLE bank_table;
     ALTER TABLE bank_tmp RENAME TO bank_table; PRAGMA user_version = 38"
expect_ok update-db
expect_eq "$(schema_of "$FRESH" bank_table)" "$(schema_of "$DB" bank_table)" "bank_table repaired"
expect_eq "1|root 2|A" "$(sql 'SELECT bank_id, bank FROM bank_table' | paste -sd' ')" "banks kept"
sql "UPDATE bank_table SET priority = NULL WHERE bank = 'A'"
expect_eq 0.0 "$(sql "SELECT priority FROM bank_table WHERE bank = 'A'")" "priority reset to default"

# A NOT NULL column with no default that a table gains gets the type's zero
# for existing rows (cannot happen between upstream's schemas; no abort).
DB="$WORK/notnull.db"
install_copy "$V60" "$DB"
sql "CREATE TABLE j2 (id char(16) PRIMARY KEY NOT NULL, userid integer NOT NULL, t_submit real NOT NULL,
       t_run real NOT NULL, t_inactive real NOT NULL, R text NOT NULL, jobspec text NOT NULL);
     INSERT INTO j2 VALUES ('1', 5, 1.0, 2.0, 3.0, '{}', '{}');
     DROP TABLE jobs; ALTER TABLE j2 RENAME TO jobs"
fa update-db -v 2>"$WORK/err" >/dev/null && pass || fail "update-db with a new NOT NULL column failed: $(cat "$WORK/err")"
expect_eq "1|5|[]|0.0" "$(sql "SELECT id, userid, '[' || ranks || ']', requested_duration FROM jobs")" "ranks filled with ''"
if grep -q "WARNING: new column ranks of table jobs has no default" "$WORK/err"; then pass; else
  fail "no warning about ranks: $(cat "$WORK/err")"
fi

# -n/--new-db: another database's tables are the target.
TEMPLATE="$WORK/template.db"
cp "$FRESH" "$TEMPLATE"
sqlite3 "$TEMPLATE" "ALTER TABLE config_table ADD COLUMN note TEXT DEFAULT 'n'"
DB="$WORK/templated.db"
install_copy "$V60" "$DB"
expect_ok update-db -n "$TEMPLATE"
expect_eq "key value note" "$(columns_of "$DB" config_table | paste -sd' ')" "template's column added"
expect_eq "decay_factor|0.5|n" "$(sql "SELECT * FROM config_table WHERE key = 'decay_factor'")" "template default"
expect_fail "template database file does not exist: $WORK/nope.db" update-db --new-db "$WORK/nope.db"

# Refusals: nothing written, not even a backup.
DB="$WORK/missing.db"
expect_fail "Database file does not exist: $DB" update-db
expect_eq missing "$(checksum "$DB.backup")" "no backup of a missing file"
DB="$WORK/garbage.db"
head -c 5000 /dev/urandom >"$DB"
expect_fail "is not a flux-accounting database" update-db
expect_eq missing "$(checksum "$DB.backup")" "no backup of a non-database"
DB="$WORK/other.db"
sqlite3 "$DB" "CREATE TABLE t (a int); INSERT INTO t VALUES (1)"
expect_fail "$DB is not a flux-accounting database: it has no association_table" update-db
DB="$WORK/newer.db"
install_copy "$V60" "$DB"
sql "PRAGMA user_version = 39"
expect_fail "database schema version 39 is newer than this flux-account understands (38)" update-db
expect_eq missing "$(checksum "$DB.backup")" "no backup of a newer database"
DB="$WORK/adir"
mkdir "$DB"
if fa update-db >"$WORK/out" 2>"$WORK/err"; then fail "update-db on a directory succeeded"; else
  expect_eq "flux-account update-db: error: $DB is a directory, not a database" "$(cat "$WORK/err")" "directory"
fi

# A failure part-way rolls everything back: here the old job_usage_factor
# table has no primary key and a duplicate association, which schema 38's
# key rejects after other tables were already rebuilt.
DB="$WORK/dup.db"
install_copy "$V10" "$DB"
sql "CREATE TABLE f2 (username tinytext NOT NULL, userid int(11) NOT NULL, bank tinytext NOT NULL,
       last_job_timestamp real DEFAULT 0.0, usage_factor_period_0 REAL DEFAULT 0.0);
     INSERT INTO f2 SELECT username, userid, bank, last_job_timestamp, 1.5 FROM job_usage_factor_table;
     INSERT INTO f2 SELECT username, userid, bank, 7, 2.5 FROM job_usage_factor_table;
     DROP TABLE job_usage_factor_table; ALTER TABLE f2 RENAME TO job_usage_factor_table"
expect_fail "cannot upgrade table job_usage_factor_table: UNIQUE constraint failed: job_usage_factor_table.username, job_usage_factor_table.bank" update-db
expect_eq 0 "$(sql 'PRAGMA user_version')" "user_version unchanged after a failure"
expect_eq "" "$(sql "SELECT name FROM sqlite_master WHERE name IN ('queue_table', 'config_table')")" \
  "no new tables after a failure"
expect_eq missing "$(checksum "$DB-journal")" "no journal left behind"

# A read-only file is refused before anything happens (root writes anyway).
if [ "$(id -u)" -ne 0 ]; then
  DB="$WORK/ro.db"
  install_copy "$V60" "$DB"
  chmod a-w "$DB"
  expect_fail "is read-only" update-db
fi

finish
