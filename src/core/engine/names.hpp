// Interned names: banks, queues and projects are held by the engine as small
// integers, so jobs and associations stay compact and compare cheaply.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fluxacct::engine {

using NameId = std::uint32_t;

// The empty name "" is always id 0 (a job without a queue, a bank not given).
inline constexpr NameId kEmptyName = 0;
// What find() returns for a name never interned.
inline constexpr NameId kUnknownName = UINT32_MAX;

class NamePool {
 public:
  NamePool();
  NamePool(const NamePool&) = delete;
  NamePool& operator=(const NamePool&) = delete;

  // The id of `name`, adding it when new. Ids are dense: 0, 1, 2, …
  NameId intern(std::string_view name);
  // The id of `name`, or kUnknownName; never adds.
  NameId find(std::string_view name) const;
  // The name of an id from this pool; the view stays valid for the pool's life.
  std::string_view name(NameId id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;  // a deque: views into it never move
  std::unordered_map<std::string_view, NameId> ids_;
};

}  // namespace fluxacct::engine
