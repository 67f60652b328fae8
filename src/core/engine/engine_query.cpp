// query(): the plugin's state as `flux jobtap query mf_priority.so` prints
// it (spec §1.6). Upstream's keys keep upstream's names and shapes, so its
// tests' jq paths (.mf_priority_map[0].banks[0].cur_active_jobs,
// .queues.pdebug.priority, .projects[0]) read the same; what fluxacct adds
// lives under keys named "fluxacct".
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/engine/engine.hpp"

namespace fluxacct::engine {
namespace {

using nlohmann::json;

json names_of(const NamePool& names, const std::vector<NameId>& ids) {
  json out = json::array();
  for (NameId id : ids) out.push_back(std::string(names.name(id)));
  return out;
}

json reservation_json(const Reservation& r) {
  return {{"to_sched_jobs", r.to_sched_jobs},   {"to_sched_nodes", r.to_sched_nodes},
          {"to_sched_cores", r.to_sched_cores}, {"to_run_jobs", r.to_run_jobs},
          {"to_run_nodes", r.to_run_nodes},     {"to_run_cores", r.to_run_cores}};
}

json queue_json(const NamePool& names, const Queue& q) {
  return {{"name", std::string(names.name(q.name))},
          {"min_nodes_per_job", q.min_nodes_per_job},
          {"max_nodes_per_job", q.max_nodes_per_job},
          {"max_time_per_job", q.max_time_per_job},
          {"priority", q.priority},
          {"max_running_jobs", q.max_running_jobs},
          {"max_nodes_per_assoc", q.max_nodes_per_assoc},
          {"max_sched_jobs", q.max_sched_jobs},
          {"max_sched_nodes_per_assoc", q.max_sched_nodes_per_assoc},
          {"max_sched_cores_per_assoc", q.max_sched_cores_per_assoc},
          // fluxacct: the totals across associations (§6.5), not sent upstream.
          {"fluxacct", {{"max_nodes", q.max_nodes}, {"max_cores", q.max_cores}}}};
}

}  // namespace

json Engine::query() const {
  const NamePool& names = catalog_.names();
  const auto& soft = limits_.soft();

  // Upstream's std::map order: users by uid, banks by name.
  std::map<std::uint32_t, std::map<std::string_view, std::uint32_t>> users;
  for (std::uint32_t ai = 0; ai < catalog_.assoc_slots(); ++ai) {
    const Association& a = catalog_.assoc(ai);
    if (a.in_use) users[a.userid][names.name(a.bank)] = ai;
  }
  json map = json::array();
  for (const auto& [uid, banks] : users) {
    json list = json::array();
    for (const auto& [bank, ai] : banks) {
      const Association& a = catalog_.assoc(ai);
      json usage = json::object();
      json usage_reserved = json::object();
      for (const auto& [q, u] : a.queue_usage) {
        const std::string qname(names.name(q));
        usage[qname] = {{"cur_run_jobs", u.run_jobs},
                        {"cur_nodes", u.run_nodes},
                        {"cur_sched_jobs", u.sched_jobs},
                        {"cur_sched_nodes", u.sched_nodes},
                        {"cur_sched_cores", u.sched_cores}};
        if (!u.reserved.zero()) usage_reserved[qname] = reservation_json(u.reserved);
      }
      json held = json::object();
      json held_in_priority = json::array();
      for (Slot s = a.held.head; s != kNoSlot; s = jobs_[s].held.next) {
        const Job& j = jobs_[s];
        json deps = json::array();
        for (std::size_t i = 0; i < soft.size(); ++i)
          if (j.deps & (1u << i)) deps.push_back(std::string(soft[i]->dependency()));
        held[std::to_string(j.id)] = {{"nnodes", j.nnodes},
                                      {"ncores", j.ncores},
                                      {"queue", std::string(names.name(j.queue))},
                                      {"deps", deps}};
        if (j.held_in_priority()) held_in_priority.push_back(j.id);
      }
      list.push_back({
          {"bank_name", std::string(bank)},
          {"fairshare", a.fairshare},
          {"max_run_jobs", a.max_run_jobs},
          {"cur_run_jobs", a.run_jobs},
          {"max_active_jobs", a.max_active_jobs},
          {"cur_active_jobs", a.active_jobs},
          {"queues", names_of(names, a.queues)},
          // Upstream keeps the factor of the association's latest job's
          // queue; fluxacct scores each job with its own queue (§6.3 #1).
          {"queue_factor", 0},
          {"projects", names_of(names, a.projects)},
          {"def_project", std::string(names.name(a.def_project))},
          {"max_nodes", a.max_nodes},
          {"max_cores", a.max_cores},
          {"cur_nodes", a.run_nodes},
          {"cur_cores", a.run_cores},
          {"active", a.active ? 1 : 0},
          {"cur_sched_jobs", a.sched_jobs},
          {"max_sched_jobs", a.max_sched_jobs},
          {"queue_usage", usage},
          {"held_jobs", held},
          {"fluxacct",
           {{"present", a.present},
            {"reserved", reservation_json(a.reserved)},
            {"queue_usage_reserved", usage_reserved},
            {"held_in_priority", held_in_priority}}},
      });
    }
    map.push_back({{"userid", uid}, {"banks", list}});
  }

  json queues = json::object();
  for (NameId q : catalog_.queue_order())
    queues[std::string(names.name(q))] = queue_json(names, *catalog_.queue(q));

  json projects = json::array();
  for (NameId p : catalog_.project_order()) projects.push_back(std::string(names.name(p)));

  json totals = json::object();
  for (NameId q = 0; q < catalog_.totals_size(); ++q) {
    const QueueTotals& t = catalog_.totals(q);
    if (t.jobs == 0 && t.reserved.zero() && t.waiting.empty()) continue;
    json waiting = json::array();
    for (Slot s = t.waiting.head; s != kNoSlot; s = jobs_[s].waiting.next)
      waiting.push_back(jobs_[s].id);
    totals[std::string(names.name(q))] = {{"cur_jobs", t.jobs},
                                          {"cur_nodes", t.nodes},
                                          {"cur_cores", t.cores},
                                          {"reserved", reservation_json(t.reserved)},
                                          {"waiting_jobs", waiting}};
  }
  json banks = json::object();
  for (const auto& [b, p] : catalog_.bank_priorities()) banks[std::string(names.name(b))] = p;
  const Weights& w = catalog_.weights();
  json unbound = json::array();
  for (Slot s = unbound_.head; s != kNoSlot; s = jobs_[s].held.next) unbound.push_back(jobs_[s].id);

  return {{"mf_priority_map", map},
          {"queues", queues},
          {"projects", projects},
          {"fluxacct",
           {{"bank_priorities", banks},
            {"priority_factors",
             {{"fairshare", w.fairshare},
              {"queue", w.queue},
              {"bank", w.bank},
              {"urgency", w.urgency}}},
            {"config",
             {{"deny_unknown_queues", catalog_.deny_unknown_queues()},
              {"enforce_queue_job_limits", catalog_.enforce_queue_job_limits()}}},
            {"queue_totals", totals},
            {"jobs_waiting_for_data", unbound},
            {"active_jobs", index_.size()}}}};
}

}  // namespace fluxacct::engine
