#include "sim/explain_text.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/jobid.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::sim {
namespace {

std::string f58(JobId id) { return format_jobid(id, JobIdForm::F58); }

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string who(const SimJob& j, const engine::Explanation* e) {
  std::string bank = e && e->bound ? e->bank : j.spec.bank.value_or("");
  std::string out = fmt::format("job {} (uid {}", f58(j.id), j.spec.userid);
  if (!bank.empty()) out += ", bank " + bank;
  if (j.spec.queue) out += ", queue " + *j.spec.queue;
  return out + ")";
}

}  // namespace

PriorityRow priority_row(const engine::Explanation& e, std::string jobid, std::string user) {
  PriorityRow r;
  r.jobid = std::move(jobid);
  r.user = std::move(user);
  r.bank = e.bank;
  r.queue = e.queue;
  if (!e.priority) return r;
  const auto& t = e.priority->terms;
  r.fairshare = t[0].value;
  r.fairshare_weight = t[0].weight;
  r.queue_priority = static_cast<std::int64_t>(std::llround(t[1].value));
  r.queue_weight = t[1].weight;
  r.bank_priority = t[2].value;
  r.bank_weight = t[2].weight;
  r.urgency = static_cast<int>(std::lround(t[3].value)) + 16;
  r.urgency_weight = t[3].weight;
  r.priority = e.priority->priority;
  return r;
}

std::string jobs_table_header() {
  return fmt::format("{:<15}{:<9}{:<8}{:<10}{:<10}{:<8}{:<7}{:<7}{:<10}{:<10}{:<8}{:<8}{:<8}",
                     "JOBID", "USER", "BANK", "BANKPRIO", "BANKFACT", "QUEUE", "QPRIO", "QFACT",
                     "FAIRSHARE", "FSFACTOR", "URGENCY", "URGFACT", "PRIORITY");
}

std::string jobs_table_line(const PriorityRow& r) {
  return fmt::format("{:<15}{:<9}{:<8}{:<10}{:<10}{:<8}{:<7}{:<7}{:<10}{:<10}{:<8}{:<8}{:<8}",
                     r.jobid, r.user, r.bank, py::float_repr(r.bank_priority), r.bank_weight,
                     r.queue, r.queue_priority, r.queue_weight, py::float_repr(r.fairshare),
                     r.fairshare_weight, r.urgency, r.urgency_weight, r.priority);
}

std::vector<std::string> priority_formula(const PriorityRow& r) {
  return {
      r.jobid,
      "= (FAIRSHARE * FAIRSHARE_WEIGHT) + (QUEUE_PRIORITY * QUEUE_WEIGHT) + (BANK_PRIORITY * "
      "BANK_WEIGHT) + (URGENCY_WEIGHT * (URGENCY - 16))",
      fmt::format("= ({} * {}) + ({} * {}) + ({} * {}) + ({} * ({} - 16))",
                  py::float_repr(r.fairshare), r.fairshare_weight, r.queue_priority, r.queue_weight,
                  py::float_repr(r.bank_priority), r.bank_weight, r.urgency_weight, r.urgency),
      // Python: float × int is a float, int × int an int.
      fmt::format("= {} + {} + {} + {}",
                  py::float_repr(r.fairshare * static_cast<double>(r.fairshare_weight)),
                  r.queue_priority * r.queue_weight,
                  py::float_repr(r.bank_priority * static_cast<double>(r.bank_weight)),
                  r.urgency_weight * (r.urgency - 16)),
      fmt::format("= {}", r.priority),
  };
}

std::vector<std::string> why_waiting(const JobManager& model, JobId id) {
  const SimJob& j = model.job(id);
  std::vector<std::string> out;
  if (j.state == State::Inactive) {
    std::string how = j.cancelled   ? "was cancelled"
                      : j.exception ? "ended by an exception: " + *j.exception
                                    : "finished";
    out.push_back(fmt::format("{} is inactive: it {}", who(j, nullptr), how));
    return out;
  }
  const engine::Explanation e = model.engine().explain(id);
  const std::string name = who(j, &e);
  // A job bound late that would exceed a limit is held in PRIORITY, as a
  // job in DEPEND is held by dependencies.
  const bool held = j.state == State::Depend || (j.state == State::Priority && !e.waiting.empty());
  switch (held ? State::Depend : j.state) {
    case State::Depend: {
      out.push_back(fmt::format("{} is held in {} by {}", name, state_name(j.state),
                                plural(e.waiting.size(), "limit")));
      for (const engine::WaitReason& w : e.waiting) {
        std::string line = "  " + w.dependency + ":";
        bool first = true;
        for (const engine::LimitStatus& q : w.quantities) {
          line += fmt::format("{} {}: {} of {}", first ? "" : ";", q.what, q.current, q.limit);
          if (q.reserved > 0) line += fmt::format(" (+{} promised to released jobs)", q.reserved);
          line += fmt::format(", this job needs {}", q.request);
          if (q.room_needed() > 0) line += fmt::format(" ({} must be freed)", q.room_needed());
          first = false;
        }
        out.push_back(std::move(line));
      }
      break;
    }
    case State::Priority:
      out.push_back(fmt::format("{} waits in PRIORITY: {}", name, e.summary));
      break;
    case State::Sched: {
      const std::uint32_t p = j.priority.value_or(0);
      if (p == 0) {
        // Urgency 0 is the user's hold; otherwise the factors summed to 0
        // or less (a negative queue priority), which holds the job as well.
        if (j.spec.urgency == engine::kUrgencyHold)
          out.push_back(fmt::format(
              "{} is held in SCHED: urgency 0 gives priority 0, which the scheduler never starts",
              name));
        else
          out.push_back(fmt::format(
              "{} is held in SCHED: its factors sum to priority 0, which the scheduler never "
              "starts",
              name));
        break;
      }
      const auto pos = model.queue_position(id);
      const auto& shape = model.cluster().shape();
      out.push_back(fmt::format("{} is in SCHED with priority {}: waiting for resources", name, p));
      out.push_back(fmt::format(
          "  it needs {} node(s) and {} core(s); {} of {} node(s) idle, {} core(s) free",
          j.spec.nnodes, j.spec.ncores, model.cluster().idle_nodes(), shape.nodes,
          model.cluster().free_cores_total()));
      if (pos)
        out.push_back(*pos == 0 ? "  it is next to start"
                                : fmt::format("  {} ahead of it", plural(*pos, "job")));
      break;
    }
    case State::Run:
      out.push_back(fmt::format("{} is running since t={}", name, j.t_run.value_or(0)));
      break;
    default:
      out.push_back(fmt::format("{} is in {}", name, state_name(j.state)));
      break;
  }
  return out;
}

}  // namespace fluxacct::sim
