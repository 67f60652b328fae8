#!/bin/bash
# update-fshare: upstream's small_no_tie, small_tie, small_tie_all and
# zero-shares trees built as an administrator would (t1036-t1038), the
# before/after pair of t1006, inactive associations and banks, and every
# refusal leaving the database as it was.
. "$(dirname "$0")/lib.sh"

# usage USER BANK VALUE: the association's usage, as if update-usage had
# charged it (bin 0 and job_usage; update-usage then sums the banks).
set_usage() {
  sql "UPDATE job_usage_per_association_table SET value = $3
         WHERE username = '$1' AND bank = '$2' AND period = 0;
       UPDATE association_table SET job_usage = $3 WHERE username = '$1' AND bank = '$2'"
}
# fairshares: every association's stored fair-share, in insertion order.
fairshares() { echo $(sql "SELECT fairshare FROM association_table ORDER BY rowid"); }

# user NAME UID BANK SHARES USAGE
user() {
  fa add-user -u "$1" -i "$2" -B "$3" --shares "$4" || fail "add-user $1"
  set_usage "$1" "$3" "$5"
}

# A fresh database with root 1000 and account1..3 with the given shares.
three_accounts() {
  rm -f "$DB"
  fa create-db
  fa add-bank root 1000
  fa add-bank account1 "$1" --parent-bank root
  fa add-bank account2 "$2" --parent-bank root
  fa add-bank account3 "$3" --parent-bank root
}

# ---- small_no_tie (t1036; also t1006's pre_fshare_update)
three_accounts 1000 100 10
user leaf.1.1 5011 account1 10000 100
user leaf.1.2 5012 account1 1000 11
user leaf.1.3 5013 account1 100000 10
user leaf.2.1 5021 account2 100000 8
user leaf.2.2 5022 account2 10000 3
user leaf.3.1 5031 account3 100 0
user leaf.3.2 5032 account3 10 1
expect_ok update-usage
expect_ok update-fshare
expect_eq "0.285714 0.142857 0.428571 0.714286 0.571429 1.0 0.857143" "$(fairshares)" "small_no_tie"
expect_out update-fshare/small_no_tie.txt view-bank root -t
expect_out update-fshare/small_no_tie_parsable.txt view-bank root -t -P

# ---- t1006: leaf.2.1's usage goes up to 55
set_usage leaf.2.1 account2 55
expect_ok update-usage
expect_ok update-fshare
expect_eq "0.571429 0.428571 0.714286 0.142857 0.285714 1.0 0.857143" "$(fairshares)" \
  "t1006 post_fshare_update"
expect_eq "180.0 58.0" "$(echo $(sql "SELECT job_usage FROM bank_table
                                     WHERE bank IN ('root', 'account2') ORDER BY bank_id"))" \
  "t1006 bank usage"
expect_out update-fshare/post_fshare_update.txt view-bank root -t

# The stand-alone name, as the cron job of upstream's guide runs it.
sql "UPDATE association_table SET fairshare = 0.5"
if "$FLUXACCT_BUILD_DIR/flux-account-update-fshare" -p "$DB" >"$WORK/out" 2>&1 && [ ! -s "$WORK/out" ]
then pass; else fail "flux-account-update-fshare -p: $(cat "$WORK/out")"; fi
expect_eq "0.571429 0.428571 0.714286 0.142857 0.285714 1.0 0.857143" "$(fairshares)" \
  "flux-account-update-fshare"
# Nothing changed: the file is not written.
before=$(checksum "$DB")
expect_ok update-fshare
expect_eq "$before" "$(checksum "$DB")" "a run that changes no value leaves the file as it was"

# ---- small_tie (t1037): account1 and account2 tie
three_accounts 1000 100 10
user leaf.1.1 5011 account1 10000 100
user leaf.1.2 5012 account1 1000 10
user leaf.1.3 5013 account1 100000 10
user leaf.2.1 5021 account2 10000 10
user leaf.2.2 5022 account2 1000 1
user leaf.2.3 5023 account2 100000 1
user leaf.3.1 5031 account3 100 0
user leaf.3.2 5032 account3 10 1
expect_ok update-usage
expect_ok update-fshare
expect_eq "0.5 0.5 0.75 0.5 0.5 0.75 1.0 0.875" "$(fairshares)" "small_tie"
expect_out update-fshare/small_tie.txt view-bank root -t

# ---- small_tie_all (t1038): all three accounts tie
three_accounts 1000 100 10000
user leaf.1.1 5011 account1 10000 100
user leaf.1.2 5012 account1 1000 10
user leaf.1.3 5013 account1 100000 10
user leaf.2.1 5021 account2 10000 10
user leaf.2.2 5022 account2 1000 1
user leaf.2.3 5023 account2 100000 1
user leaf.3.1 5031 account3 10000 1000
user leaf.3.2 5032 account3 1000 100
user leaf.3.3 5033 account3 100000 100
expect_ok update-usage
expect_ok update-fshare
expect_eq "0.666667 0.666667 1.0 0.666667 0.666667 1.0 0.666667 0.666667 1.0" "$(fairshares)" \
  "small_tie_all"
expect_out update-fshare/small_tie_all.txt view-bank root -t

# ---- zero shares (small_tie_zero_shares.db's tree)
three_accounts 1000 100 10
user leaf.1.1 5011 account1 10000 100
user leaf.1.2 5012 account1 1000 10
user leaf.1.3 5013 account1 100000 10
user leaf.2.1 5021 account2 0 10
user leaf.2.2 5022 account2 0 1
user leaf.2.3 5023 account2 100000 1
user leaf.3.1 5031 account3 100 0
user leaf.3.2 5032 account3 10 1
expect_ok update-usage
expect_ok update-fshare
expect_eq "0.5 0.5 0.625 0.25 0.25 0.75 1.0 0.875" "$(fairshares)" "zero shares"
expect_out update-fshare/small_tie_zero_shares.txt view-bank root -t

# ---- inactive associations keep their value and are not ranked
fa delete-user leaf.2.3 account2
sql "UPDATE association_table SET fairshare = 0.123 WHERE username = 'leaf.2.3'"
expect_ok update-fshare
# 7 users. account2's usage now counts only its active users (11): it ranks
# above account1, its two users without shares tie at 5/7; then 1.3 (3/7)
# and 1.1, 1.2 tied (2/7).
expect_eq "0.285714 0.285714 0.428571 0.714286 0.714286 0.123 1.0 0.857143" "$(fairshares)" \
  "deleted leaf.2.3 keeps its value"

# ---- an inactive bank hides everything below it
three_accounts 1 1 1
fa add-bank sub 1 --parent-bank account1
user a 6001 sub 1 10
user b 6002 account2 1 20
user c 6003 account3 1 30
fa delete-bank sub
sql "UPDATE association_table SET fairshare = 0.5"
expect_ok update-fshare
expect_eq "0.5 1.0 0.5" "$(fairshares)" "users of a deleted bank are not ranked"

# A bank with sub-bank rows (here all inactive) holds no users, even active
# ones left there by hand.
sql "INSERT INTO association_table (creation_time, username, userid, bank, default_bank)
     VALUES (0, 'stray', 6009, 'account1', 'account1')"
sql "UPDATE association_table SET fairshare = 0.5"
expect_ok update-fshare
expect_eq "0.5 1.0 0.5 0.5" "$(fairshares)" "an association beside sub-banks is not ranked"
# The bank's usage is recomputed from active associations, not read.
sql "UPDATE bank_table SET job_usage = 1e9 WHERE bank = 'account2'"
expect_ok update-fshare
expect_eq "0.5 1.0 0.5 0.5" "$(fairshares)" "bank_table.job_usage is not used"

# ---- refusals: one line, non-zero exit, database unchanged
sql "UPDATE association_table SET job_usage = -1 WHERE username = 'b'"
expect_fail "user b in bank account2: job_usage must be a finite non-negative number, got -1" \
  update-fshare
sql "UPDATE association_table SET job_usage = 9e999 WHERE username = 'b'"
expect_fail "user b in bank account2: job_usage must be a finite non-negative number, got inf" \
  update-fshare
sql "UPDATE association_table SET job_usage = 20, shares = 'many' WHERE username = 'b'"
expect_fail "user b in bank account2: shares must be a finite non-negative number, got 'many'" \
  update-fshare
sql "UPDATE association_table SET shares = 1 WHERE username = 'b'"
sql "UPDATE bank_table SET shares = -5 WHERE bank = 'account3'"
expect_fail "bank account3: shares must be a finite non-negative number, got -5" update-fshare
sql "UPDATE bank_table SET shares = 1 WHERE bank = 'account3'"
# Bad numbers in the inactive part of the tree do not matter.
sql "UPDATE bank_table SET shares = -5 WHERE bank = 'sub'"
sql "UPDATE association_table SET job_usage = -5 WHERE username = 'a'"
expect_ok update-fshare

sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('root2', '', 1)"
expect_fail "bank_table has 2 root banks (parent_bank ''): root, root2; there must be one" \
  update-fshare
sql "DELETE FROM bank_table WHERE parent_bank = ''"
expect_fail "root bank not found, exiting" update-fshare
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('root', '', 1)"
expect_ok update-fshare
# A second row named account1, below account2: a cycle account1 -> account2?
# No: account2 is under root; the name is simply used twice.
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('account1', 'account2', 1)"
expect_fail "bank account1 appears more than once in the bank hierarchy" update-fshare
# A row making account2 its own descendant (account2 -> x -> account2).
sql "DELETE FROM bank_table WHERE bank = 'account1' AND parent_bank = 'account2'"
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('x', 'account2', 1),
                                                              ('account2', 'x', 1)"
expect_fail "the bank hierarchy has a cycle at bank account2" update-fshare

# The rollback journal stays: update-fshare does not switch to WAL as upstream's does.
expect_eq delete "$(sql 'PRAGMA journal_mode')" "journal mode"

# A missing database.
DB="$WORK/missing.db" expect_fail "Database file does not exist" update-fshare

finish
