#include "core/engine/names.hpp"

namespace fluxacct::engine {

NamePool::NamePool() { intern(""); }

NameId NamePool::intern(std::string_view name) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<NameId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

NameId NamePool::find(std::string_view name) const {
  auto it = ids_.find(name);
  return it == ids_.end() ? kUnknownName : it->second;
}

}  // namespace fluxacct::engine
