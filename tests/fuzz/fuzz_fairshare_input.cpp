// Fuzz target: the fair-share emulator's JSON input and the walk over the
// tree it builds, in both tie orders. FairshareInputError is the only
// acceptable refusal; any depth must work (both are iterative), and every
// user must come out of each walk exactly once with a value in (0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/fairshare_input.hpp"
#include "core/fairshare_walk.hpp"

namespace {

void check_walk(const fluxacct::FairshareInput& in, fluxacct::TieOrder order) {
  const auto ranked = fluxacct::walk_fairshare(in.tree, order);
  if (ranked.size() != in.users.size()) std::abort();
  std::vector<bool> seen(in.tree.size(), false);
  for (const auto& u : ranked) {
    if (u.user >= in.tree.size() || !in.tree.is_user(u.user) || seen[u.user]) std::abort();
    seen[u.user] = true;
    if (!(u.fairshare > 0 && u.fairshare <= 1)) std::abort();
  }
  // Walk order is highest fair-share first.
  for (std::size_t i = 1; i < ranked.size(); ++i)
    if (ranked[i].fairshare > ranked[i - 1].fairshare) std::abort();
  if (fluxacct::sibling_weights(in.tree, order).size() != in.tree.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const fluxacct::FairshareInput in = fluxacct::parse_fairshare_input(text);
    for (std::size_t i = 0; i < in.users.size(); ++i)
      if (in.user_at[in.users[i].node] != i) std::abort();
    check_walk(in, fluxacct::TieOrder::kByName);
    check_walk(in, fluxacct::TieOrder::kInputOrder);
  } catch (const fluxacct::FairshareInputError&) {
  }
  return 0;
}
