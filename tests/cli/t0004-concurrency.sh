#!/bin/bash
# Two commands at once wait for each other: a command that meets a write
# lock held by another process waits (busy timeout) instead of failing with
# "database is locked".
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1

# Another process holds the write lock for a second.
printf 'BEGIN IMMEDIATE;\nINSERT INTO config_table (key, value) VALUES ("held", "1");\n.shell sleep 1\nCOMMIT;\n' |
  sqlite3 "$DB" &
holder=$!
sleep 0.3
start=$(date +%s.%N)
expect_ok add-bank --parent-bank=root A 1
end=$(date +%s.%N)
wait $holder
expect_eq 1 "$(sql "SELECT count(*) FROM bank_table WHERE bank = 'A'")" "bank added after the lock was released"
expect_eq 1 "$(sql "SELECT count(*) FROM config_table WHERE key = 'held'")" "the other writer's change kept"
waited=$(echo "$end - $start > 0.3" | bc 2>/dev/null || awk "BEGIN{print ($end - $start > 0.3)}")
expect_eq 1 "$waited" "add-bank waited for the lock"

# Readers are not blocked by a reader.
printf 'BEGIN;\nSELECT count(*) FROM bank_table;\n.shell sleep 1\nCOMMIT;\n' | sqlite3 "$DB" >/dev/null &
holder=$!
sleep 0.3
expect_ok list-banks
wait $holder
finish
