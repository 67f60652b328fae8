// explain(): a job's priority breakdown and what holds it.
#include <fmt/format.h>

#include "core/engine/engine.hpp"

namespace fluxacct::engine {

Explanation Engine::explain(JobId id) const {
  const Job& j = jobs_[slot_of(id, "explain")];
  const NamePool& names = catalog_.names();
  Explanation e;
  e.id = j.id;
  e.state = j.state;
  e.userid = j.userid;
  if (j.queue != kEmptyName) e.queue = names.name(j.queue);
  if (!j.bound()) {
    e.summary = catalog_.has_data()
                    ? fmt::format("no flux-accounting association for uid {} yet", j.userid)
                    : "waiting for flux-accounting data (priority unavailable)";
    return e;
  }
  const Association& a = catalog_.assoc(j.assoc);
  e.bound = true;
  e.bank = names.name(a.bank);
  e.priority = priority_breakdown(inputs(j), catalog_.weights());
  const LimitView v = view(j);
  const auto& soft = limits_.soft();
  for (std::size_t i = 0; i < soft.size(); ++i) {
    if (!(j.deps & (1u << i))) continue;
    WaitReason w;
    w.dependency = soft[i]->dependency();
    w.quantities = soft[i]->status(v);
    std::string detail;
    for (const LimitStatus& q : w.quantities) {
      if (!detail.empty()) detail += "; ";
      detail += fmt::format("{} {} of {}", q.what, q.current, q.limit);
      if (q.reserved > 0) detail += fmt::format(" (+{} promised to released jobs)", q.reserved);
      detail += fmt::format(", this job adds {}", q.request);
      if (q.room_needed() > 0) detail += fmt::format(" ({} must be freed)", q.room_needed());
    }
    w.text = fmt::format("{}: {}", w.dependency, detail);
    e.waiting.push_back(std::move(w));
  }
  if (!e.waiting.empty() && j.held_in_priority())
    e.summary = "held in PRIORITY (priority unavailable): " + e.waiting.front().text;
  else if (!e.waiting.empty())
    e.summary = "held: " + e.waiting.front().text;
  else if (j.urgency == kUrgencyHold)
    e.summary = "held by its urgency (0)";
  else
    e.summary = fmt::format("priority {}", e.priority->priority);
  return e;
}

}  // namespace fluxacct::engine
