#include "base/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>

// POSIX says a program declares it itself; glibc also does in <unistd.h>.
// NOLINTNEXTLINE(readability-redundant-declaration): macOS's headers do not
extern char** environ;

namespace profilec {
namespace {

// Both ends close on exec: the child sees only the ends dup2 gives it.
bool make_pipe(std::array<int, 2>& fds) {
  if (pipe(fds.data()) != 0) return false;
  for (const int fd : fds) fcntl(fd, F_SETFD, FD_CLOEXEC);
  return true;
}

void close_all(std::initializer_list<int> fds) {
  for (const int fd : fds) {
    if (fd >= 0) close(fd);
  }
}

class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &saved_);
  }
  ~IgnoreSigpipe() { sigaction(SIGPIPE, &saved_, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction saved_ = {};
};

}  // namespace

Expected<ProcessResult, IoError> PosixProcessRunner::run(const std::vector<std::string>& argv,
                                                         std::string_view input) const {
  const std::string program = argv.empty() ? std::string() : argv.front();
  if (argv.empty()) return Unexpected(IoError{program, "no program to run"});
  std::array<int, 2> in{-1, -1};
  std::array<int, 2> out{-1, -1};
  std::array<int, 2> err{-1, -1};
  if (!make_pipe(in) || !make_pipe(out) || !make_pipe(err)) {
    const int saved = errno;
    close_all({in[0], in[1], out[0], out[1], err[0], err[1]});
    return Unexpected(IoError{program, errno_message(saved)});
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  // The child starts with SIGPIPE at its default, whatever this process does.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program.c_str(), &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close_all({in[0], out[1], err[1]});
  if (spawned != 0) {
    close_all({in[1], out[0], err[0]});
    return Unexpected(IoError{program, errno_message(spawned)});
  }

  const IgnoreSigpipe ignore_sigpipe;
  ProcessResult result;
  int to_child = in[1];
  if (input.empty()) {
    close(to_child);
    to_child = -1;
  } else {
    fcntl(to_child, F_SETFL, fcntl(to_child, F_GETFL) | O_NONBLOCK);
  }
  std::array<int, 2> from_child{out[0], err[0]};
  std::array<std::string*, 2> into{&result.out, &result.err};
  std::array<char, 65536> buffer{};
  std::size_t written = 0;
  while (to_child >= 0 || from_child[0] >= 0 || from_child[1] >= 0) {
    std::array<pollfd, 3> polled{};
    nfds_t count = 0;
    if (to_child >= 0) polled[count++] = pollfd{to_child, POLLOUT, 0};
    for (const int fd : from_child) {
      if (fd >= 0) polled[count++] = pollfd{fd, POLLIN, 0};
    }
    if (poll(polled.data(), count, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (polled[i].revents == 0) continue;
      if (polled[i].fd == to_child) {
        const ssize_t n = write(to_child, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
          close(to_child);  // EPIPE: the program stopped reading
          to_child = -1;
        }
        continue;
      }
      const std::size_t which = polled[i].fd == from_child[0] ? 0 : 1;
      const ssize_t n = read(polled[i].fd, buffer.data(), buffer.size());
      if (n > 0) {
        into[which]->append(buffer.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(from_child[which]);
        from_child[which] = -1;
      }
    }
  }
  close_all({to_child, from_child[0], from_child[1]});
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Unexpected(IoError{program, errno_message(errno)});
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace profilec
