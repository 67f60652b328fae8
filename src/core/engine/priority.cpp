#include "core/engine/priority.hpp"

#include <cmath>

namespace fluxacct::engine {
namespace {

double weighted_sum(const PriorityInputs& in, const Weights& w) {
  return static_cast<double>(w.fairshare) * in.fairshare +
         static_cast<double>(w.queue) * in.queue_priority +
         static_cast<double>(w.bank) * in.bank_priority +
         static_cast<double>(w.urgency) * static_cast<double>(in.urgency - kUrgencyDefault);
}

// Upstream rounds half away from zero, floors at 0 and (unlike upstream,
// §6.3 #10) also caps at the largest priority instead of overflowing.
std::uint32_t clamp(double sum) {
  const double r = std::round(sum);
  if (!(r > 0)) return kPriorityMin;  // also NaN
  if (r >= static_cast<double>(kPriorityMax)) return kPriorityMax;
  return static_cast<std::uint32_t>(r);
}

}  // namespace

std::uint32_t compute_priority(const PriorityInputs& in, const Weights& w) {
  if (in.urgency == kUrgencyHold) return kPriorityMin;
  if (in.urgency == kUrgencyExpedite) return kPriorityMax;
  return clamp(weighted_sum(in, w));
}

PriorityBreakdown priority_breakdown(const PriorityInputs& in, const Weights& w) {
  PriorityBreakdown b;
  const double urgency = static_cast<double>(in.urgency - kUrgencyDefault);
  b.terms = {{{"fairshare", in.fairshare, w.fairshare, in.fairshare * w.fairshare},
              {"queue", in.queue_priority, w.queue, in.queue_priority * w.queue},
              {"bank", in.bank_priority, w.bank, in.bank_priority * w.bank},
              {"urgency", urgency, w.urgency, urgency * w.urgency}}};
  b.sum = weighted_sum(in, w);
  b.priority = compute_priority(in, w);
  if (in.urgency == kUrgencyHold) b.special = "hold";
  if (in.urgency == kUrgencyExpedite) b.special = "expedite";
  return b;
}

}  // namespace fluxacct::engine
