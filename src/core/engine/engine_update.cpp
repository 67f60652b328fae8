// `flux update` of a pending job's bank, queue or urgency.
#include <fmt/format.h>

#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/engine/job_list.hpp"
#include "core/error.hpp"

namespace fluxacct::engine {

std::optional<std::string> Engine::validate_update(JobId id, const JobUpdate& u) const {
  const Job& j = jobs_[slot_of(id, "job.update")];
  if ((u.bank || u.queue) && j.state == JobState::Run)
    return "mf_priority: the bank or queue of a running job cannot be changed";
  const NamePool& names = catalog_.names();
  std::uint32_t target = j.assoc;
  if (u.bank) {
    if (!catalog_.has_data()) return "update_bank: plugin still waiting on flux-accounting data";
    const NameId b = names.find(*u.bank);
    target = b == kUnknownName ? kNoAssoc : catalog_.find(j.userid, b);
    if (target == kNoAssoc)
      return fmt::format("update_bank: cannot find flux-accounting entry for uid/bank: {}/{}",
                         j.userid, *u.bank);
    const Association& a = catalog_.assoc(target);
    // Upstream does not check the target's active flag (§6.3 #14).
    if (!a.active) return "user/bank entry has been disabled from flux-accounting DB";
    if (target != j.assoc) {
      if (a.max_active_jobs > 0 && a.active_jobs >= a.max_active_jobs)
        return "new bank is already at max-active-jobs limit";
      // Room promised to its released jobs is taken too.
      if (a.run_jobs + a.reserved.to_run_jobs >= a.max_run_jobs)
        return fmt::format(
            "updating to bank {} while it is already at max-run-jobs limit is not allowed; try "
            "again later",
            *u.bank);
    }
  }
  if (!u.bank && !u.queue) return std::nullopt;
  if (target == kNoAssoc)
    return fmt::format("cannot find user/bank or user/default bank entry for uid: {}", j.userid);
  const Association& a = catalog_.assoc(target);
  Job probe = j;
  if (u.queue) {
    const NameId q = names.find(*u.queue);
    if (!catalog_.queue(q)) {
      // Upstream lets an update bypass deny_unknown_queues (§6.3 #14).
      if (catalog_.deny_unknown_queues())
        return fmt::format(
            "queue \"{}\" is unknown to flux-accounting and deny-unknown-queues is enabled",
            *u.queue);
    } else if (!a.permits_queue(q)) {
      return fmt::format("mf_priority: queue not valid for user: {}", *u.queue);
    }
    probe.queue = q;
  } else if (catalog_.queue(j.queue) && !a.permits_queue(j.queue)) {
    // A new bank must also permit the job's queue.
    return fmt::format("mf_priority: queue not valid for user: {}", names.name(j.queue));
  }
  return check_hard_limits(probe, target, false, true);
}

void Engine::update(JobId id, const JobUpdate& u, Decisions& out) {
  const Slot s = slot_of(id, "job.update");
  if (auto why = validate_update(id, u)) throw Error("job.update: " + *why);
  Job& j = jobs_[s];
  if (u.urgency) j.urgency = static_cast<std::uint8_t>(std::clamp(*u.urgency, 0, 31));
  if (!u.bank && !u.queue) return;
  NamePool& names = catalog_.names();
  const std::uint32_t old_assoc = j.assoc;
  const NameId old_queue = j.queue;
  const std::uint32_t new_assoc = u.bank ? catalog_.find(j.userid, names.find(*u.bank)) : j.assoc;

  // Take the job out of every count and list, move it, put it back (§6.3 #13).
  if (j.bound()) {
    if (j.deps) unhold(s);
    charge(s, -1);
    --catalog_.assoc(j.assoc).active_jobs;
  } else {
    list_unlink<&Job::held>(jobs_, unbound_, s);
  }
  if (u.bank) j.bank = names.intern(*u.bank);
  if (u.queue) j.queue = names.intern(*u.queue);
  j.assoc = new_assoc;
  ++catalog_.assoc(new_assoc).active_jobs;
  charge(s, +1);
  if (j.deps) hold(s);
  // Bound here for the first time, past DEPEND: checked as a late binding,
  // unless it was released before a reload (its room was promised).
  if (old_assoc == kNoAssoc && j.promised) {
    j.promised = false;
    set_reserved(s, true);
  } else if (old_assoc == kNoAssoc && j.state == JobState::Priority) {
    hold_in_priority_if_over(s);
  }

  if (old_assoc != kNoAssoc && old_assoc != new_assoc) release_association(old_assoc, out);
  release_association(new_assoc, out);
  release_queue(old_queue, out);
  if (j.queue != old_queue) release_queue(j.queue, out);
  if (old_assoc != kNoAssoc && old_assoc != new_assoc) catalog_.drop_if_forgotten(old_assoc);
}

}  // namespace fluxacct::engine
