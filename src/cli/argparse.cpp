#include "cli/argparse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

std::string dest_from_flags(const std::vector<std::string>& flags) {
  std::string chosen = flags.front();
  for (const auto& f : flags)
    if (f.rfind("--", 0) == 0) {
      chosen = f;
      break;
    }
  std::string d = chosen.substr(chosen.find_first_not_of('-'));
  std::replace(d.begin(), d.end(), '-', '_');
  return d;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string python_repr(const std::string& s) { return "'" + s + "'"; }

// Word-wraps `text` to `width` columns, each line prefixed by `indent` spaces.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width) {
  std::string out, line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto next = text.find(' ', pos);
    if (next == std::string::npos) next = text.size();
    std::string word = text.substr(pos, next - pos);
    pos = next + 1;
    if (word.empty()) continue;
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += std::string(indent, ' ') + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += std::string(indent, ' ') + line + "\n";
  return out;
}

}  // namespace

bool parse_int(const std::string& s, long long& out) {
  // Python's int() accepts surrounding whitespace, a sign and underscores
  // between digits; we accept whitespace and a sign, which covers real use.
  std::size_t b = s.find_first_not_of(" \t\n");
  std::size_t e = s.find_last_not_of(" \t\n");
  if (b == std::string::npos) return false;
  std::string t = s.substr(b, e - b + 1);
  std::size_t i = (t[0] == '+' || t[0] == '-') ? 1 : 0;
  if (i == t.size()) return false;
  for (std::size_t j = i; j < t.size(); ++j)
    if (!std::isdigit(static_cast<unsigned char>(t[j]))) return false;
  errno = 0;
  out = std::strtoll(t.c_str(), nullptr, 10);
  return errno != ERANGE;
}

bool parse_float(const std::string& s, double& out) {
  std::size_t b = s.find_first_not_of(" \t\n");
  std::size_t e = s.find_last_not_of(" \t\n");
  if (b == std::string::npos) return false;
  std::string t = s.substr(b, e - b + 1);
  // strtod also takes hex floats, which Python's float() does not.
  if (t.find('x') != std::string::npos || t.find('X') != std::string::npos) return false;
  char* end = nullptr;
  out = std::strtod(t.c_str(), &end);
  return end && *end == '\0';
}

std::optional<std::string> Args::get(const std::string& dest) const {
  auto it = values_.find(dest);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::get_or(const std::string& dest, const std::string& fallback) const {
  auto v = get(dest);
  return v ? *v : fallback;
}

const std::vector<std::string>& Args::list(const std::string& dest) const {
  static const std::vector<std::string> empty;
  auto it = values_.find(dest);
  return it == values_.end() ? empty : it->second;
}

int Args::count(const std::string& dest) const {
  auto it = values_.find(dest);
  return it == values_.end() ? 0 : static_cast<int>(it->second.size());
}

Parser::Parser(std::string prog, std::string description)
    : prog_(std::move(prog)), description_(std::move(description)) {
  option(
      {.flags = {"-h", "--help"}, .kind = Kind::kFlag, .help = "show this help message and exit"});
}

Parser& Parser::option(Option opt) {
  if (opt.dest.empty()) opt.dest = dest_from_flags(opt.flags);
  if (opt.metavar.empty()) opt.metavar = upper(opt.dest);
  options_.push_back(std::move(opt));
  return *this;
}

Parser& Parser::positional(Positional pos) {
  positionals_.push_back(std::move(pos));
  return *this;
}

Parser& Parser::exclusive(std::vector<std::string> dests, bool required) {
  exclusive_.emplace_back(std::move(dests), required);
  return *this;
}

Parser& Parser::epilog(std::string text) {
  epilog_ = std::move(text);
  return *this;
}

std::string Parser::display(const Option& opt) const {
  std::string s;
  for (const auto& f : opt.flags) s += (s.empty() ? "" : "/") + f;
  return s;
}

const Option* Parser::match_long(const std::string& name) const {
  for (const auto& o : options_)
    for (const auto& f : o.flags)
      if (f == name) return &o;
  if (name.rfind("--", 0) != 0) return nullptr;
  const Option* found = nullptr;
  std::vector<std::string> candidates;
  for (const auto& o : options_) {
    if (o.hidden) continue;
    for (const auto& f : o.flags)
      if (f.rfind("--", 0) == 0 && f.rfind(name, 0) == 0) {
        if (found != &o) candidates.push_back(f);
        found = &o;
      }
  }
  if (candidates.size() > 1) {
    std::string list;
    for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
    throw UsageError(fmt::format("ambiguous option: {} could match {}", name, list));
  }
  return found;
}

const Option* Parser::match_short(char c) const {
  std::string flag = {'-', c};
  for (const auto& o : options_)
    for (const auto& f : o.flags)
      if (f == flag) return &o;
  return nullptr;
}

bool Parser::looks_like_negative_number(const std::string& s) const {
  // argparse's ^-\d+$|^-\d*\.\d+$, scanned by hand: std::regex recurses per
  // character and a long argument would overflow the stack.
  auto digits = [](std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
  };
  if (s.size() < 2 || s[0] != '-') return false;
  std::string_view rest(s);
  rest.remove_prefix(1);
  auto dot = rest.find('.');
  if (dot == std::string_view::npos) return digits(rest);
  auto before = rest.substr(0, dot);
  return (before.empty() || digits(before)) && digits(rest.substr(dot + 1));
}

bool Parser::looks_like_option(const std::string& s) const {
  return s.size() > 1 && s[0] == '-' && !looks_like_negative_number(s);
}

void Parser::store(Args& args, const Option& opt, const std::string& value) const {
  if (opt.type == Type::kInt) {
    long long v;
    if (!parse_int(value, v))
      throw UsageError(
          fmt::format("argument {}: invalid int value: {}", display(opt), python_repr(value)));
  } else if (opt.type == Type::kFloat) {
    double v;
    if (!parse_float(value, v))
      throw UsageError(
          fmt::format("argument {}: invalid float value: {}", display(opt), python_repr(value)));
  }
  if (!opt.choices.empty() &&
      std::find(opt.choices.begin(), opt.choices.end(), value) == opt.choices.end()) {
    std::string list;
    for (const auto& c : opt.choices) list += (list.empty() ? "" : ", ") + python_repr(c);
    throw UsageError(fmt::format("argument {}: invalid choice: {} (choose from {})", display(opt),
                                 python_repr(value), list));
  }
  if (opt.kind == Kind::kList)
    args.add(opt.dest, value);
  else
    args.set(opt.dest, value);
}

Args Parser::parse(const std::vector<std::string>& argv) const {
  Args args;
  std::vector<std::string> positional_tokens;
  std::vector<std::string> unrecognized;
  std::vector<const Option*> seen;

  auto note_seen = [&](const Option& opt) {
    for (const auto& [group, req] : exclusive_) {
      (void)req;
      if (std::find(group.begin(), group.end(), opt.dest) == group.end()) continue;
      for (const Option* prev : seen)
        if (prev != &opt && std::find(group.begin(), group.end(), prev->dest) != group.end())
          throw UsageError(fmt::format("argument {}: not allowed with argument {}", display(opt),
                                       display(*prev)));
    }
    seen.push_back(&opt);
  };

  std::size_t i = 0;
  auto take_values = [&](const Option& opt, std::optional<std::string> explicit_value) {
    note_seen(opt);
    if (opt.kind == Kind::kFlag || opt.kind == Kind::kCount) {
      if (explicit_value)
        throw UsageError(fmt::format("argument {}: ignored explicit argument {}", display(opt),
                                     python_repr(*explicit_value)));
      if (opt.kind == Kind::kFlag)
        args.set(opt.dest, "1");
      else
        args.add(opt.dest, "1");
      return;
    }
    if (explicit_value) {
      store(args, opt, *explicit_value);
      return;
    }
    if (opt.kind == Kind::kList) {
      std::size_t n = 0;
      while (i < argv.size() && !looks_like_option(argv[i]) && argv[i] != "--") {
        store(args, opt, argv[i++]);
        ++n;
      }
      if (n == 0)
        throw UsageError(fmt::format("argument {}: expected at least one argument", display(opt)));
      return;
    }
    if (i >= argv.size() || looks_like_option(argv[i]) || argv[i] == "--")
      throw UsageError(fmt::format("argument {}: expected one argument", display(opt)));
    store(args, opt, argv[i++]);
  };

  while (i < argv.size()) {
    const std::string tok = argv[i++];
    if (tok == "--") {
      while (i < argv.size()) positional_tokens.push_back(argv[i++]);
      break;
    }
    if (!looks_like_option(tok)) {
      positional_tokens.push_back(tok);
      continue;
    }
    auto eq = tok.find('=');
    std::string name = eq == std::string::npos ? tok : tok.substr(0, eq);
    std::optional<std::string> explicit_value;
    if (eq != std::string::npos) explicit_value = tok.substr(eq + 1);

    // Exact matches first (this covers multi-letter single-dash flags such
    // as -msn), then long-option prefixes, then -xVALUE and -abc.
    const Option* opt = nullptr;
    if (tok.rfind("--", 0) == 0 || eq != std::string::npos || tok.size() == 2) {
      opt = match_long(name);
    } else {
      for (const auto& o : options_)
        for (const auto& f : o.flags)
          if (f == tok) opt = &o;
    }
    if (opt) {
      if (opt->dest == "help") {
        args.set("help", "1");
        return args;
      }
      take_values(*opt, explicit_value);
      continue;
    }
    if (tok.rfind("--", 0) == 0) {
      unrecognized.push_back(tok);
      continue;
    }
    // Single dash: -xVALUE or a run of flags -vvf.
    std::size_t pos = 1;
    bool ok = true;
    while (pos < tok.size()) {
      const Option* s = match_short(tok[pos]);
      if (!s) {
        ok = false;
        break;
      }
      if (s->dest == "help") {
        args.set("help", "1");
        return args;
      }
      if (s->kind == Kind::kFlag || s->kind == Kind::kCount) {
        take_values(*s, std::nullopt);
        ++pos;
        continue;
      }
      std::string rest = tok.substr(pos + 1);
      if (!rest.empty() && rest[0] == '=') rest.erase(0, 1);
      take_values(*s, rest.empty() ? std::nullopt : std::optional<std::string>(rest));
      pos = tok.size();
    }
    if (!ok) unrecognized.push_back(tok);
  }

  // Distribute positional tokens over the declared positionals.
  auto min_of = [](char nargs) { return (nargs == '1' || nargs == '+') ? 1u : 0u; };
  std::size_t next = 0;
  std::vector<std::string> missing;
  for (std::size_t p = 0; p < positionals_.size(); ++p) {
    const auto& pos = positionals_[p];
    std::size_t need_later = 0;
    for (std::size_t q = p + 1; q < positionals_.size(); ++q)
      need_later += min_of(positionals_[q].nargs);
    std::size_t avail = positional_tokens.size() - next;
    std::size_t take = 0;
    switch (pos.nargs) {
      case '1':
        take = avail >= 1 ? 1 : 0;
        break;
      case '?':
        take = avail > need_later ? 1 : 0;
        break;
      default:
        take = avail > need_later ? avail - need_later : 0;
        break;
    }
    if (take < min_of(pos.nargs)) {
      missing.push_back(pos.name);
      continue;
    }
    for (std::size_t k = 0; k < take; ++k) {
      const std::string& v = positional_tokens[next++];
      long long iv;
      if (pos.type == Type::kInt && !parse_int(v, iv))
        throw UsageError(
            fmt::format("argument {}: invalid int value: {}", pos.name, python_repr(v)));
      args.add(pos.name, v);
    }
  }
  for (const auto& o : options_)
    if (o.required && !args.has(o.dest)) missing.push_back(display(o));
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw UsageError("the following arguments are required: " + list);
  }
  for (const auto& [group, req] : exclusive_) {
    if (!req) continue;
    bool any = std::any_of(group.begin(), group.end(), [&](auto& d) { return args.has(d); });
    if (!any) {
      std::string list;
      for (const auto& d : group)
        for (const auto& o : options_)
          if (o.dest == d) list += (list.empty() ? "" : " ") + display(o);
      throw UsageError("one of the arguments " + list + " is required");
    }
  }
  while (next < positional_tokens.size()) unrecognized.push_back(positional_tokens[next++]);
  if (!unrecognized.empty()) {
    std::string list;
    for (const auto& u : unrecognized) list += (list.empty() ? "" : " ") + u;
    throw UsageError("unrecognized arguments: " + list);
  }
  return args;
}

std::string Parser::usage() const {
  // Each option or positional is one unbreakable item; continuation lines
  // are indented under the first item, as argparse does.
  std::vector<std::string> items;
  for (const auto& o : options_) {
    if (o.hidden) continue;
    std::string f = o.flags.front();
    if (o.kind == Kind::kValue) f += " " + o.metavar;
    if (o.kind == Kind::kList) f += " " + o.metavar + " [" + o.metavar + " ...]";
    items.push_back(o.required ? f : "[" + f + "]");
  }
  for (const auto& p : positionals_) {
    switch (p.nargs) {
      case '?':
        items.push_back("[" + p.name + "]");
        break;
      case '+':
        items.push_back(p.name + " [" + p.name + " ...]");
        break;
      case '*':
        items.push_back("[" + p.name + " ...]");
        break;
      default:
        items.push_back(p.name);
    }
  }
  std::string head = "usage: " + prog_;
  std::string out = head, line = head;
  const std::size_t indent = head.size() + 1;
  for (const auto& item : items) {
    if (line.size() + 1 + item.size() > 100 && line.size() > indent) {
      out += "\n" + std::string(indent - 1, ' ');
      line = std::string(indent - 1, ' ');
    }
    out += " " + item;
    line += " " + item;
  }
  return out + "\n";
}

std::string Parser::help() const {
  std::string out = usage() + "\n";
  if (!description_.empty()) out += wrap(description_, 0, 80) + "\n";
  constexpr std::size_t kCol = 24;
  auto entry = [&](const std::string& left, const std::string& help) {
    std::string s = "  " + left;
    if (help.empty()) return s + "\n";
    if (s.size() + 2 <= kCol) {
      s += std::string(kCol - s.size(), ' ');
      std::string w = wrap(help, kCol, 80);
      return s + w.substr(kCol);
    }
    return s + "\n" + wrap(help, kCol, 80);
  };
  if (!positionals_.empty()) {
    out += "positional arguments:\n";
    for (const auto& p : positionals_) out += entry(p.name, p.help);
    out += "\n";
  }
  out += "options:\n";
  for (const auto& o : options_) {
    if (o.hidden) continue;
    std::string left;
    for (const auto& f : o.flags) {
      if (!left.empty()) left += ", ";
      left += f;
      if (o.kind == Kind::kValue) left += " " + o.metavar;
      if (o.kind == Kind::kList) left += " " + o.metavar + " [" + o.metavar + " ...]";
    }
    out += entry(left, o.help);
  }
  if (!epilog_.empty()) out += "\n" + wrap(epilog_, 0, 80);
  return out;
}

}  // namespace fluxacct::cli
