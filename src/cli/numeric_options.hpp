// Checking the numeric options of add-user, edit-user, edit-all-users and
// list-users. Upstream stores whatever text it is given (a limit of "abc"
// becomes TEXT in an integer column, and the plugin then misreads it); we
// refuse anything that is not a number of the right kind, naming the option
// and the value.
#pragma once

#include <cstdint>
#include <string>

namespace fluxacct::cli {

// Whether the value the user typed means "reset to the default" in the edit
// commands: the integer -1 (written any way Python's int() reads it).
bool is_minus_one(const std::string& text);

// Whether `text` is the word "unlimited" in any case.
bool is_unlimited_word(const std::string& text);

// A share count: an integer from 0 to 2147483647. `reset_hint` adds
// "(or -1 to reset it)" to the error, for the edit commands.
std::int64_t parse_shares(const std::string& option, const std::string& text,
                          bool reset_hint = false);

// A job or resource limit: an integer from 0 to 2147483647, or the word
// "unlimited" (any case), which is 2147483647.
std::int64_t parse_limit(const std::string& option, const std::string& text,
                         bool reset_hint = false);

// A fair-share value: a finite number from 0 to 1.
double parse_fairshare(const std::string& option, const std::string& text, bool reset_hint = false);

// A user id: an integer from 0 to 4294967295 (4294967295 is Flux's
// "unknown user").
std::int64_t parse_userid(const std::string& option, const std::string& text);

// 'text' quoted the way Python's repr() quotes a string, for messages.
std::string quoted(const std::string& text);

}  // namespace fluxacct::cli
