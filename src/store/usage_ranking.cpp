#include "store/usage_ranking.hpp"

namespace fluxacct::store {
namespace {

std::vector<UsageEntry> collect(sql::Statement& st, bool with_user) {
  std::vector<UsageEntry> out;
  while (st.step()) {
    UsageEntry e;
    int i = 0;
    if (with_user) e.username = st.get_text(i++);
    e.bank = st.get_text(i++);
    e.job_usage = st.get_double(i);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<UsageEntry> top_association_usage(sql::Connection& db, long long limit) {
  auto st = db.prepare(
      "SELECT username, bank, job_usage FROM association_table "
      "ORDER BY job_usage DESC, rowid LIMIT ?");
  st.bind(1, static_cast<std::int64_t>(limit));
  return collect(st, true);
}

std::vector<UsageEntry> top_bank_usage(sql::Connection& db, long long limit) {
  auto st = db.prepare(
      "SELECT bank, job_usage FROM bank_table WHERE parent_bank != '' "
      "ORDER BY job_usage DESC, rowid LIMIT ?");
  st.bind(1, static_cast<std::int64_t>(limit));
  return collect(st, false);
}

}  // namespace fluxacct::store
