#include "cli/simulate_site.hpp"

#include <cstdio>
#include <cstdlib>

#include "cli/output.hpp"
#include "cli/simulate_accounting.hpp"
#include "cli/transfer_json.hpp"
#include "core/error.hpp"
#include "store/transfer.hpp"

namespace fluxacct::cli {
namespace {

// export-json's text, captured in memory: write_plugin_config() streams to
// an Output, and an open_memstream FILE is one, so the document is built
// by the same code (and the same SQL) as the command's.
std::string plugin_config_text(sql::Connection& db) {
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* f = ::open_memstream(&data, &size);
  if (!f) throw Error("cannot allocate memory for the site document");
  Output out(f);
  try {
    write_plugin_config(db, out);
  } catch (...) {
    std::fclose(f);
    std::free(data);
    throw;
  }
  std::fclose(f);  // sets data and size
  std::string text(data ? data : "", size);
  std::free(data);
  return text;
}

}  // namespace

std::optional<std::uint32_t> SimulateSite::lookup(const std::string& user) const {
  const auto it = uid_of.find(user);
  if (it == uid_of.end()) return std::nullopt;
  return it->second;
}

std::string SimulateSite::display(std::uint32_t uid) const {
  const auto it = name_of.find(uid);
  return it == name_of.end() ? std::to_string(uid) : it->second;
}

SimulateSite load_simulate_site(sql::Connection& db, double now) {
  // Two reads (write_plugin_config takes its own snapshot); a user added in
  // between is only a name the document does not know, which the engine
  // then rejects as it would a real job.
  SimulateSite site;
  site.document = nlohmann::json::parse(plugin_config_text(db));
  const auto& associations = site.document.at("associations");
  if (associations.empty())
    throw Error("the database has no associations to simulate; add users with add-user first");
  // username, userid, … in rowid order (the 0.18.1 users file's columns).
  auto st = store::select_legacy_users(db);
  while (st.step()) {
    if (st.is_null(0) || st.is_null(1)) continue;
    const std::int64_t uid = st.get_int(1);
    if (uid < 0 || uid > 4294967295) continue;
    const std::string name = st.get_text(0);
    site.uid_of.emplace(name, static_cast<std::uint32_t>(uid));
    site.name_of.emplace(static_cast<std::uint32_t>(uid), name);
  }
  site.accounting = load_accounting_setup(db, now);
  return site;
}

}  // namespace fluxacct::cli
