// audit(): every counter and list recounted from the job table.
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/engine/engine.hpp"

namespace fluxacct::engine {
namespace {

struct Counts {
  std::int64_t active = 0, run_jobs = 0, run_nodes = 0, run_cores = 0, sched_jobs = 0;
  Reservation reserved;
  std::map<NameId, QueueUsage> usage;
  std::set<Slot> held;
};

template <Links Job::*L>
std::vector<Slot> walk(const std::vector<Job>& jobs, const JobList& list,
                       std::vector<std::string>& problems, const std::string& what) {
  std::vector<Slot> out;
  Slot prev = kNoSlot;
  for (Slot s = list.head; s != kNoSlot; s = (jobs[s].*L).next) {
    if (s >= jobs.size() || out.size() > jobs.size()) {
      problems.push_back(what + ": broken list");
      return out;
    }
    if ((jobs[s].*L).prev != prev) problems.push_back(what + ": bad back link");
    out.push_back(s);
    prev = s;
  }
  if (list.tail != prev) problems.push_back(what + ": bad tail");
  if (out.size() != list.size)
    problems.push_back(fmt::format("{}: size {} but {} linked", what, list.size, out.size()));
  return out;
}

void add_reservation(Reservation& r, const Job& j) {
  const std::int64_t n = j.nnodes, c = j.ncores;
  if (j.state < JobState::Sched) {
    ++r.to_sched_jobs;
    r.to_sched_nodes += n;
    r.to_sched_cores += c;
  }
  ++r.to_run_jobs;
  r.to_run_nodes += n;
  r.to_run_cores += c;
}

}  // namespace

std::vector<std::string> Engine::audit() const {
  std::vector<std::string> problems;
  std::map<std::uint32_t, Counts> by_assoc;
  std::map<NameId, QueueTotals> totals;
  std::map<NameId, std::set<Slot>> waiting;
  std::set<Slot> unbound;
  std::size_t live = 0;
  for (Slot s = 0; s < jobs_.size(); ++s) {
    const Job& j = jobs_[s];
    if (!j.live) continue;
    ++live;
    auto it = index_.find(j.id);
    if (it == index_.end() || it->second != s)
      problems.push_back(fmt::format("job {}: not indexed", j.id));
    if (j.promised && (j.bound() || (j.state != JobState::Priority && j.state != JobState::Sched)))
      problems.push_back(fmt::format("job {}: promised a reservation while {}", j.id,
                                     j.bound() ? "bound" : state_name(j.state)));
    if (!j.bound()) {
      unbound.insert(s);
      if (j.reserved) problems.push_back(fmt::format("job {}: reserved but unbound", j.id));
      continue;
    }
    if (!catalog_.assoc(j.assoc).in_use)
      problems.push_back(fmt::format("job {}: association slot {} is free", j.id, j.assoc));
    Counts& c = by_assoc[j.assoc];
    ++c.active;
    if (j.deps) c.held.insert(s);
    if (j.deps & limits_.queue_mask()) waiting[j.queue].insert(s);
    if (j.deps && j.state != JobState::Depend && j.state != JobState::Priority)
      problems.push_back(
          fmt::format("job {}: dependencies in state {}", j.id, state_name(j.state)));
    const std::int64_t n = j.nnodes, k = j.ncores;
    QueueTotals& t = totals[j.queue];
    if (j.reserved) {
      if (j.deps || j.state == JobState::Run)
        problems.push_back(
            fmt::format("job {}: reserved while {}", j.id, j.deps ? "held" : "running"));
      add_reservation(c.reserved, j);
      add_reservation(c.usage[j.queue].reserved, j);
      add_reservation(t.reserved, j);
    }
    if (j.state == JobState::Sched) {
      ++c.sched_jobs;
      QueueUsage& u = c.usage[j.queue];
      ++u.sched_jobs;
      u.sched_nodes += n;
      u.sched_cores += k;
    } else if (j.state == JobState::Run) {
      ++c.run_jobs;
      c.run_nodes += n;
      c.run_cores += k;
      QueueUsage& u = c.usage[j.queue];
      ++u.run_jobs;
      u.run_nodes += n;
      u.run_cores += k;
    } else {
      continue;
    }
    ++t.jobs;
    t.nodes += n;
    t.cores += k;
  }
  if (live != index_.size())
    problems.push_back(fmt::format("{} live jobs but {} indexed", live, index_.size()));
  const auto listed = walk<&Job::held>(jobs_, unbound_, problems, "unbound jobs");
  if (std::set<Slot>(listed.begin(), listed.end()) != unbound)
    problems.push_back("unbound list differs from the unbound jobs");

  for (std::uint32_t ai = 0; ai < catalog_.assoc_slots(); ++ai) {
    const Association& a = catalog_.assoc(ai);
    if (!a.in_use) continue;
    const Counts& c = by_assoc[ai];
    const std::string who =
        fmt::format("association {}/{}", a.userid, catalog_.names().name(a.bank));
    auto cmp = [&](const char* what, std::int64_t have, std::int64_t want) {
      if (have < 0) problems.push_back(fmt::format("{}: {} is {}", who, what, have));
      if (have != want)
        problems.push_back(fmt::format("{}: {} is {}, recount {}", who, what, have, want));
    };
    cmp("active_jobs", a.active_jobs, c.active);
    cmp("run_jobs", a.run_jobs, c.run_jobs);
    cmp("run_nodes", a.run_nodes, c.run_nodes);
    cmp("run_cores", a.run_cores, c.run_cores);
    cmp("sched_jobs", a.sched_jobs, c.sched_jobs);
    if (a.reserved != c.reserved)
      problems.push_back(who + ": reservations differ from the recount");
    std::map<NameId, QueueUsage> have;
    for (const auto& [q, u] : a.queue_usage) have[q] = u;
    if (have != c.usage) problems.push_back(who + ": queue usage differs from the recount");
    const auto held = walk<&Job::held>(jobs_, a.held, problems, who + " held");
    if (std::set<Slot>(held.begin(), held.end()) != c.held)
      problems.push_back(who + ": held list differs from the jobs with dependencies");
    if (!a.present && c.active == 0) problems.push_back(who + ": forgotten but still kept");
  }
  for (NameId q = 0; q < catalog_.totals_size(); ++q) {
    const QueueTotals& t = catalog_.totals(q);
    const QueueTotals& want = totals[q];
    if (t.jobs != want.jobs || t.nodes != want.nodes || t.cores != want.cores || t.jobs < 0 ||
        t.nodes < 0 || t.cores < 0 || t.reserved != want.reserved)
      problems.push_back(fmt::format("queue {}: totals {}/{}/{}, recount {}/{}/{}",
                                     catalog_.names().name(q), t.jobs, t.nodes, t.cores, want.jobs,
                                     want.nodes, want.cores));
    const auto w = walk<&Job::waiting>(jobs_, t.waiting, problems,
                                       fmt::format("queue {} waiting", catalog_.names().name(q)));
    if (std::set<Slot>(w.begin(), w.end()) != waiting[q])
      problems.push_back(fmt::format("queue {}: waiting list differs", catalog_.names().name(q)));
  }
  return problems;
}

}  // namespace fluxacct::engine
