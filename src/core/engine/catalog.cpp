#include "core/engine/catalog.hpp"

#include <algorithm>

namespace fluxacct::engine {
namespace {

template <typename T>
T& grow(std::vector<T>& v, NameId id) {
  if (id >= v.size()) v.resize(id + 1);
  return v[id];
}

const QueueUsage kNoUsage{};
const QueueTotals kNoTotals{};

}  // namespace

bool Association::permits_queue(NameId q) const {
  return std::find(queues.begin(), queues.end(), q) != queues.end();
}

bool Association::permits_project(NameId p) const {
  return std::find(projects.begin(), projects.end(), p) != projects.end();
}

const QueueUsage& Association::usage(NameId q) const {
  for (const auto& [name, u] : queue_usage)
    if (name == q) return u;
  return kNoUsage;
}

QueueUsage& Association::usage_for_update(NameId q) {
  for (auto& [name, u] : queue_usage)
    if (name == q) return u;
  return queue_usage.emplace_back(q, QueueUsage{}).second;
}

void Catalog::apply(const DataUpdate& u) {
  if (u.associations) apply_associations(*u.associations, u.replace_associations);
  if (u.queues) {
    for (NameId q : queue_order_) queues_[q].reset();
    queue_order_.clear();
    for (const QueueRecord& r : *u.queues) {
      const NameId id = names_.intern(r.queue);
      auto& slot = grow(queues_, id);
      if (!slot) queue_order_.push_back(id);
      slot = Queue{id,
                   r.min_nodes_per_job,
                   r.max_nodes_per_job,
                   r.max_time_per_job,
                   r.priority,
                   r.max_running_jobs,
                   r.max_nodes_per_assoc,
                   r.max_sched_jobs,
                   r.max_sched_nodes_per_assoc,
                   r.max_sched_cores_per_assoc,
                   r.max_nodes,
                   r.max_cores};
    }
  }
  if (u.projects) {
    for (NameId p : project_order_) projects_[p] = 0;
    project_order_.clear();
    for (const std::string& p : *u.projects) {
      const NameId id = names_.intern(p);
      if (!grow(projects_, id)) project_order_.push_back(id);
      projects_[id] = 1;
    }
  }
  if (u.banks) {
    std::fill(bank_priority_.begin(), bank_priority_.end(), std::nullopt);
    for (const BankRecord& b : *u.banks) grow(bank_priority_, names_.intern(b.bank)) = b.priority;
  }
  if (u.factors) {
    for (const FactorRecord& f : *u.factors) {
      if (f.factor == "fairshare")
        weights_.fairshare = f.weight;
      else if (f.factor == "queue")
        weights_.queue = f.weight;
      else if (f.factor == "bank")
        weights_.bank = f.weight;
      else if (f.factor == "urgency")
        weights_.urgency = f.weight;
    }
  }
  if (u.deny_unknown_queues) deny_unknown_queues_ = *u.deny_unknown_queues;
  if (u.enforce_queue_job_limits) enforce_queue_job_limits_ = *u.enforce_queue_job_limits;
}

void Catalog::apply_associations(const std::vector<AssociationRecord>& records, bool replace) {
  const std::uint32_t gen = ++generation_;
  if (replace) default_bank_.clear();
  for (const AssociationRecord& r : records) {
    const NameId bank = names_.intern(r.bank);
    std::uint32_t i;
    if (auto it = assoc_index_.find(key(r.userid, bank)); it != assoc_index_.end()) {
      i = it->second;
    } else {
      if (!free_assocs_.empty()) {
        i = free_assocs_.back();
        free_assocs_.pop_back();
        assocs_[i] = Association{};
      } else {
        i = static_cast<std::uint32_t>(assocs_.size());
        assocs_.emplace_back();
      }
      assocs_[i].in_use = true;
      assocs_[i].present = false;
      assoc_index_.emplace(key(r.userid, bank), i);
    }
    Association& a = assocs_[i];
    if (!a.present) ++present_;
    a.present = true;
    a.stamp = gen;
    a.userid = r.userid;
    a.bank = bank;
    a.fairshare = r.fairshare;
    a.max_run_jobs = r.max_running_jobs;
    a.max_active_jobs = r.max_active_jobs;
    a.max_nodes = r.max_nodes;
    a.max_cores = r.max_cores;
    a.max_sched_jobs = r.max_sched_jobs;
    a.active = r.active;
    a.queues.clear();
    for (const auto& q : r.queues) a.queues.push_back(names_.intern(q));
    a.projects.clear();
    for (const auto& p : r.projects) a.projects.push_back(names_.intern(p));
    a.def_project = names_.intern(r.def_project);
    default_bank_[r.userid] = names_.intern(r.def_bank);
  }
  if (!replace) return;
  for (std::uint32_t i = 0; i < assocs_.size(); ++i) {
    Association& a = assocs_[i];
    if (!a.in_use || a.stamp == gen || !a.present) continue;
    a.present = false;
    --present_;
    drop_if_forgotten(i);
  }
}

void Catalog::drop_if_forgotten(std::uint32_t i) {
  Association& a = assocs_[i];
  if (!a.in_use || a.present || a.active_jobs != 0 || !a.held.empty()) return;
  assoc_index_.erase(key(a.userid, a.bank));
  a = Association{};
  free_assocs_.push_back(i);
}

std::uint32_t Catalog::find(std::uint32_t uid, NameId bank) const {
  auto it = assoc_index_.find(key(uid, bank));
  if (it == assoc_index_.end() || !assocs_[it->second].present) return kNoAssoc;
  return it->second;
}

NameId Catalog::default_bank(std::uint32_t uid) const {
  auto it = default_bank_.find(uid);
  return it == default_bank_.end() ? kUnknownName : it->second;
}

std::uint32_t Catalog::resolve(std::uint32_t uid, std::optional<std::string_view> bank) const {
  const NameId b = bank ? names_.find(*bank) : default_bank(uid);
  return b == kUnknownName ? kNoAssoc : find(uid, b);
}

const Queue* Catalog::queue(NameId q) const {
  if (q >= queues_.size() || !queues_[q]) return nullptr;
  return &*queues_[q];
}

QueueTotals& Catalog::totals(NameId q) { return grow(totals_, q); }

const QueueTotals& Catalog::totals(NameId q) const {
  return q < totals_.size() ? totals_[q] : kNoTotals;
}

bool Catalog::project_known(NameId p) const { return p < projects_.size() && projects_[p]; }

double Catalog::bank_priority(NameId bank) const {
  if (bank >= bank_priority_.size() || !bank_priority_[bank]) return 0.0;
  return *bank_priority_[bank];
}

std::vector<std::pair<NameId, double>> Catalog::bank_priorities() const {
  std::vector<std::pair<NameId, double>> out;
  for (NameId b = 0; b < bank_priority_.size(); ++b)
    if (bank_priority_[b]) out.emplace_back(b, *bank_priority_[b]);
  return out;
}

}  // namespace fluxacct::engine
