# Checks shared by the update-db tests (sourced after lib.sh).
#
#   check_upgrade SRC  copies the upstream database SRC to $DB, runs
#                      update-db on it and checks the result against SRC
#                      and against a fresh create-db ($FRESH).

FRESH="$WORK/fresh.db"
"$FLUX_ACCOUNT" -p "$FRESH" create-db || {
  echo "create-db failed" >&2
  exit 1
}
SCHEMA_TABLES=$(sqlite3 "$FRESH" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")

# schema::normalize_sql in sed: white space collapsed, none around ( ) ,
schema_of() {
  sqlite3 "$1" "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '$2'" |
    tr -s ' \t\n' '   ' | sed -E 's/ ?([(),]) ?/\1/g; s/^ //; s/ $//'
}

columns_of() { sqlite3 "$1" "SELECT name FROM pragma_table_info('$2') ORDER BY cid"; }

# install_copy SRC DEST: a writable copy of a (read-only) fixture
install_copy() {
  cp "$1" "$2" && chmod u+w "$2" && touch -r "$1" "$2"
}

check_upgrade() {
  local src=$1 name
  name=$(basename "$src" .db)
  DB="$WORK/$name.db"
  rm -f "$DB" "$DB.backup"
  install_copy "$src" "$DB"
  local before
  before=$(checksum "$DB")
  if ! fa update-db >"$WORK/out" 2>"$WORK/err"; then
    fail "$name: update-db failed: $(cat "$WORK/err")"
    return
  fi
  expect_eq "" "$(cat "$WORK/out" "$WORK/err")" "$name: update-db without -v prints nothing"
  expect_eq "$before" "$(checksum "$DB.backup")" "$name: backup is a byte copy"
  expect_eq "$(stat -c %Y "$src")" "$(stat -c %Y "$DB.backup")" "$name: backup keeps the mtime"
  expect_eq 38 "$(sql 'PRAGMA user_version')" "$name: user_version"
  expect_eq ok "$(sql 'PRAGMA integrity_check')" "$name: integrity_check"

  local t
  for t in $SCHEMA_TABLES; do
    expect_eq "$(schema_of "$FRESH" "$t")" "$(schema_of "$DB" "$t")" "$name: schema of $t"
  done

  # Every table of the source keeps its rows (shared columns compared).
  for t in $(sqlite3 "$src" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"); do
    local cols
    cols=$(comm -12 <(columns_of "$src" "$t" | sort) <(columns_of "$DB" "$t" | sort) |
      sed 's/.*/"&"/' | paste -sd, -)
    if [ -z "$cols" ]; then
      fail "$name: table $t lost all its columns"
      continue
    fi
    local want
    want="$(sqlite3 "$src" "SELECT count(*) FROM \"$t\"")|0"
    case $t in
      # seeded with INSERT OR IGNORE: old rows kept, missing defaults added
      config_table | priority_factor_weight_table) want="$(sql "SELECT count(*) FROM \"$t\"")|0" ;;
    esac
    expect_eq "$want" \
      "$(sql "ATTACH '$src' AS old; SELECT (SELECT count(*) FROM main.\"$t\"),
              (SELECT count(*) FROM (SELECT $cols FROM old.\"$t\" EXCEPT SELECT $cols FROM main.\"$t\"))")" \
      "$name: rows of $t kept"
  done

  # Old usage bins became rows, one per period.
  local bins
  bins=$(columns_of "$src" job_usage_factor_table | grep '^usage_factor_period_' || true)
  expect_eq "" "$(columns_of "$DB" job_usage_factor_table | grep '^usage_factor_period_')" \
    "$name: bin columns dropped"
  local b n
  for b in $bins; do
    n=${b#usage_factor_period_}
    expect_eq 0 "$(sql "ATTACH '$src' AS old; SELECT count(*) FROM old.job_usage_factor_table o
        WHERE NOT EXISTS (SELECT 1 FROM job_usage_per_association_table p
          WHERE p.username = o.username AND p.bank = o.bank AND p.userid = o.userid
            AND p.period = $n AND p.value IS coalesce(o.\"$b\", 0.0))")" "$name: $b migrated"
  done

  expect_eq "$(sqlite3 "$src" "SELECT seq FROM sqlite_sequence WHERE name = 'bank_table'")" \
    "$(sql "SELECT seq FROM sqlite_sequence WHERE name = 'bank_table'")" "$name: bank_id sequence kept"
  expect_eq 1 "$(sql "SELECT count(*) FROM project_table WHERE project = '*'")" "$name: project *"
  expect_eq "fairshare=100000,queue=10000,bank=0,urgency=1000" \
    "$(sql "SELECT group_concat(factor || '=' || weight) FROM (SELECT * FROM priority_factor_weight_table ORDER BY rowid)")" \
    "$name: priority factors"
  expect_eq 7 "$(sql "SELECT count(*) FROM config_table WHERE key IN ('priority_usage_reset_period',
      'priority_decay_half_life', 'decay_factor', 'node_weight', 'core_weight', 'gpu_weight',
      'deny_unknown_queues')")" "$name: config keys"
  expect_eq 1 "$(sql "SELECT count(*) FROM t_half_life_period_table")" "$name: one half-life row"

  # Running it again changes nothing, byte for byte.
  before=$(checksum "$DB")
  if fa update-db >"$WORK/out" 2>"$WORK/err"; then pass; else fail "$name: second update-db failed"; fi
  expect_eq "$before" "$(checksum "$DB")" "$name: second update-db is a no-op"

  # Spec §6.3 #29: writing NULL to an ON CONFLICT REPLACE column stores its
  # default, in old and new columns alike (checked on a scratch copy).
  local scratch="$WORK/scratch.db"
  cp "$DB" "$scratch"
  sqlite3 "$scratch" "INSERT INTO queue_table (queue) VALUES ('q');
    UPDATE queue_table SET priority = 5, max_nodes = 3, max_sched_jobs = 4;
    UPDATE queue_table SET priority = NULL, max_nodes = NULL, max_sched_jobs = NULL;
    INSERT INTO association_table (creation_time, username, bank, default_bank) VALUES (1, 'u9', 'A', 'A');
    UPDATE association_table SET max_sched_jobs = 1, fairshare = 0.1, queues = 'x' WHERE username = 'u9';
    UPDATE association_table SET max_sched_jobs = NULL, fairshare = NULL, queues = NULL WHERE username = 'u9';" \
    2>"$WORK/err" || fail "$name: NULL reset failed: $(cat "$WORK/err")"
  expect_eq "0|2147483647|2147483647" \
    "$(sqlite3 "$scratch" "SELECT priority, max_nodes, max_sched_jobs FROM queue_table")" \
    "$name: queue NULL becomes the default"
  expect_eq "2147483647|0.5|" \
    "$(sqlite3 "$scratch" "SELECT max_sched_jobs, fairshare, queues FROM association_table WHERE username = 'u9'")" \
    "$name: association NULL becomes the default"
  rm -f "$scratch"
}
