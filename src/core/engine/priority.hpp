// The multi-factor priority (spec §4.6):
//   P = round(W_fs·fairshare + W_queue·queue_priority + W_bank·bank_priority
//             + W_urgency·(urgency − 16))
// clamped to 0 … 4294967295; urgency 0 (hold) is 0 and 31 (expedite) is
// 4294967295 whatever the factors.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/engine/catalog.hpp"

namespace fluxacct::engine {

inline constexpr std::uint32_t kPriorityMin = 0;
inline constexpr std::uint32_t kPriorityMax = 4294967295u;

// The inputs of one job's priority.
struct PriorityInputs {
  double fairshare = 0;
  double queue_priority = 0;  // the job's own queue (not its association's, §6.3 #1)
  double bank_priority = 0;
  int urgency = 16;
};

// One factor of the sum, as `flux account jobs -v` and sprio show it.
struct PriorityTerm {
  std::string_view factor;  // "fairshare", "queue", "bank", "urgency"
  double value = 0;         // the factor (urgency: urgency − 16)
  std::int64_t weight = 0;
  double contribution = 0;  // value × weight
};

struct PriorityBreakdown {
  std::array<PriorityTerm, 4> terms;
  double sum = 0;              // before rounding and clamping
  std::uint32_t priority = 0;  // what the job gets
  std::string_view special;    // "hold", "expedite", or "" when the sum decides
};

PriorityBreakdown priority_breakdown(const PriorityInputs& in, const Weights& w);

// The same value without the breakdown (the hot path).
std::uint32_t compute_priority(const PriorityInputs& in, const Weights& w);

}  // namespace fluxacct::engine
