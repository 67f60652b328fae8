// proc_bench: times a whole command as a user would run it.
//
//   proc_bench [-n RUNS] [-w WARMUP] [--setup CMD] [--stdout FILE] -- COMMAND ARGS...
//
// Runs COMMAND RUNS times (after WARMUP untimed runs), each time first
// running the optional shell SETUP command untimed, and prints one line:
//   median_ms=… min_ms=… max_ms=… max_rss_kb=… runs=…
// max_rss_kb is the largest peak resident set of any timed run (wait4).
// A run that exits non-zero stops the benchmark with its status.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct RunResult {
  double ms;
  long rss_kb;
  int status;
};

RunResult run_once(const std::vector<char*>& argv, const char* out_path) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      close(fd);
    }
    execvp(argv[0], argv.data());
    std::perror(argv[0]);
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  auto end = std::chrono::steady_clock::now();
  return {std::chrono::duration<double, std::milli>(end - start).count(), ru.ru_maxrss,
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20, warmup = 2;
  std::string setup;
  const char* out_path = "/dev/null";
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-n" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (a == "-w" && i + 1 < argc) {
      warmup = std::atoi(argv[++i]);
    } else if (a == "--setup" && i + 1 < argc) {
      setup = argv[++i];
    } else if (a == "--stdout" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (a == "--") {
      ++i;
      break;
    } else {
      std::fprintf(stderr, "usage: proc_bench [-n RUNS] [-w WARMUP] [--setup CMD] -- COMMAND...\n");
      return 2;
    }
  }
  if (i >= argc || runs < 1) {
    std::fprintf(stderr, "proc_bench: no command\n");
    return 2;
  }
  std::vector<char*> cmd(argv + i, argv + argc);
  cmd.push_back(nullptr);

  std::vector<double> times;
  long max_rss = 0;
  for (int r = 0; r < warmup + runs; ++r) {
    if (!setup.empty() && std::system(setup.c_str()) != 0) {
      std::fprintf(stderr, "proc_bench: setup failed: %s\n", setup.c_str());
      return 1;
    }
    RunResult res = run_once(cmd, out_path);
    if (res.status != 0) {
      std::fprintf(stderr, "proc_bench: %s exited with %d\n", cmd[0], res.status);
      return res.status;
    }
    if (r < warmup) continue;
    times.push_back(res.ms);
    max_rss = std::max(max_rss, res.rss_kb);
  }
  std::sort(times.begin(), times.end());
  double median = times.size() % 2 ? times[times.size() / 2]
                                   : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
  std::printf("median_ms=%.2f min_ms=%.2f max_ms=%.2f max_rss_kb=%ld runs=%d\n", median,
              times.front(), times.back(), max_rss, runs);
  return 0;
}
