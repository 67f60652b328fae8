// Adding and multiplying resource counts read from job documents (R,
// jobspec), which may hold any number: a result past int64 is refused, not
// wrapped.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace fluxacct {

// a × b; on overflow throws Error("<document> resource count is too large").
inline std::int64_t checked_count_mul(std::int64_t a, std::int64_t b, const char* document) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r))
    throw Error(std::string(document) + " resource count is too large");
  return r;
}

// a + b; on overflow throws Error("<document> resource count is too large").
inline std::int64_t checked_count_add(std::int64_t a, std::int64_t b, const char* document) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r))
    throw Error(std::string(document) + " resource count is too large");
  return r;
}

}  // namespace fluxacct
