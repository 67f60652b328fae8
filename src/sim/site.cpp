#include "sim/site.hpp"

#include <algorithm>

namespace fluxacct::sim {
namespace {

std::vector<std::string> split_csv(std::string_view csv) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= csv.size()) {
    std::size_t comma = csv.find(',', start);
    if (comma == std::string_view::npos) comma = csv.size();
    if (comma > start) out.emplace_back(csv.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string join_csv(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

}  // namespace

AssociationBuilder& AssociationBuilder::fairshare(double v) {
  record_.fairshare = v;
  return *this;
}
AssociationBuilder& AssociationBuilder::max_running_jobs(std::int64_t v) {
  record_.max_running_jobs = v;
  return *this;
}
AssociationBuilder& AssociationBuilder::max_active_jobs(std::int64_t v) {
  record_.max_active_jobs = v;
  return *this;
}
AssociationBuilder& AssociationBuilder::max_nodes(std::int64_t v) {
  record_.max_nodes = v;
  return *this;
}
AssociationBuilder& AssociationBuilder::max_cores(std::int64_t v) {
  record_.max_cores = v;
  return *this;
}
AssociationBuilder& AssociationBuilder::max_sched_jobs(std::int64_t v) {
  record_.max_sched_jobs = v;
  return *this;
}
AssociationBuilder& AssociationBuilder::queues(std::string_view csv) {
  record_.queues = split_csv(csv);
  return *this;
}
AssociationBuilder& AssociationBuilder::projects(std::string_view csv) {
  record_.projects = split_csv(csv);
  return *this;
}
AssociationBuilder& AssociationBuilder::default_project(std::string_view p) {
  record_.def_project = std::string(p);
  return *this;
}
AssociationBuilder& AssociationBuilder::default_bank(std::string_view b) {
  record_.def_bank = std::string(b);
  return *this;
}
AssociationBuilder& AssociationBuilder::active(bool v) {
  record_.active = v;
  return *this;
}

QueueBuilder& QueueBuilder::priority(std::int64_t v) {
  record_.priority = v;
  return *this;
}
QueueBuilder& QueueBuilder::min_nodes_per_job(std::int64_t v) {
  record_.min_nodes_per_job = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_nodes_per_job(std::int64_t v) {
  record_.max_nodes_per_job = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_time_per_job(std::int64_t minutes) {
  record_.max_time_per_job = minutes;
  return *this;
}
QueueBuilder& QueueBuilder::max_running_jobs(std::int64_t v) {
  record_.max_running_jobs = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_nodes_per_assoc(std::int64_t v) {
  record_.max_nodes_per_assoc = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_sched_jobs(std::int64_t v) {
  record_.max_sched_jobs = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_sched_nodes_per_assoc(std::int64_t v) {
  record_.max_sched_nodes_per_assoc = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_sched_cores_per_assoc(std::int64_t v) {
  record_.max_sched_cores_per_assoc = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_nodes(std::int64_t v) {
  record_.max_nodes = v;
  return *this;
}
QueueBuilder& QueueBuilder::max_cores(std::int64_t v) {
  record_.max_cores = v;
  return *this;
}

Site::Site()
    : projects_{"*"},
      factors_{{"fairshare", 100000}, {"queue", 10000}, {"bank", 0}, {"urgency", 1000}} {}

Site& Site::bank(std::string_view name, double priority) {
  for (auto& b : banks_)
    if (b.bank == name) {
      b.priority = priority;
      return *this;
    }
  banks_.push_back({std::string(name), priority});
  return *this;
}

AssociationBuilder& Site::user(std::uint32_t uid, std::string_view bank) {
  std::string def_bank(bank);
  for (auto& u : users_) {
    if (u.record().userid != uid) continue;
    if (u.record().bank == bank) return u;
    def_bank = u.record().def_bank;  // a user's first bank stays the default
  }
  engine::AssociationRecord r;
  r.userid = uid;
  r.bank = std::string(bank);
  r.def_bank = def_bank;
  r.projects = {"*"};
  return users_.emplace_back(std::move(r));
}

Site& Site::remove_user(std::uint32_t uid, std::string_view bank) {
  std::erase_if(users_, [&](const AssociationBuilder& u) {
    return u.record().userid == uid && u.record().bank == bank;
  });
  return *this;
}

QueueBuilder& Site::queue(std::string_view name) {
  for (auto& q : queues_)
    if (q.record().queue == name) return q;
  engine::QueueRecord r;
  r.queue = std::string(name);
  return queues_.emplace_back(std::move(r));
}

Site& Site::remove_queue(std::string_view name) {
  std::erase_if(queues_, [&](const QueueBuilder& q) { return q.record().queue == name; });
  return *this;
}

Site& Site::project(std::string_view name) {
  if (std::find(projects_.begin(), projects_.end(), name) == projects_.end())
    projects_.emplace_back(name);
  return *this;
}

Site& Site::weight(std::string_view factor, std::int64_t w) {
  for (auto& f : factors_)
    if (f.factor == factor) {
      f.weight = w;
      return *this;
    }
  factors_.push_back({std::string(factor), w});
  return *this;
}

Site& Site::deny_unknown_queues(bool v) {
  deny_unknown_queues_ = v;
  return *this;
}

Site& Site::enforce_queue_job_limits(bool v) {
  enforce_queue_job_limits_ = v;
  return *this;
}

nlohmann::json association_json(const engine::AssociationRecord& a) {
  return {{"userid", a.userid},
          {"bank", a.bank},
          {"def_bank", a.def_bank},
          {"fairshare", a.fairshare},
          {"max_running_jobs", a.max_running_jobs},
          {"max_active_jobs", a.max_active_jobs},
          {"queues", join_csv(a.queues)},
          {"active", a.active ? 1 : 0},
          {"projects", join_csv(a.projects)},
          {"def_project", a.def_project},
          {"max_nodes", a.max_nodes},
          {"max_cores", a.max_cores},
          {"max_sched_jobs", a.max_sched_jobs}};
}

nlohmann::json queue_json(const engine::QueueRecord& q) {
  return {{"queue", q.queue},
          {"min_nodes_per_job", q.min_nodes_per_job},
          {"max_nodes_per_job", q.max_nodes_per_job},
          {"max_time_per_job", q.max_time_per_job},
          {"priority", q.priority},
          {"max_running_jobs", q.max_running_jobs},
          {"max_nodes_per_assoc", q.max_nodes_per_assoc},
          {"max_sched_jobs", q.max_sched_jobs},
          {"max_sched_nodes_per_assoc", q.max_sched_nodes_per_assoc},
          {"max_sched_cores_per_assoc", q.max_sched_cores_per_assoc},
          {"max_nodes", q.max_nodes},
          {"max_cores", q.max_cores}};
}

nlohmann::json Site::rec_update() const {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& u : users_) data.push_back(association_json(u.record()));
  return {{"data", data}};
}

nlohmann::json Site::rec_q_update() const {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& q : queues_) data.push_back(queue_json(q.record()));
  return {{"data", data}};
}

nlohmann::json Site::document() const {
  nlohmann::json projects = nlohmann::json::array();
  for (const auto& p : projects_) projects.push_back({{"project", p}});
  nlohmann::json banks = nlohmann::json::array();
  for (const auto& b : banks_) banks.push_back({{"bank", b.bank}, {"priority", b.priority}});
  nlohmann::json factors = nlohmann::json::array();
  for (const auto& f : factors_) factors.push_back({{"factor", f.factor}, {"weight", f.weight}});
  return {{"associations", rec_update()["data"]},
          {"queues", rec_q_update()["data"]},
          {"projects", projects},
          {"banks", banks},
          {"config", {{"deny_unknown_queues", deny_unknown_queues_}}},
          {"priority_factors", factors},
          {"options", {{"enforce_queue_job_limits", enforce_queue_job_limits_}}}};
}

}  // namespace fluxacct::sim
