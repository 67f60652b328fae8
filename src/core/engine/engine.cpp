// The job moments: validate, new, depend, priority, sched, run, inactive.
#include "core/engine/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/engine/job_list.hpp"
#include "core/error.hpp"

namespace fluxacct::engine {
namespace {

std::uint32_t clamp_count(std::int64_t n) {
  if (n <= 0) return 0;
  return n >= UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(n);
}

std::uint32_t clamp_duration(double d) {
  if (!(d > 0)) return 0;
  return d >= 4e9 ? 4000000000u : static_cast<std::uint32_t>(std::ceil(d));
}

std::string join(const NamePool& names, const std::vector<NameId>& ids) {
  std::string out;
  for (NameId id : ids) {
    if (!out.empty()) out += ',';
    out += names.name(id);
  }
  return out;
}

}  // namespace

std::string_view state_name(JobState s) {
  switch (s) {
    case JobState::New:
      return "NEW";
    case JobState::Depend:
      return "DEPEND";
    case JobState::Priority:
      return "PRIORITY";
    case JobState::Sched:
      return "SCHED";
    case JobState::Run:
      return "RUN";
  }
  return "?";
}

Engine::Engine(const EngineOptions& options) : limits_(options.limits) {}

void Engine::apply(const DataUpdate& update) { catalog_.apply(update); }

const Job* Engine::job(JobId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &jobs_[it->second];
}

Slot Engine::slot_of(JobId id, const char* topic) const {
  auto it = index_.find(id);
  if (it == index_.end()) throw Error(fmt::format("{}: job info missing", topic));
  return it->second;
}

LimitView Engine::view(const Job& j) const {
  const Association& a = catalog_.assoc(j.assoc);
  return LimitView{a,
                   catalog_.queue(j.queue),
                   a.usage(j.queue),
                   catalog_.totals(j.queue),
                   j,
                   catalog_.enforce_queue_job_limits()};
}

std::optional<std::string> Engine::check_validity(const Association& a,
                                                  std::optional<std::string_view> queue,
                                                  std::optional<std::string_view> project) const {
  const NamePool& names = catalog_.names();
  if (queue) {
    const NameId q = names.find(*queue);
    if (!catalog_.queue(q)) {
      if (catalog_.deny_unknown_queues())
        return fmt::format(
            "queue \"{}\" is unknown to flux-accounting and deny-unknown-queues is enabled",
            *queue);
    } else if (!a.permits_queue(q)) {
      return fmt::format("queue \"{}\" not valid for user; valid queues for user: {}", *queue,
                         join(names, a.queues));
    }
  }
  if (project) {
    const NameId p = names.find(*project);
    if (!catalog_.project_known(p) || !a.permits_project(p))
      return fmt::format("project \"{}\" not valid for user; valid projects for user: {}", *project,
                         join(names, a.projects));
  }
  return std::nullopt;
}

std::optional<std::string> Engine::check_hard_limits(const Job& probe, std::uint32_t assoc,
                                                     bool new_job, bool resources_ok) const {
  const Association& a = catalog_.assoc(assoc);
  const LimitView v{
      a,     catalog_.queue(probe.queue),        a.usage(probe.queue), catalog_.totals(probe.queue),
      probe, catalog_.enforce_queue_job_limits()};
  for (const Limit* l : limits_.hard()) {
    if (l->needs_resources() && !resources_ok) return "unable to count resources for job";
    if (auto why = l->reject(v, new_job)) return why;
  }
  if (!resources_ok) return "unable to count resources for job";
  return std::nullopt;
}

std::optional<std::string> Engine::validate(const JobRequest& r, JobState state) const {
  if (!r.attributes_ok) return "unable to unpack bank arg";
  const std::uint32_t ai = catalog_.resolve(r.userid, r.bank);
  if (ai == kNoAssoc) {
    // Before any data arrive, jobs are accepted and wait in PRIORITY (§4.10).
    if (!catalog_.has_data()) return std::nullopt;
    return fmt::format("cannot find user/bank or user/default bank entry for uid: {}", r.userid);
  }
  const Association& a = catalog_.assoc(ai);
  if (!a.active) return "user/bank entry has been disabled from flux-accounting DB";
  if (auto why = check_validity(a, r.queue, r.project)) return why;
  Job probe;
  probe.queue = r.queue ? catalog_.names().find(*r.queue) : kEmptyName;
  probe.nnodes = clamp_count(r.nnodes);
  probe.ncores = clamp_count(r.ncores);
  probe.duration = clamp_duration(r.duration);
  return check_hard_limits(probe, ai, state == JobState::New, r.resources_ok);
}

Job Engine::make_job(JobId id, const JobRequest& r) const {
  const NamePool& names = catalog_.names();
  Job j;
  j.live = true;
  j.id = id;
  j.userid = r.userid;
  // Names not seen before are interned by admit(); kUnknownName meanwhile.
  if (r.bank) j.bank = names.find(*r.bank);
  if (r.queue) j.queue = names.find(*r.queue);
  if (r.project) j.project = names.find(*r.project);
  j.nnodes = clamp_count(r.nnodes);
  j.ncores = clamp_count(r.ncores);
  j.duration = clamp_duration(r.duration);
  j.urgency = static_cast<std::uint8_t>(std::clamp(r.urgency, 0, 31));
  return j;
}

void Engine::new_job(JobId id, const JobRequest& r, Decisions& out) {
  if (index_.count(id)) throw Error(fmt::format("job.new: job {} already exists", id));
  const std::uint32_t ai = catalog_.resolve(r.userid, r.bank);
  Job j = make_job(id, r);
  // validate() saw the counts before other submissions were accepted.
  if (ai != kNoAssoc) {
    if (auto why = check_hard_limits(j, ai, true, r.resources_ok)) {
      out.push_back(Reject{id, *why});
      return;
    }
  }
  admit(j, r, JobState::New, ai, out);
}

Slot Engine::admit(Job j, const JobRequest& r, JobState state, std::uint32_t ai, Decisions& out) {
  // make_job() found the names already known; the others are interned now.
  NamePool& names = catalog_.names();
  if (r.bank && j.bank == kUnknownName) j.bank = names.intern(*r.bank);
  if (r.queue && j.queue == kUnknownName) j.queue = names.intern(*r.queue);
  if (r.project && j.project == kUnknownName) j.project = names.intern(*r.project);
  j.state = state;
  Slot s;
  if (!free_slots_.empty()) {
    s = free_slots_.back();
    free_slots_.pop_back();
    jobs_[s] = j;
  } else {
    s = static_cast<Slot>(jobs_.size());
    jobs_.push_back(j);
  }
  index_.emplace(j.id, s);
  if (ai == kNoAssoc)
    list_push_back<&Job::held>(jobs_, unbound_, s);
  else
    bind(s, ai, out);
  return s;
}

void Engine::bind(Slot s, std::uint32_t ai, Decisions& out) {
  Job& j = jobs_[s];
  Association& a = catalog_.assoc(ai);
  j.assoc = ai;
  ++a.active_jobs;
  charge(s, +1);
  if (j.deps) hold(s);  // replayed before data arrived, bound now
  if (j.promised) {     // replayed as released before data arrived
    j.promised = false;
    set_reserved(s, true);
  }
  if (j.state < JobState::Run) {
    const NamePool& names = catalog_.names();
    if (j.bank == kEmptyName) out.push_back(UpdateJobspec{j.id, kJobspecBank, names.name(a.bank)});
    if (j.project == kEmptyName && a.def_project != kEmptyName)
      out.push_back(UpdateJobspec{j.id, kJobspecProject, names.name(a.def_project)});
  }
}

void Engine::depend(JobId id, Decisions& out) {
  const Slot s = slot_of(id, "job.state.depend");
  Job& j = jobs_[s];
  if (j.state != JobState::New)
    throw Error(
        fmt::format("job.state.depend: job {} is in state {}, not NEW", id, state_name(j.state)));
  j.state = JobState::Depend;
  if (!j.bound()) return;  // no data yet: nothing to hold on
  const LimitView v = view(j);
  const auto& soft = limits_.soft();
  for (std::size_t i = 0; i < soft.size(); ++i) {
    if (!soft[i]->blocks(v)) continue;
    j.deps |= static_cast<std::uint16_t>(1u << i);
    out.push_back(AddDependency{id, soft[i]->dependency()});
  }
  if (j.deps) hold(s);
}

PriorityInputs Engine::inputs(const Job& j) const {
  const Association& a = catalog_.assoc(j.assoc);
  PriorityInputs in;
  in.fairshare = a.fairshare;
  // The job's own queue, when accounting knows it and the association may use it.
  if (const Queue* q = catalog_.queue(j.queue); q && a.permits_queue(j.queue))
    in.queue_priority = static_cast<double>(q->priority);
  in.bank_priority = catalog_.bank_priority(a.bank);
  in.urgency = j.urgency;
  return in;
}

std::optional<std::uint32_t> Engine::priority(JobId id, Decisions& out) {
  const Slot s = slot_of(id, "job.state.priority");
  Job& j = jobs_[s];
  if (j.state == JobState::New || j.state == JobState::Run ||
      (j.deps && j.state == JobState::Depend))
    throw Error(fmt::format("job.state.priority: job {} is in state {}{}", id, state_name(j.state),
                            j.deps ? " with dependencies" : ""));
  if (j.state == JobState::Depend) j.state = JobState::Priority;
  if (!j.bound() && !try_late_bind(s, out)) return std::nullopt;
  if (jobs_[s].held_in_priority()) return std::nullopt;
  Job& b = jobs_[s];
  const Association& a = catalog_.assoc(b.assoc);
  if (std::fabs(a.fairshare - b.last_fairshare) >= 1e-9) {
    b.last_fairshare = a.fairshare;
    out.push_back(PostFairshareMemo{id, a.fairshare});
  }
  return compute_priority(inputs(b), catalog_.weights());
}

bool Engine::try_late_bind(Slot s, Decisions& out) {
  if (!catalog_.has_data()) return false;
  Job& j = jobs_[s];
  const NamePool& names = catalog_.names();
  std::optional<std::string_view> bank;
  if (j.bank != kEmptyName) bank = names.name(j.bank);
  const std::uint32_t ai = catalog_.resolve(j.userid, bank);
  std::optional<std::string> why;
  if (ai == kNoAssoc) {
    why = fmt::format("cannot find user/bank or user/default bank entry for uid: {}", j.userid);
  } else if (j.state < JobState::Sched) {
    const Association& a = catalog_.assoc(ai);
    std::optional<std::string_view> queue, project;
    if (j.queue != kEmptyName) queue = names.name(j.queue);
    if (j.project != kEmptyName) project = names.name(j.project);
    if (!a.active)
      why = "user/bank entry has been disabled from flux-accounting DB";
    else
      why = check_validity(a, queue, project);
  }
  if (why) {
    // Running jobs are left alone; pending ones cannot be placed anywhere.
    if (j.state < JobState::Sched) out.push_back(RaiseException{j.id, *why});
    return false;
  }
  list_unlink<&Job::held>(jobs_, unbound_, s);
  bind(s, ai, out);
  // A job released before a reload was reserved by bind(), not checked.
  const Job& b = jobs_[s];
  return b.state != JobState::Priority || b.reserved || !hold_in_priority_if_over(s);
}

void Engine::sched(JobId id, Decisions&) {
  const Slot s = slot_of(id, "job.state.sched");
  Job& j = jobs_[s];
  if (j.state != JobState::Priority || j.deps)
    throw Error(fmt::format("job.state.sched: job {} is in state {}{}, not PRIORITY", id,
                            state_name(j.state), j.deps ? " (held)" : ""));
  charge(s, -1);
  j.state = JobState::Sched;
  charge(s, +1);
}

void Engine::run(JobId id, Decisions& out) {
  const Slot s = slot_of(id, "job.state.run");
  Job& j = jobs_[s];
  if (j.state != JobState::Sched)
    throw Error(
        fmt::format("job.state.run: job {} is in state {}, not SCHED", id, state_name(j.state)));
  charge(s, -1);
  j.state = JobState::Run;
  j.reserved = false;  // the reservation becomes the real count
  j.promised = false;  // likewise the promise of a job not bound yet
  charge(s, +1);
  if (j.bound()) release_association(j.assoc, out);  // it left SCHED
}

void Engine::inactive(JobId id, Decisions& out) {
  const Slot s = slot_of(id, "job.state.inactive");
  Job& j = jobs_[s];
  // A released job's reservation frees room as its counts would.
  const bool counted = j.state == JobState::Sched || j.state == JobState::Run || j.reserved;
  const std::uint32_t ai = j.assoc;
  const NameId queue = j.queue;
  forget(s);
  if (ai == kNoAssoc) return;
  if (counted) {
    release_association(ai, out);
    release_queue(queue, out);
  }
  catalog_.drop_if_forgotten(ai);
}

void Engine::forget(Slot s) {
  Job& j = jobs_[s];
  if (j.bound()) {
    if (j.deps) unhold(s);
    charge(s, -1);
    --catalog_.assoc(j.assoc).active_jobs;
  } else {
    list_unlink<&Job::held>(jobs_, unbound_, s);
  }
  index_.erase(j.id);
  j = Job{};
  free_slots_.push_back(s);
}

}  // namespace fluxacct::engine
