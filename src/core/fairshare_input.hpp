// The input of `flux account-fairshare-emulate`: a bank hierarchy as JSON,
//
//   {"root": {"bank": "root", "shares": 1000, "usage": 133, "children": [
//      {"bank": "account1", "shares": 1000, "usage": 121, "children": [
//         {"username": "leaf.1.1", "shares": 10000, "usage": 100}, ...]}, ...]}}
//
// (the form `export-db -F` writes). A node with "username" is a user of the
// bank above it, any other node a bank; shares default to 1 and usage to
// 0.0, and a bank's usage is taken as given (upstream's emulator does not
// recompute it). The tree keeps the children in input order, for the walk's
// TieOrder::kInputOrder.
//
// Stricter than upstream, where its Python would fail with a traceback or
// print nonsense: the root must be a bank; every node an object; names
// non-empty strings; shares and usage finite non-negative numbers (not
// booleans); "children" a list, and only on banks. Any depth is fine:
// nlohmann's parser and this builder keep their own stacks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/fairshare_tree.hpp"
#include "core/value.hpp"

namespace fluxacct {

// A bad input, with the Python exception class upstream reports it under
// ("JSONDecodeError" or "ValueError").
class FairshareInputError : public Error {
 public:
  FairshareInputError(std::string python_class, const std::string& message)
      : Error(message), python_class_(std::move(python_class)) {}
  const std::string& python_class() const { return python_class_; }

 private:
  std::string python_class_;
};

struct EmulatedUser {
  FairshareTree::Index node;
  std::string username;
  std::string bank;
  Value shares;  // as written in the input (an integer stays an integer)
  Value usage;
};

struct FairshareInput {
  FairshareTree tree;
  std::vector<EmulatedUser> users;   // in input order; find by node with user_of()
  std::vector<std::size_t> user_at;  // node index -> index into users

  const EmulatedUser& user_of(FairshareTree::Index node) const { return users[user_at[node]]; }
};

// Parses the JSON text and builds the tree. Throws FairshareInputError.
FairshareInput parse_fairshare_input(std::string_view json_text);

}  // namespace fluxacct
