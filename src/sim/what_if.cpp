#include "sim/what_if.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "sim/explain_text.hpp"

namespace fluxacct::sim {
namespace {

bool pending(State s) { return s == State::Depend || s == State::Priority || s == State::Sched; }

}  // namespace

WhatIf::WhatIf(const nlohmann::json& site_document, const WhatIfOptions& options,
               std::optional<AccountingSetup> accounting)
    : model_(options.shape), options_(options) {
  model_.priority_update(site_document);
  if (!(options_.cycle > 0) || !accounting) return;
  accounting_.emplace(std::move(*accounting));
  for (const UsageAccount& a : accounting_->accounts()) initial_fairshare_.push_back(a.fairshare);
  next_cycle_ = options_.cycle;
  if (const auto rows = site_document.find("associations"); rows != site_document.end())
    for (const auto& row : *rows)
      rows_.emplace(
          std::pair{row.at("userid").get<std::uint32_t>(), row.at("bank").get<std::string>()}, row);
}

void WhatIf::note(const WorkloadEvent& e, const std::string& what) {
  // fmt's shortest form: 30, 2.5.
  notes_.push_back(fmt::format("line {} (t={}): {} of job {} ignored: {}", e.line, e.t,
                               workload_op_name(e.op), e.job, what));
}

std::optional<JobId> WhatIf::target(const WorkloadEvent& e) {
  const WorkloadJob& w = jobs_.at(e.job - 1);
  if (!w.id) {
    note(e, "it was rejected at submit");
    return std::nullopt;
  }
  const SimJob& j = model_.job(*w.id);
  if (j.state == State::Inactive) {
    note(e, "it has already ended");
    return std::nullopt;
  }
  return w.id;
}

void WhatIf::apply(const WorkloadEvent& e) {
  switch (e.op) {
    case WorkloadOp::kSubmit: {
      WorkloadJob w;
      w.number = jobs_.size() + 1;
      w.line = e.line;
      w.user = e.user;
      w.submission = e.submission;
      w.t_submit = model_.now();
      const SubmitResult r = model_.submit(e.submission);
      if (r.ok()) {
        w.id = r.id;
        if (accounting_) uncharged_.push_back(r.id);
      } else
        w.rejection = *r.error;
      jobs_.push_back(std::move(w));
      break;
    }
    case WorkloadOp::kCancel:
      if (const auto id = target(e)) model_.cancel(*id);
      break;
    case WorkloadOp::kUrgency:
      if (const auto id = target(e)) {
        // flux job urgency refuses a job that is no longer pending.
        if (model_.state(*id) == State::Run)
          note(e, "it is running");
        else
          model_.set_urgency(*id, e.urgency);
      }
      break;
    case WorkloadOp::kUpdate:
      if (const auto id = target(e)) {
        if (auto why = model_.update(*id, e.bank, e.queue)) note(e, *why);
      }
      break;
  }
}

// The earliest end of a running job; scanned only while a job is followed.
std::optional<double> WhatIf::next_end() const {
  std::optional<double> next;
  for (JobId id : model_.jobs_in(State::Run)) {
    const auto& end = model_.job(id).t_end;
    if (end && (!next || *end < *next)) next = *end;
  }
  return next;
}

// Keeps the followed job's look, when it is active.
void WhatIf::look() {
  if (options_.explain_job == 0 || options_.explain_job > jobs_.size()) return;
  const auto& id = jobs_[options_.explain_job - 1].id;
  if (!id) return;
  const SimJob& j = model_.job(*id);
  if (j.state == State::Inactive) return;
  JobSnapshot s;
  s.t = model_.now();
  s.state = j.state;
  s.explanation = model_.engine().explain(*id);
  s.why = why_waiting(model_, *id);
  if (pending(j.state)) last_pending_ = s;
  last_active_ = std::move(s);
}

bool WhatIf::following() const {
  if (options_.explain_job == 0) return false;
  if (options_.explain_job > jobs_.size()) return true;  // not submitted yet
  const auto& id = jobs_[options_.explain_job - 1].id;
  return id && model_.state(*id) != State::Inactive;
}

void WhatIf::advance_to(double t) {
  while (accounting_ && next_cycle_ <= t) {
    follow_to(next_cycle_);
    run_cycle();
  }
  follow_to(t);
}

// Cycles run while the machine is busy: one is due while some job runs
// until it; past the last end, jobs started on the way may run longer.
void WhatIf::run_to_idle() {
  while (accounting_) {
    const auto last = last_end();
    if (!last) break;
    if (next_cycle_ <= *last) {
      follow_to(next_cycle_);
      run_cycle();
    } else {
      follow_to(*last);
    }
  }
  follow_to_idle();
}

std::optional<double> WhatIf::last_end() const {
  std::optional<double> last;
  for (JobId id : model_.jobs_in(State::Run)) {
    const auto& end = model_.job(id).t_end;
    if (end && (!last || *end > *last)) last = *end;
  }
  return last;
}

void WhatIf::run_cycle() {
  const double now = model_.now();
  // fetch-job-records: the jobs that ended since the last cycle; a job that
  // never ran has no R and is charged nothing.
  std::vector<EndedJob> ended;
  std::vector<JobId> still;
  for (JobId id : uncharged_) {
    const SimJob& j = model_.job(id);
    if (j.state != State::Inactive) {
      still.push_back(id);
      continue;
    }
    if (!j.t_run) continue;
    EndedJob e;
    e.userid = j.spec.userid;
    e.bank = j.spec.bank.value_or("");
    e.t_run = *j.t_run;
    e.t_inactive = *j.t_inactive;
    e.resources.nnodes = Cluster::allocated_nodes(j.spec.nnodes);
    e.resources.ncores = Cluster::allocated_cores(j.spec.nnodes, j.spec.ncores);
    ended.push_back(std::move(e));
  }
  uncharged_ = std::move(still);
  const CycleResult r = accounting_->run(now, std::move(ended));
  ++cycles_;
  next_cycle_ += options_.cycle;
  // priority-update: the changed rows, then a reprioritize.
  nlohmann::json data = nlohmann::json::array();
  for (const FairshareChange& c : r.changes) {
    const UsageAccount& a = accounting_->accounts()[c.account];
    const auto row = rows_.find({a.userid, a.bank});
    if (row == rows_.end()) continue;  // a row the plugin was never sent
    row->second["fairshare"] = c.after;
    data.push_back(row->second);
  }
  if (!data.empty()) model_.send("rec_update", {{"data", std::move(data)}});
  model_.reprioritize();
  look();
}

void WhatIf::follow_to(double t) {
  while (following()) {
    const auto end = next_end();
    if (!end || *end > t) break;
    look();
    model_.run_until(*end);
  }
  look();
  model_.run_until(t);
}

void WhatIf::follow_to_idle() {
  while (following()) {
    const auto end = next_end();
    if (!end) break;
    look();
    model_.run_until(*end);
  }
  look();
  model_.run_until_idle();
}

void WhatIf::run(const std::vector<WorkloadEvent>& events) {
  for (const WorkloadEvent& e : events) {
    if (options_.until && e.t > *options_.until) {
      ++not_run_;
      continue;
    }
    advance_to(e.t);
    apply(e);
    look();
  }
  if (options_.until)
    advance_to(*options_.until);
  else
    run_to_idle();
  look();
}

std::string pending_reason(const JobManager& model, JobId id) {
  const SimJob& j = model.job(id);
  const engine::Explanation e = model.engine().explain(id);
  switch (j.state) {
    case State::Depend: {
      std::string out = "held: ";
      for (std::size_t i = 0; i < e.waiting.size(); ++i) out += (i ? "; " : "") + e.waiting[i].text;
      return out;
    }
    case State::Sched: {
      const std::uint32_t p = j.priority.value_or(0);
      // Flux never starts a job of priority 0: urgency 0 holds it, and so
      // does a sum of factors at or below 0 (a negative queue priority).
      if (p == 0)
        return j.spec.urgency == engine::kUrgencyHold
                   ? "held by its urgency (0)"
                   : "held: its priority is 0, which the scheduler never starts";
      const auto pos = model.queue_position(id).value_or(0);
      if (pos == 0) return fmt::format("waiting for resources (priority {}, next to start)", p);
      return fmt::format("waiting for resources (priority {}, {} job{} ahead)", p, pos,
                         pos == 1 ? "" : "s");
    }
    default:
      return e.summary;
  }
}

}  // namespace fluxacct::sim
