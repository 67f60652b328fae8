// A site as an administrator builds it — banks, associations with their
// limits, queues, projects, weights — producing the plugin-initialisation
// document `flux account export-json` writes (spec §1.5), so a scenario or a
// what-if study feeds the engine exactly what a real site would.
//
//   Site site;
//   site.bank("A").bank("B", 100.0);
//   site.user(1001, "A").max_running_jobs(2).queues("batch");
//   site.queue("batch").priority(100);
//   model.priority_update(site.document());
//
// Defaults are the database's (add-user, add-queue): max_running_jobs 5,
// max_active_jobs 7, fairshare 0.5, projects "*", queue max_nodes_per_job 1,
// max_time_per_job 60 minutes, max_running_jobs 100 per association.
#pragma once

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/records.hpp"

namespace fluxacct::sim {

// One association row (user in bank); every setter returns the builder.
class AssociationBuilder {
 public:
  explicit AssociationBuilder(engine::AssociationRecord r) : record_(std::move(r)) {}
  AssociationBuilder& fairshare(double v);
  AssociationBuilder& max_running_jobs(std::int64_t v);
  AssociationBuilder& max_active_jobs(std::int64_t v);
  AssociationBuilder& max_nodes(std::int64_t v);
  AssociationBuilder& max_cores(std::int64_t v);
  AssociationBuilder& max_sched_jobs(std::int64_t v);
  // Comma lists, as add-user's --queues and --projects take them.
  AssociationBuilder& queues(std::string_view csv);
  AssociationBuilder& projects(std::string_view csv);
  AssociationBuilder& default_project(std::string_view p);
  // This row's def_bank (the user's default bank as the plugin reads it).
  AssociationBuilder& default_bank(std::string_view b);
  AssociationBuilder& active(bool v);
  const engine::AssociationRecord& record() const { return record_; }

 private:
  engine::AssociationRecord record_;
};

// One queue row; every setter returns the builder.
class QueueBuilder {
 public:
  explicit QueueBuilder(engine::QueueRecord r) : record_(std::move(r)) {}
  QueueBuilder& priority(std::int64_t v);
  QueueBuilder& min_nodes_per_job(std::int64_t v);
  QueueBuilder& max_nodes_per_job(std::int64_t v);
  QueueBuilder& max_time_per_job(std::int64_t minutes);
  QueueBuilder& max_running_jobs(std::int64_t v);
  QueueBuilder& max_nodes_per_assoc(std::int64_t v);
  QueueBuilder& max_sched_jobs(std::int64_t v);
  QueueBuilder& max_sched_nodes_per_assoc(std::int64_t v);
  QueueBuilder& max_sched_cores_per_assoc(std::int64_t v);
  QueueBuilder& max_nodes(std::int64_t v);  // total across associations (§6.5)
  QueueBuilder& max_cores(std::int64_t v);
  const engine::QueueRecord& record() const { return record_; }

 private:
  engine::QueueRecord record_;
};

class Site {
 public:
  Site();

  // Adds a bank (or changes its priority).
  Site& bank(std::string_view name, double priority = 0.0);
  // The association of uid in bank, added on first use. A user's first bank
  // is their default bank, as add-user makes it.
  AssociationBuilder& user(std::uint32_t uid, std::string_view bank);
  // Forgets an association (delete-user --force).
  Site& remove_user(std::uint32_t uid, std::string_view bank);
  // The queue, added on first use with the database's defaults.
  QueueBuilder& queue(std::string_view name);
  Site& remove_queue(std::string_view name);
  Site& project(std::string_view name);
  // edit-factor --factor F --weight W.
  Site& weight(std::string_view factor, std::int64_t w);
  Site& deny_unknown_queues(bool v);
  // fluxacct's switch for the queue per-job limits (min/max nodes, max time
  // per job), written as "options" in the document; off by default.
  Site& enforce_queue_job_limits(bool v);

  // The export-json document: associations, queues, projects, banks,
  // config, priority_factors, options.
  nlohmann::json document() const;
  // {"data": […]} for the rec_update and rec_q_update RPCs.
  nlohmann::json rec_update() const;
  nlohmann::json rec_q_update() const;

 private:
  std::deque<AssociationBuilder> users_;
  std::deque<QueueBuilder> queues_;
  std::vector<std::string> projects_;
  std::vector<engine::BankRecord> banks_;
  std::vector<engine::FactorRecord> factors_;
  bool deny_unknown_queues_ = false;
  bool enforce_queue_job_limits_ = false;
};

// The JSON forms of single rows (the keys rec_update / rec_q_update read).
nlohmann::json association_json(const engine::AssociationRecord& a);
nlohmann::json queue_json(const engine::QueueRecord& q);

}  // namespace fluxacct::sim
