// Looking users up in the password database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fluxacct::cli {

// The user's id, as upstream's add-user finds it when no userid is given;
// nullopt when the name is unknown.
std::optional<std::int64_t> passwd_uid(const std::string& name);

}  // namespace fluxacct::cli
