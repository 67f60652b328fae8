// Command-line parsing with Python argparse's rules, because upstream's
// users and scripts rely on them: long and short options, --opt=value and
// --opt value, -xVALUE, unambiguous long-option prefixes (--queue for
// --queues), negative numbers as values, mutually exclusive options, and
// argparse's error texts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fluxacct::cli {

enum class Kind {
  kValue,  // takes one value
  kFlag,   // store_true
  kCount,  // -v -v
  kList,   // nargs='+': one or more values
};

enum class Type { kString, kInt, kFloat };

struct Option {
  std::vector<std::string> flags{};  // e.g. {"-u", "--username"}
  std::string dest{};                // key in Args; derived from the long flag if empty
  Kind kind = Kind::kValue;
  Type type = Type::kString;
  bool required = false;
  std::string metavar{};  // defaults to DEST in upper case
  std::string help{};
  std::vector<std::string> choices{};
  bool hidden = false;  // not shown in help; matched only exactly (no prefix)
};

struct Positional {
  std::string name{};  // dest and metavar
  std::string help{};
  char nargs = '1';  // '1', '?', '+', '*'
  Type type = Type::kString;
};

// The parse result. Values are kept as the user typed them (after type
// checks), so commands can tell "not given" from "given as the default".
class Args {
 public:
  bool has(const std::string& dest) const { return values_.count(dest) > 0; }
  std::optional<std::string> get(const std::string& dest) const;
  std::string get_or(const std::string& dest, const std::string& fallback) const;
  const std::vector<std::string>& list(const std::string& dest) const;
  bool flag(const std::string& dest) const { return has(dest); }
  int count(const std::string& dest) const;

  void add(const std::string& dest, std::string value) {
    values_[dest].push_back(std::move(value));
  }
  void set(const std::string& dest, std::string value) { values_[dest] = {std::move(value)}; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

class Parser {
 public:
  Parser(std::string prog, std::string description);

  Parser& option(Option opt);
  Parser& positional(Positional pos);
  // At most one option of the group may be given.
  Parser& exclusive(std::vector<std::string> dests, bool required = false);
  Parser& epilog(std::string text);

  // Throws UsageError with argparse's message on bad input. Sets `help` in
  // the result when -h/--help was given (the caller prints help()).
  Args parse(const std::vector<std::string>& argv) const;

  std::string usage() const;
  std::string help() const;
  const std::string& prog() const { return prog_; }

 private:
  const Option* match_long(const std::string& name) const;
  const Option* match_short(char c) const;
  std::string display(const Option& opt) const;
  bool looks_like_negative_number(const std::string& s) const;
  bool looks_like_option(const std::string& s) const;
  void store(Args& args, const Option& opt, const std::string& value) const;

  std::string prog_;
  std::string description_;
  std::string epilog_;
  std::vector<Option> options_;
  std::vector<Positional> positionals_;
  std::vector<std::pair<std::vector<std::string>, bool>> exclusive_;
};

// Python's int() and float() acceptance, used for type checks.
bool parse_int(const std::string& s, long long& out);
bool parse_float(const std::string& s, double& out);

}  // namespace fluxacct::cli
