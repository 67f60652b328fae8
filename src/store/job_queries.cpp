#include "store/job_queries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "core/error.hpp"
#include "core/r_counter.hpp"

namespace fluxacct::store {
namespace {

constexpr const char* kColumns =
    "id, userid, t_submit, t_run, t_inactive, R, project, bank, requested_duration, "
    "actual_duration";
// R's counts, selected when a sort key is one of them: the ORDER BY term is
// then the same expression as the column, which SQLite computes once.
constexpr const char* kCountColumns =
    ", fluxacct_r_count(R, 0), fluxacct_r_count(R, 1), fluxacct_r_count(R, 2)";

// Whether a key of `order` sorts by one of `columns`.
bool sorts_by(const std::vector<JobOrder>& order, std::initializer_list<JobOrder::Column> columns) {
  return std::any_of(order.begin(), order.end(), [&](const JobOrder& k) {
    return std::find(columns.begin(), columns.end(), k.column) != columns.end();
  });
}

bool sorts_by_counts(const std::vector<JobOrder>& order) {
  using C = JobOrder::Column;
  return sorts_by(order, {C::kNnodes, C::kNcores, C::kNgpus});
}

// Appends the WHERE terms in a fixed order; bind() below walks the same order.
std::vector<std::string> where_terms(const JobFilter& f) {
  std::vector<std::string> terms;
  if (f.userid) terms.emplace_back("userid = ?");
  if (f.jobid) terms.emplace_back("id = ?");
  if (f.run_after) terms.emplace_back("t_run > ?");
  if (f.inactive_from) terms.emplace_back("t_inactive >= ?");
  if (f.inactive_before) terms.emplace_back("t_inactive < ?");
  if (f.project) terms.emplace_back("project = ?");
  if (f.bank) terms.emplace_back("bank = ?");
  for (const auto& e : f.requested)
    terms.push_back(fmt::format("requested_duration {} ?", sql_operator(e.op)));
  for (const auto& e : f.actual)
    terms.push_back(fmt::format("actual_duration {} ?", sql_operator(e.op)));
  for (const auto& e : f.delta)
    terms.push_back(fmt::format("requested_duration - actual_duration {} ?", sql_operator(e.op)));
  return terms;
}

void bind(sql::Statement& st, const JobFilter& f) {
  int i = 0;
  if (f.userid) st.bind(++i, *f.userid);
  // id is a char(16) column: compare as text, so the primary-key index serves.
  if (f.jobid) st.bind(++i, std::to_string(*f.jobid));
  if (f.run_after) st.bind(++i, *f.run_after);
  if (f.inactive_from) st.bind(++i, *f.inactive_from);
  if (f.inactive_before) st.bind(++i, *f.inactive_before);
  if (f.project) st.bind(++i, *f.project);
  if (f.bank) st.bind(++i, *f.bank);
  for (const auto* list : {&f.requested, &f.actual, &f.delta})
    for (const auto& e : *list) st.bind(++i, e.value);
}

const char* order_expression(JobOrder::Column c) {
  switch (c) {
    case JobOrder::Column::kId:
      // Decimal text without leading zeros: shorter is smaller.
      return "length(id) {0}, id {0}";
    case JobOrder::Column::kUserid:
      return "userid {0}";
    case JobOrder::Column::kTSubmit:
      return "t_submit {0}";
    case JobOrder::Column::kTRun:
      return "t_run {0}";
    case JobOrder::Column::kTInactive:
      return "t_inactive {0}";
    case JobOrder::Column::kProject:
      return "coalesce(project, '') {0}";
    case JobOrder::Column::kBank:
      return "coalesce(bank, '') {0}";
    case JobOrder::Column::kRequestedDuration:
      return "requested_duration {0}";
    case JobOrder::Column::kActualDuration:
      return "actual_duration {0}";
    case JobOrder::Column::kDurationDelta:
      return "requested_duration - actual_duration {0}";
    case JobOrder::Column::kResources:
      return "coalesce(R, '') {0}";
    case JobOrder::Column::kNnodes:
      return "fluxacct_r_count(R, 0) {0}";
    case JobOrder::Column::kNcores:
      return "fluxacct_r_count(R, 1) {0}";
    case JobOrder::Column::kNgpus:
      return "fluxacct_r_count(R, 2) {0}";
    case JobOrder::Column::kUsername:
      return "fluxacct_job_username(userid) {0}";
  }
  return "rowid {0}";
}

// fluxacct_r_count's state: shapes counted, and the last R, whose three
// counts are asked for one after the other.
struct RCountState {
  RCounter counter;
  std::string last_R;
  std::optional<ResourceCounts> last;
  bool has_last = false;
};

// fluxacct_r_count(R, k): the k-th count of R (nodes, cores, GPUs).
void r_count(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* state = static_cast<RCountState*>(sqlite3_user_data(ctx));
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::int64_t k = sqlite3_value_int64(argv[1]);
  if (!text || k < 0 || k > 2) return sqlite3_result_null(ctx);
  const std::string_view R(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
  if (!state->has_last || state->last_R != R) {
    state->last = state->counter.count(R);
    state->last_R.assign(R);
    state->has_last = true;
  }
  const auto& counts = state->last;
  if (!counts) return sqlite3_result_null(ctx);
  sqlite3_result_int64(ctx, k == 0 ? counts->nnodes : k == 1 ? counts->ncores : counts->ngpus);
}

// fluxacct_job_username(userid): the caller's JobQuery::UsernameOf.
void job_username(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto& name_of = *static_cast<const JobQuery::UsernameOf*>(sqlite3_user_data(ctx));
  const std::string name = name_of(sqlite3_value_int64(argv[0]));
  sqlite3_result_text(ctx, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
}

// Registers fluxacct_job_username for this query (before it is prepared).
bool register_username(sql::Connection& db, const std::vector<JobOrder>& order,
                       JobQuery::UsernameOf username) {
  if (!sorts_by(order, {JobOrder::Column::kUsername})) return false;
  if (!username) throw Error("sorting job records by user name needs a user name lookup");
  auto* held = new JobQuery::UsernameOf(std::move(username));
  const int rc = sqlite3_create_function_v2(
      db.handle(), "fluxacct_job_username", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, held, job_username,
      nullptr, nullptr, [](void* p) { delete static_cast<JobQuery::UsernameOf*>(p); });
  // On failure SQLite has already called the destructor.
  if (rc != SQLITE_OK) throw Error(sqlite3_errmsg(db.handle()));
  return true;
}

}  // namespace

void register_job_functions(sqlite3* db) {
  sqlite3_create_function_v2(db, "fluxacct_r_count", 2,
                             SQLITE_UTF8 | SQLITE_DIRECTONLY | SQLITE_DETERMINISTIC,
                             new RCountState, r_count, nullptr, nullptr,
                             [](void* p) { delete static_cast<RCountState*>(p); });
}

std::string job_query_sql(const JobFilter& filter, const std::vector<JobOrder>& order) {
  std::string sql =
      fmt::format("SELECT {}{} FROM jobs", kColumns, sorts_by_counts(order) ? kCountColumns : "");
  auto terms = where_terms(filter);
  for (std::size_t i = 0; i < terms.size(); ++i) sql += (i ? " AND " : " WHERE ") + terms[i];
  sql += " ORDER BY ";
  for (const JobOrder& k : order)
    sql +=
        fmt::format(fmt::runtime(order_expression(k.column)), k.descending ? "DESC" : "ASC") + ", ";
  return sql + "rowid";
}

JobQuery::JobQuery(sql::Connection& db, const JobFilter& filter, const std::vector<JobOrder>& order,
                   UsernameOf username)
    : db_(db),
      names_registered_(register_username(db, order, std::move(username))),
      counted_(sorts_by_counts(order)),
      stmt_(db.prepare(job_query_sql(filter, order))) {
  bind(stmt_, filter);
}

JobQuery::~JobQuery() {
  if (!names_registered_) return;
  // Its lookup may not outlive this query; with other statements running
  // SQLite refuses, and the function stays, unused, until the next query.
  stmt_.reset_keep_bindings();
  sqlite3_create_function_v2(db_.handle(), "fluxacct_job_username", 1, SQLITE_UTF8, nullptr,
                             nullptr, nullptr, nullptr, nullptr);
}

bool JobQuery::next(JobRow& row) {
  if (!stmt_.step()) return false;
  row.id = stmt_.get_text_view(0);
  row.userid = stmt_.get_int(1);
  row.t_submit = stmt_.get_double(2);
  row.t_run = stmt_.get_double(3);
  row.t_inactive = stmt_.get_double(4);
  row.R = stmt_.get_text_view(5);
  row.project = stmt_.get_text_view(6);
  row.bank = stmt_.get_text_view(7);
  row.requested_duration = stmt_.get_double(8);
  row.actual_duration = stmt_.get_double(9);
  row.counted = counted_;
  if (!counted_ || stmt_.is_null(10))
    row.counts.reset();
  else
    row.counts = ResourceCounts{stmt_.get_int(10), stmt_.get_int(11), stmt_.get_int(12)};
  return true;
}

std::optional<std::int64_t> association_userid(sql::Connection& db, const std::string& username) {
  auto st = db.prepare("SELECT userid FROM association_table WHERE username = ? LIMIT 1");
  st.bind(1, username);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return st.get_int(0);
}

}  // namespace fluxacct::store
