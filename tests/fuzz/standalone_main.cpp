// A small stand-in for libFuzzer, so every build can run the fuzz targets:
//
//   fuzz_<target>_smoke CORPUS [N [SEED]]
//
// runs the target on each file of CORPUS (a directory or one file), then on
// N inputs made by mutating those files with a fixed-seed generator (same N
// and SEED, same inputs). A crash or abort leaves the input that caused it
// in ./crash-standalone and prints it escaped on stderr; an exception other
// than fluxacct::Error reaching here is reported the same way.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

constexpr size_t kMaxInput = 4096;
constexpr const char* kCrashFile = "crash-standalone";

// The input being run, for the crash handler (which may only use
// async-signal-safe calls, hence the fixed buffer).
char g_current[kMaxInput];
size_t g_current_size = 0;

void write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void dump_current(const char* why) {
  write_all(2, why, __builtin_strlen(why));
  static const char kHex[] = "0123456789abcdef";
  const char* head = "\ninput (C-escaped): \"";
  write_all(2, head, __builtin_strlen(head));
  for (size_t i = 0; i < g_current_size; ++i) {
    auto c = static_cast<unsigned char>(g_current[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      write_all(2, reinterpret_cast<const char*>(&c), 1);
    } else {
      char esc[4] = {'\\', 'x', kHex[c >> 4], kHex[c & 0xF]};
      write_all(2, esc, 4);
    }
  }
  const char* tail = "\"\nsaved in ./crash-standalone\n";
  write_all(2, tail, __builtin_strlen(tail));
  int fd = ::open(kCrashFile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    write_all(fd, g_current, g_current_size);
    ::close(fd);
  }
}

void on_signal(int sig) {
  dump_current(sig == SIGABRT ? "fuzz target aborted" : "fuzz target crashed");
  std::raise(sig);  // SA_RESETHAND restored the default action
}

void run(const std::string& input) {
  g_current_size = std::min(input.size(), kMaxInput);
  std::copy_n(input.data(), g_current_size, g_current);
  try {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  } catch (const std::exception& e) {
    dump_current((std::string("uncaught exception: ") + e.what()).c_str());
    std::_Exit(1);
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Tokens that matter to the parsers under test: JSON structure, idset and
// job ID punctuation, limits, multi-byte prefixes.
const std::vector<std::string> kTokens = {"{",
                                          "}",
                                          "[",
                                          "]",
                                          "\"",
                                          ",",
                                          ":",
                                          "-",
                                          ".",
                                          "0",
                                          "1",
                                          "null",
                                          "true",
                                          "false",
                                          "1.5",
                                          "-1",
                                          "1e308",
                                          "4294967294",
                                          "4294967295",
                                          "9223372036854775807",
                                          "18446744073709551615",
                                          "18446744073709551616",
                                          "\"version\": 1",
                                          "\"R_lite\"",
                                          "\"rank\"",
                                          "\"children\"",
                                          "\"core\"",
                                          "\"gpu\"",
                                          "\"with\"",
                                          "\"count\"",
                                          "\"type\"",
                                          "\"slot\"",
                                          "\"node\"",
                                          "\"duration\"",
                                          "\"bank\"",
                                          "\xC6\x92",
                                          "\xF0\x9F",
                                          "\xF0\x9F\x98\x83",
                                          "0x",
                                          "job.",
                                          "--",
                                          "academy",
                                          "verbal",
                                          "amen",
                                          "ms",
                                          "s",
                                          "m",
                                          "h",
                                          "d",
                                          "inf",
                                          "e",
                                          " ",
                                          "\\u0000"};

class Mutator {
 public:
  Mutator(std::vector<std::string> seeds, uint64_t seed) : seeds_(std::move(seeds)), rng_(seed) {
    if (seeds_.empty()) seeds_.push_back("");
  }

  std::string next() {
    std::string s = seeds_[pick(seeds_.size())];
    size_t rounds = 1 + pick(8);
    for (size_t i = 0; i < rounds; ++i) mutate(s);
    if (s.size() > kMaxInput) s.resize(kMaxInput);
    return s;
  }

 private:
  size_t pick(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }

  void mutate(std::string& s) {
    size_t pos = pick(s.size() + 1);
    switch (pick(8)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pos % s.size()] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:  // set a random byte
        if (!s.empty()) s[pos % s.size()] = static_cast<char>(pick(256));
        break;
      case 2:  // insert a random byte
        s.insert(pos, 1, static_cast<char>(pick(256)));
        break;
      case 3:  // erase a range
        if (!s.empty()) s.erase(pos % s.size(), 1 + pick(std::min<size_t>(s.size(), 16)));
        break;
      case 4:  // insert a token
        s.insert(pos, kTokens[pick(kTokens.size())]);
        break;
      case 5:  // duplicate a chunk
        if (!s.empty()) {
          size_t from = pick(s.size());
          s.insert(pos, s.substr(from, 1 + pick(64)));
        }
        break;
      case 6: {  // splice in part of another seed
        const std::string& other = seeds_[pick(seeds_.size())];
        size_t from = pick(other.size() + 1);
        s.insert(pos, other.substr(from, pick(other.size() - from + 1)));
        break;
      }
      default:  // change a digit run into another number
        if (!s.empty()) {
          size_t i = pos % s.size();
          if (s[i] >= '0' && s[i] <= '9')
            s[i] = static_cast<char>('0' + pick(10));
          else
            s.insert(i, std::to_string(rng_() >> pick(64)));
        }
        break;
    }
  }

  std::vector<std::string> seeds_;
  std::mt19937_64 rng_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS [N [SEED]]\n", argv[0]);
    return 2;
  }
  // The handler runs on its own stack, so a stack overflow is reported too.
  static std::vector<char> alt_stack(1 << 16);
  stack_t ss{};
  ss.ss_sp = alt_stack.data();
  ss.ss_size = alt_stack.size();
  sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) sigaction(sig, &sa, nullptr);

  std::filesystem::path corpus = argv[1];
  long n = argc > 2 ? std::atol(argv[2]) : 20000;
  uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;

  std::vector<std::string> seeds;
  if (std::filesystem::is_directory(corpus)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(corpus))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // same order, same inputs
    for (const auto& f : files) seeds.push_back(read_file(f));
  } else if (std::filesystem::is_regular_file(corpus)) {
    seeds.push_back(read_file(corpus));
  } else {
    std::fprintf(stderr, "%s: no such corpus: %s\n", argv[0], argv[1]);
    return 2;
  }

  for (const auto& s : seeds) run(s);
  Mutator mutator(seeds, seed);
  for (long i = 0; i < n; ++i) run(mutator.next());
  std::printf("%zu seeds, %ld mutated inputs: no failures\n", seeds.size(), n);
  return 0;
}
