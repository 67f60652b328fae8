// Looking users up in the password database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fluxacct::cli {

// The user's id, as upstream's add-user finds it when no userid is given;
// nullopt when the name is unknown.
std::optional<std::int64_t> passwd_uid(const std::string& name);

// The user name of `uid`, as upstream shows job owners; nullopt when the
// password database has no such uid.
std::optional<std::string> passwd_username(std::int64_t uid);

}  // namespace fluxacct::cli
