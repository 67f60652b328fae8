// The job manager model: states, the engine's decisions, the scheduler and
// the clock. Decisions are queued and applied in the order the engine gave
// them (Flux posts them as events, in order); applying one may call the
// engine again, whose decisions join the end of the queue, so no call
// recurses into another.
#include "sim/job_manager.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <nlohmann/json.hpp>

#include "core/engine/decode.hpp"
#include "core/error.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::sim {
namespace {

using engine::Decisions;

// The engine's view of a submission; views into `s`, which must outlive it.
engine::JobRequest request_of(const Submission& s) {
  engine::JobRequest r;
  r.userid = s.userid;
  r.urgency = s.urgency;
  if (s.bank) r.bank = *s.bank;
  if (s.queue) r.queue = *s.queue;
  if (s.project) r.project = *s.project;
  r.nnodes = s.nnodes;
  r.ncores = s.ncores;
  r.duration = s.duration;
  r.attributes_ok = s.attributes_ok;
  r.resources_ok = s.resources_ok;
  return r;
}

engine::JobState engine_state(State s) {
  switch (s) {
    case State::Depend:
      return engine::JobState::Depend;
    case State::Priority:
      return engine::JobState::Priority;
    case State::Sched:
      return engine::JobState::Sched;
    case State::Run:
      return engine::JobState::Run;
    default:
      return engine::JobState::New;
  }
}

std::optional<double> runtime_of(const Submission& s) {
  if (s.runtime) return *s.runtime > 0 ? *s.runtime : 0.0;
  if (s.duration > 0) return s.duration;
  return std::nullopt;
}

}  // namespace

std::string_view state_name(State s) {
  switch (s) {
    case State::New:
      return "NEW";
    case State::Depend:
      return "DEPEND";
    case State::Priority:
      return "PRIORITY";
    case State::Sched:
      return "SCHED";
    case State::Run:
      return "RUN";
    case State::Cleanup:
      return "CLEANUP";
    case State::Inactive:
      return "INACTIVE";
  }
  return "?";
}

JobManager::JobManager(ClusterShape shape, engine::EngineOptions options)
    : shape_(shape),
      options_(options),
      engine_(std::make_unique<engine::Engine>(options)),
      cluster_(shape) {}

const SimJob& JobManager::job(JobId id) const {
  auto it = jobs_.find(id);
  if (it == jobs_.end()) throw Error(fmt::format("unknown job {}", id));
  return it->second;
}

SimJob& JobManager::active_job(JobId id, const char* what) {
  auto it = jobs_.find(id);
  if (it == jobs_.end()) throw Error(fmt::format("{}: unknown job {}", what, id));
  if (it->second.state == State::Inactive)
    throw Error(fmt::format("{}: job {} is inactive", what, id));
  return it->second;
}

void JobManager::log(SimJob& j, std::string line) { j.eventlog.push_back(std::move(line)); }

// --- decisions ---------------------------------------------------------------

void JobManager::push(Decisions& d) {
  for (auto& x : d) pending_.push_back(std::move(x));
  d.clear();
}

void JobManager::drain() {
  if (draining_) return;
  draining_ = true;
  while (next_pending_ < pending_.size()) {
    const engine::Decision d = pending_[next_pending_++];
    apply(d);
  }
  pending_.clear();
  next_pending_ = 0;
  draining_ = false;
}

void JobManager::apply(const engine::Decision& d) {
  const JobId id = std::visit([](const auto& x) { return x.job; }, d);
  auto it = jobs_.find(id);
  // The engine speaks only of jobs it holds, and so of active ones; a
  // decision about a job that has ended since is stale.
  if (it == jobs_.end() || it->second.state == State::Inactive) return;
  SimJob& j = it->second;
  if (const auto* x = std::get_if<engine::AddDependency>(&d)) {
    const std::string name(x->name);
    if (std::find(j.dependencies.begin(), j.dependencies.end(), name) == j.dependencies.end())
      j.dependencies.push_back(name);
    j.was_held = true;
    log(j, "dependency-add " + name);
  } else if (const auto* x = std::get_if<engine::RemoveDependency>(&d)) {
    std::erase(j.dependencies, std::string(x->name));
    log(j, fmt::format("dependency-remove {}", x->name));
    if (j.state == State::Depend && j.dependencies.empty()) leave_depend(j);
  } else if (std::holds_alternative<engine::Reprioritize>(d)) {
    // A job held in PRIORITY has room now: flux_jobtap_reprioritize_job.
    log(j, "reprioritize");
    if (j.state == State::Priority) ask_priority(j);
  } else if (const auto* x = std::get_if<engine::SetPriority>(&d)) {
    set_priority(j, x->priority);
  } else if (const auto* x = std::get_if<engine::UpdateJobspec>(&d)) {
    if (x->key == engine::kJobspecBank) j.spec.bank = std::string(x->value);
    if (x->key == engine::kJobspecProject) j.spec.project = std::string(x->value);
    log(j, fmt::format("jobspec-update {}=\"{}\"", x->key, x->value));
  } else if (const auto* x = std::get_if<engine::RaiseException>(&d)) {
    j.exception = x->message;
    log(j, "exception type=mf_priority severity=0 " + x->message);
    finish(j, "");
  } else if (const auto* x = std::get_if<engine::PostFairshareMemo>(&d)) {
    j.fairshare = x->fairshare;
    log(j, "memo fairshare=" + py::float_repr(x->fairshare));
  } else if (const auto* x = std::get_if<engine::Reject>(&d)) {
    // Only new_job rejects, and submit() handles that itself.
    j.exception = x->message;
    finish(j, "");
  }
}

// --- job moments ---------------------------------------------------------------

void JobManager::leave_depend(SimJob& j) {
  log(j, "depend");
  j.state = State::Priority;
  ask_priority(j);
}

void JobManager::ask_priority(SimJob& j) {
  Decisions out;
  const auto p = engine_->priority(j.id, out);
  // After the memo and jobspec updates that came with it, as Flux orders them.
  if (p) out.push_back(engine::SetPriority{j.id, *p});
  push(out);
}

void JobManager::leave_queue(SimJob& j) {
  if (j.state == State::Sched && j.priority) sched_.erase(SchedKey{*j.priority, j.id});
}

void JobManager::set_priority(SimJob& j, std::uint32_t p) {
  if (j.state != State::Priority && j.state != State::Sched) return;
  const bool changed = !j.priority || *j.priority != p;
  leave_queue(j);
  j.priority = p;
  if (changed || j.state == State::Priority) log(j, fmt::format("priority priority={}", p));
  if (j.state == State::Priority) {
    j.state = State::Sched;
    Decisions out;
    engine_->sched(j.id, out);
    push(out);
  }
  // Priority 0 (urgency 0) is Flux's hold: the scheduler is not asked.
  if (p > 0) sched_.insert(SchedKey{p, j.id});
}

void JobManager::start(SimJob& j) {
  j.state = State::Run;
  j.t_run = now_;
  log(j, "alloc");
  if (const auto rt = runtime_of(j.spec)) {
    j.t_end = now_ + *rt;
    ends_.insert({*j.t_end, j.id});
  }
  Decisions out;
  engine_->run(j.id, out);
  push(out);
}

// Ends a job from any state: its resources go back, the engine forgets it.
void JobManager::finish(SimJob& j, const std::string& event) {
  if (j.state == State::Inactive) return;
  leave_queue(j);
  if (j.state == State::Run) {
    if (j.t_end) ends_.erase({*j.t_end, j.id});
    cluster_.give_back(j.allocation);
    j.allocation = {};
  }
  if (!event.empty()) log(j, event);
  j.state = State::Cleanup;
  log(j, "clean");
  j.state = State::Inactive;
  j.t_inactive = now_;
  active_.erase(j.id);
  Decisions out;
  engine_->inactive(j.id, out);
  push(out);
}

// Starts SCHED jobs in priority order (ties: submit order) while the next
// one fits; a job that could never fit ends with an exception, as Flux's
// scheduler answers an unsatisfiable request.
void JobManager::schedule() {
  while (!sched_.empty()) {
    SimJob& j = jobs_.at(sched_.begin()->id);
    if (!cluster_.satisfiable(j.spec.nnodes, j.spec.ncores)) {
      j.exception = "alloc: unsatisfiable request";
      log(j, "exception type=alloc severity=0 unsatisfiable request");
      finish(j, "");
      drain();
      continue;
    }
    auto a = cluster_.find(j.spec.nnodes, j.spec.ncores);
    if (!a) break;
    sched_.erase(sched_.begin());
    cluster_.take(*a);
    j.allocation = *a;
    start(j);
    drain();
  }
}

// --- users -------------------------------------------------------------------

SubmitResult JobManager::submit(const Submission& s) {
  if (s.urgency < 0 || s.urgency > 31) return {0, "urgency must be in the range 0-31"};
  const engine::JobRequest r = request_of(s);
  if (auto why = engine_->validate(r)) return {0, why};
  const JobId id = next_id_;
  Decisions out;
  engine_->new_job(id, r, out);
  for (const auto& d : out)
    if (const auto* rej = std::get_if<engine::Reject>(&d)) return {0, rej->message};
  ++next_id_;
  SimJob& j = jobs_.emplace(id, SimJob{}).first->second;
  j.id = id;
  j.spec = s;
  j.t_submit = now_;
  active_.insert(id);
  log(j, "submit");
  push(out);
  drain();
  j.state = State::Depend;
  engine_->depend(id, out);
  push(out);
  drain();
  if (j.state == State::Depend && j.dependencies.empty()) {
    leave_depend(j);
    drain();
  }
  schedule();
  return {id, std::nullopt};
}

void JobManager::cancel(JobId id) {
  SimJob& j = active_job(id, "cancel");
  j.cancelled = true;
  finish(j, "exception type=cancel severity=0");
  drain();
  schedule();
}

void JobManager::set_urgency(JobId id, int urgency) {
  SimJob& j = active_job(id, "urgency");
  if (urgency < 0 || urgency > 31) throw Error("urgency: urgency must be in the range 0-31");
  if (j.state == State::Run) throw Error(fmt::format("urgency: job {} is not pending", id));
  engine::JobUpdate u;
  u.urgency = urgency;
  Decisions out;
  engine_->update(id, u, out);
  j.spec.urgency = urgency;
  log(j, fmt::format("urgency urgency={}", urgency));
  push(out);
  if (j.state == State::Priority || j.state == State::Sched) ask_priority(j);
  drain();
  schedule();
}

std::optional<std::string> JobManager::update(JobId id, std::optional<std::string> bank,
                                              std::optional<std::string> queue) {
  SimJob& j = active_job(id, "update");
  if (!bank && !queue) return std::nullopt;
  engine::JobUpdate u;
  if (bank) u.bank = *bank;
  if (queue) u.queue = *queue;
  if (auto why = engine_->validate_update(id, u)) return why;
  Decisions out;
  engine_->update(id, u, out);
  if (bank) {
    j.spec.bank = bank;
    log(j, fmt::format("jobspec-update attributes.system.bank=\"{}\"", *bank));
  }
  if (queue) {
    j.spec.queue = queue;
    log(j, fmt::format("jobspec-update attributes.system.queue=\"{}\"", *queue));
  }
  push(out);
  if (j.state == State::Priority || j.state == State::Sched) ask_priority(j);
  drain();
  schedule();
  return std::nullopt;
}

// --- data --------------------------------------------------------------------

void JobManager::send(std::string_view topic, const nlohmann::json& payload) {
  if (topic == "reprioritize") return reprioritize();
  const auto t = engine::data_topic(topic);
  if (!t) throw Error(fmt::format("unknown topic: {}", topic));
  engine_->apply(engine::decode_rpc(*t, payload));
}

void JobManager::reprioritize_pending() {
  const std::vector<JobId> ids(active_.begin(), active_.end());
  for (JobId id : ids) {
    SimJob& j = jobs_.at(id);
    if (j.state != State::Priority && j.state != State::Sched) continue;
    ask_priority(j);
    drain();
  }
}

void JobManager::reprioritize() {
  Decisions out;
  engine_->reprioritize(out);
  push(out);
  drain();
  reprioritize_pending();
  schedule();
}

void JobManager::priority_update(const nlohmann::json& document) {
  engine_->apply(engine::decode_plugin_config(document));
  reprioritize();
}

void JobManager::reload(const nlohmann::json* config) {
  std::optional<engine::DataUpdate> data;
  if (config) data = engine::decode_plugin_config(*config);
  auto fresh = std::make_unique<engine::Engine>(options_);
  if (data) fresh->apply(*data);
  std::vector<engine::ReplayJob> replay;
  for (JobId id : active_) {
    const SimJob& j = jobs_.at(id);
    engine::ReplayJob r;
    r.id = id;
    r.request = request_of(j.spec);
    r.state = engine_state(j.state);
    r.dependencies = j.dependencies;
    // As the jobtap adapter tells from the eventlog: past DEPEND, and the
    // plugin removed a dependency of it (every one in the model is ours).
    r.released = (j.state == State::Priority || j.state == State::Sched) &&
                 std::any_of(j.eventlog.begin(), j.eventlog.end(), [](const std::string& e) {
                   return e.starts_with("dependency-remove ");
                 });
    replay.push_back(std::move(r));
  }
  Decisions out;
  fresh->replay(std::move(replay), out);
  engine_ = std::move(fresh);
  for (JobId id : active_) log(jobs_.at(id), "reload");
  push(out);
  drain();
  // jobtap asks a newly loaded priority plugin for every pending job's priority.
  reprioritize_pending();
  schedule();
}

// --- time --------------------------------------------------------------------

void JobManager::run_until(double t) {
  if (!(t >= now_)) throw Error(fmt::format("time {} is before the current time {}", t, now_));
  while (!ends_.empty() && ends_.begin()->first <= t) {
    const auto [when, id] = *ends_.begin();
    ends_.erase(ends_.begin());
    now_ = when;
    SimJob& j = jobs_.at(id);
    j.t_end.reset();
    finish(j, "finish status=0");
    drain();
    schedule();
  }
  now_ = t;
}

void JobManager::run_until_idle() {
  while (!ends_.empty()) run_until(ends_.begin()->first);
}

// --- looking -------------------------------------------------------------------

std::vector<JobId> JobManager::jobs_in(State s) const {
  std::vector<JobId> out;
  if (s == State::Inactive) {
    for (const auto& [id, j] : jobs_)
      if (j.state == s) out.push_back(id);
    return out;
  }
  for (JobId id : active_)
    if (jobs_.at(id).state == s) out.push_back(id);
  return out;
}

std::optional<std::size_t> JobManager::queue_position(JobId id) const {
  std::size_t i = 0;
  for (const SchedKey& k : sched_) {
    if (k.id == id) return i;
    ++i;
  }
  return std::nullopt;
}

std::vector<std::string> JobManager::check() const {
  std::vector<std::string> out = engine_->audit();
  for (auto& p : cluster_.check()) out.push_back(std::move(p));
  if (engine_->job_count() != active_.size())
    out.push_back(fmt::format("the engine holds {} jobs, the model {} active ones",
                              engine_->job_count(), active_.size()));
  for (JobId id : active_) {
    const SimJob& j = jobs_.at(id);
    const engine::Job* e = engine_->job(id);
    if (!e) {
      out.push_back(fmt::format("job {} ({}) is unknown to the engine", id, state_name(j.state)));
      continue;
    }
    if (e->state != engine_state(j.state))
      out.push_back(fmt::format("job {} is {} in the model, {} in the engine", id,
                                state_name(j.state), engine::state_name(e->state)));
    // A job held in PRIORITY has holds in the engine but no Flux dependencies.
    const std::size_t flux_deps =
        e->held_in_priority() ? 0 : static_cast<std::size_t>(std::popcount(e->deps));
    if (flux_deps != j.dependencies.size())
      out.push_back(fmt::format("job {} has {} dependencies in the model, {} in the engine", id,
                                j.dependencies.size(), flux_deps));
    if (j.state == State::Depend && j.dependencies.empty())
      out.push_back(fmt::format("job {} is stuck in DEPEND without dependencies", id));
    if (j.state == State::Priority && e->bound() && !e->held_in_priority())
      out.push_back(fmt::format("job {} is stuck in PRIORITY although bound", id));
    if (j.state == State::Sched && j.priority && *j.priority > 0 &&
        !sched_.count(SchedKey{*j.priority, id}))
      out.push_back(fmt::format("job {} is in SCHED but not queued", id));
    if (j.state == State::Run && j.allocation.empty())
      out.push_back(fmt::format("job {} runs without an allocation", id));
    if (j.state == State::New || j.state == State::Cleanup)
      out.push_back(fmt::format("job {} rests in {}", id, state_name(j.state)));
  }
  return out;
}

}  // namespace fluxacct::sim
