#include "cli/simulate_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/jobid.hpp"
#include "core/utf8.hpp"
#include "sim/explain_text.hpp"

namespace fluxacct::cli {
namespace {

using sim::SimJob;
using sim::State;
using sim::WorkloadJob;

// Seconds as people read them: whole numbers plain, others to 2 decimals.
std::string secs(double s) {
  const double r = std::round(s * 100) / 100;
  if (r == std::floor(r)) return fmt::format("{:.0f}", r);
  std::string out = fmt::format("{:.2f}", r);
  while (out.back() == '0') out.pop_back();
  return out;
}

// What became of one workload job, in the words both outputs use.
struct Outcome {
  const WorkloadJob* w = nullptr;
  const SimJob* j = nullptr;  // null when rejected
  std::string user, bank, queue;
  std::string state;    // completed, cancelled, running, rejected, exception, pending
  std::string message;  // rejection, exception or reason for waiting
  std::optional<double> start, end;
  std::optional<double> wait;  // time spent pending; unset when rejected

  bool ran() const { return start.has_value(); }
  std::string state_text() const {
    if (state == "pending") return "still pending: " + message;
    return message.empty() ? state : state + ": " + message;
  }
};

Outcome outcome(const sim::WhatIf& run, const SimulateSite& site, const WorkloadJob& w) {
  Outcome o;
  o.w = &w;
  o.user = w.user.empty() ? site.display(w.submission.userid) : w.user;
  o.bank = w.submission.bank.value_or("");
  o.queue = w.submission.queue.value_or("");
  if (!w.id) {
    o.state = "rejected";
    o.message = w.rejection;
    return o;
  }
  const SimJob& j = run.model().job(*w.id);
  o.j = &j;
  // The bank the job ended up with (its default, or a flux update's).
  o.bank = j.spec.bank.value_or("");
  o.queue = j.spec.queue.value_or("");
  o.start = j.t_run;
  if (j.t_run && j.state == State::Inactive) o.end = j.t_inactive;
  const double now = run.model().now();
  o.wait = (j.t_run ? *j.t_run : j.t_inactive ? *j.t_inactive : now) - j.t_submit;
  switch (j.state) {
    case State::Inactive:
      if (j.cancelled) {
        o.state = "cancelled";
      } else if (j.exception) {
        o.state = "exception";
        o.message = *j.exception;
      } else {
        o.state = "completed";
      }
      break;
    case State::Run:
      o.state = "running";
      break;
    default:
      o.state = "pending";
      o.message = sim::pending_reason(run.model(), j.id);
      break;
  }
  return o;
}

std::vector<Outcome> outcomes(const sim::WhatIf& run, const SimulateSite& site) {
  std::vector<Outcome> out;
  out.reserve(run.jobs().size());
  for (const WorkloadJob& w : run.jobs()) out.push_back(outcome(run, site, w));
  return out;
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }
std::string or_dash(const std::optional<double>& v) { return v ? secs(*v) : "-"; }

// Rows of cells, left-aligned in columns two spaces apart; the last column
// is not padded.
std::string columns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (w.size() <= i) w.push_back(0);
      w[i] = std::max(w[i], utf8_length(r[i]));
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(w[i] - utf8_length(r[i]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

// A fair-share as update-fshare stores it, shortest form (0.5, 0.333333).
std::string fs(double v) { return fmt::format("{}", v); }

// After at least one accounting cycle: how the workload's associations'
// fair-shares moved (start: the database's; end: the last cycle's), their
// usage after the last cycle, and how many other associations moved.
std::string accounting_summary(const sim::WhatIf& run, const std::vector<Outcome>& all) {
  const sim::AccountingCycle* acct = run.accounting();
  if (!acct || run.cycles_run() == 0) return "";
  std::set<std::size_t> mine;
  for (const Outcome& o : all) {
    if (!o.j || o.bank.empty()) continue;
    if (const auto a = acct->find(o.j->spec.userid, o.bank)) mine.insert(*a);
  }
  const auto& start = run.initial_fairshares();
  std::size_t others = 0;
  for (std::size_t i = 0; i < acct->accounts().size(); ++i)
    if (!mine.count(i) && !(acct->accounts()[i].fairshare == start[i])) ++others;
  std::string out =
      fmt::format("accounting cycles every {} s: {} run, the last at t={}\n",
                  secs(run.options().cycle), run.cycles_run(), secs(run.last_cycle()));
  std::vector<std::vector<std::string>> rows{
      {"USER", "BANK", "USAGE", "FAIRSHARE START", "FAIRSHARE END"}};
  std::vector<std::size_t> order(mine.begin(), mine.end());
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = acct->accounts()[x];
    const auto& b = acct->accounts()[y];
    return std::tie(a.username, a.bank) < std::tie(b.username, b.bank);
  });
  for (std::size_t i : order) {
    const auto& a = acct->accounts()[i];
    rows.push_back({a.username, a.bank, secs(acct->usage(i)), fs(start[i]), fs(a.fairshare)});
  }
  if (rows.size() > 1) out += columns(rows);
  if (others > 0)
    out += fmt::format("{} other association{} fair-share changed\n", others,
                       others == 1 ? "'s" : "s'");
  return out;
}

std::string summary(const sim::WhatIf& run, const std::vector<Outcome>& all) {
  std::map<std::string, int> by_state;
  struct BankWaits {
    int run = 0;
    double total = 0, max = 0;
  };
  std::map<std::string, BankWaits> banks;
  for (const Outcome& o : all) {
    ++by_state[o.state];
    if (!o.ran()) continue;
    BankWaits& b = banks[or_dash(o.bank)];
    ++b.run;
    b.total += *o.wait;
    b.max = std::max(b.max, *o.wait);
  }
  std::string counts;
  for (const char* s : {"completed", "running", "cancelled", "exception", "rejected", "pending"}) {
    const auto it = by_state.find(s);
    if (it == by_state.end()) continue;
    counts +=
        fmt::format(", {} {}", it->second, std::string_view(s) == "pending" ? "still pending" : s);
  }
  const auto& shape = run.model().cluster().shape();
  std::string out = fmt::format(
      "{} job{} submitted{}; simulated 0 to {} s on {} node{} of {} core{}\n", all.size(),
      all.size() == 1 ? "" : "s", counts, secs(run.model().now()), shape.nodes,
      shape.nodes == 1 ? "" : "s", shape.cores_per_node, shape.cores_per_node == 1 ? "" : "s");
  if (!banks.empty()) {
    std::vector<std::vector<std::string>> rows{{"BANK", "JOBS RUN", "MEAN WAIT", "MAX WAIT"}};
    for (const auto& [bank, b] : banks)
      rows.push_back({bank, std::to_string(b.run), secs(b.total / b.run), secs(b.max)});
    out += columns(rows);
  }
  out += accounting_summary(run, all);
  if (run.events_not_run() > 0)
    out += fmt::format("{} workload line{} after t={} not run\n", run.events_not_run(),
                       run.events_not_run() == 1 ? "" : "s", secs(run.model().now()));
  if (!run.notes().empty()) {
    out += "notes:\n";
    for (const auto& n : run.notes()) out += "  " + n + "\n";
  }
  return out;
}

std::string f58(sim::JobId id) { return format_jobid(id, JobIdForm::F58); }

std::vector<std::string> explain_lines(const sim::WhatIf& run, const SimulateSite& site,
                                       std::size_t number) {
  const WorkloadJob& w = run.jobs().at(number - 1);
  const Outcome o = outcome(run, site, w);
  std::vector<std::string> out;
  if (!w.id) {
    out.push_back(fmt::format("job {} ({}) was rejected at submit (t={}): {}", number, o.user,
                              secs(w.t_submit), w.rejection));
    return out;
  }
  const std::string id = f58(*w.id);
  out.push_back(fmt::format("job {} is Flux job {}: user {}, bank {}, queue {}", number, id, o.user,
                            or_dash(o.bank), or_dash(o.queue)));
  if (o.start && o.j->fairshare)
    out.push_back(fmt::format("its fair-share when it started (t={}): {}", secs(*o.start),
                              fs(*o.j->fairshare)));
  const auto& pending = run.last_pending();
  const auto& snap = pending ? pending : run.last_active();
  // A look holds until the run's next stop: until the job started, ended
  // or the run stopped.
  const std::optional<double> until = o.start ? o.start : o.j->t_inactive;
  if (snap && snap->explanation) {
    const std::string held = fmt::format("{} at t={}", sim::state_name(snap->state), secs(snap->t));
    if (!pending)
      out.push_back(fmt::format("it never waited; as it was in {}:", held));
    else if (until && *until > snap->t)
      out.push_back(
          fmt::format("last seen pending in {}, as it stayed until t={}:", held, secs(*until)));
    else if (until)
      out.push_back(fmt::format("last seen pending in {}:", held));
    else
      out.push_back(fmt::format("still pending; as seen in {}:", held));
    const sim::PriorityRow row = sim::priority_row(*snap->explanation, id, o.user);
    out.push_back(sim::jobs_table_header());
    out.push_back(sim::jobs_table_line(row));
    for (auto& l : sim::priority_formula(row)) out.push_back(std::move(l));
    for (const auto& l : snap->why) out.push_back(l);
  }
  // A job still pending was just seen as it is at the end.
  const bool seen_at_end = pending && !until && pending->t == run.model().now();
  if (seen_at_end) return out;
  out.push_back(fmt::format("at the end (t={}):", secs(run.model().now())));
  for (auto& l : sim::why_waiting(run.model(), *w.id)) out.push_back(std::move(l));
  return out;
}

nlohmann::ordered_json seconds_json(const std::optional<double>& v) {
  if (!v) return nullptr;
  if (*v == std::floor(*v) && std::fabs(*v) < 1e15) return static_cast<std::int64_t>(*v);
  return *v;
}

}  // namespace

std::string simulate_text(const sim::WhatIf& run, const SimulateSite& site) {
  const auto all = outcomes(run, site);
  std::vector<std::vector<std::string>> rows{
      {"JOB", "USER", "BANK", "QUEUE", "PRIO", "SUBMIT", "START", "END", "WAIT", "STATE"}};
  for (const Outcome& o : all) {
    const bool prio = o.j && o.j->priority;
    rows.push_back({std::to_string(o.w->number), o.user, or_dash(o.bank), or_dash(o.queue),
                    prio ? std::to_string(*o.j->priority) : "-", secs(o.w->t_submit),
                    or_dash(o.start), or_dash(o.end), or_dash(o.wait), o.state_text()});
  }
  return columns(rows) + "\n" + summary(run, all);
}

std::string simulate_json(const sim::WhatIf& run, const SimulateSite& site,
                          std::size_t explain_job) {
  std::string out;
  for (const Outcome& o : outcomes(run, site)) {
    const sim::Submission& s = o.j ? o.j->spec : o.w->submission;
    nlohmann::ordered_json j;
    j["job"] = o.w->number;
    j["id"] = o.j ? nlohmann::ordered_json(f58(o.j->id)) : nullptr;
    j["user"] = o.user;
    j["userid"] = s.userid;
    j["bank"] = o.bank.empty() ? nullptr : nlohmann::ordered_json(o.bank);
    j["queue"] = o.queue.empty() ? nullptr : nlohmann::ordered_json(o.queue);
    j["project"] = s.project ? nlohmann::ordered_json(*s.project) : nullptr;
    j["nnodes"] = s.nnodes;
    j["ncores"] = s.ncores;
    j["priority"] =
        o.j && o.j->priority ? nlohmann::ordered_json(*o.j->priority) : nlohmann::ordered_json();
    // The fair-share its priority was last computed with: for a job that
    // ran, the one it started with.
    j["fairshare"] =
        o.j && o.j->priority && o.j->fairshare ? nlohmann::ordered_json(*o.j->fairshare) : nullptr;
    j["t_submit"] = seconds_json(o.w->t_submit);
    j["t_start"] = seconds_json(o.start);
    j["t_end"] = seconds_json(o.end);
    j["wait"] = seconds_json(o.wait);
    j["state"] = o.state;
    j["message"] = o.message.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(o.message);
    if (o.w->number == explain_job) j["explain"] = explain_lines(run, site, explain_job);
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  return out;
}

std::string simulate_explain(const sim::WhatIf& run, const SimulateSite& site, std::size_t job) {
  std::string out;
  for (const auto& l : explain_lines(run, site, job)) out += l + "\n";
  return out;
}

}  // namespace fluxacct::cli
