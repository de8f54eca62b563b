#include "review/git_revision.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

namespace profilec::review {
namespace {

// The first line git wrote to standard error, without "fatal: ".
std::string first_line(const std::string& text) {
  std::string_view line(text);
  line = line.substr(0, line.find('\n'));
  if (line.substr(0, 7) == "fatal: ") line.remove_prefix(7);
  return std::string(line);
}

Expected<ProcessResult, RevisionError> git(const ProcessRunner& processes, std::vector<std::string> args,
                                           std::string_view input = {}) {
  args.insert(args.begin(), "git");
  auto result = processes.run(args, input);
  if (!result) {
    return Unexpected(RevisionError{
        fmt::format("cannot run git: {} (diff reads revisions through git)", result.error().message)});
  }
  return std::move(*result);
}

struct TreeEntry {
  std::string object;
  std::string path;
};

}  // namespace

Expected<RevisionFiles, RevisionError> read_git_revision(const ProcessRunner& processes, const std::string& revision,
                                                         const std::string& root, MemoryFileSystem& into) {
  auto top = git(processes, {"rev-parse", "--show-toplevel"});
  if (!top) return Unexpected(top.error());
  if (top->exit_code != 0) {
    return Unexpected(RevisionError{
        fmt::format("{}: to diff a revision, run profilec inside its repository", first_line(top->err))});
  }
  // A revision that starts with '-' would be an option to git.
  if (revision.empty() || revision.front() == '-') {
    return Unexpected(RevisionError{fmt::format("unknown revision '{}'", revision)});
  }
  auto commit = git(processes, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
  if (!commit) return Unexpected(commit.error());
  if (commit->exit_code != 0 || commit->out.empty()) {
    return Unexpected(RevisionError{
        fmt::format("unknown revision '{}': neither a folder nor a commit of the repository at {}", revision,
                    first_line(top->out))});
  }
  RevisionFiles read;
  read.commit = first_line(commit->out);

  auto tree = git(processes, {"ls-tree", "-r", "-z", "--full-tree", read.commit});
  if (!tree) return Unexpected(tree.error());
  if (tree->exit_code != 0) {
    return Unexpected(RevisionError{fmt::format("git ls-tree {}: {}", revision, first_line(tree->err))});
  }
  // "<mode> SP <type> SP <object> TAB <path> NUL", paths as they are (-z).
  std::vector<TreeEntry> blobs;
  std::string batch;
  std::string_view rest(tree->out);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\0');
    const std::string_view entry = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t tab = entry.find('\t');
    const std::size_t space = entry.find(' ');
    if (tab == std::string_view::npos || space == std::string_view::npos) continue;
    const std::string_view mode = entry.substr(0, space);
    if (mode != "100644" && mode != "100755") {
      ++read.skipped;  // 120000 a symbolic link, 160000 a submodule
      continue;
    }
    const std::string_view header = entry.substr(0, tab);
    const std::string_view object = header.substr(header.rfind(' ') + 1);
    blobs.push_back(TreeEntry{std::string(object), std::string(entry.substr(tab + 1))});
    batch.append(object);
    batch += '\n';
  }
  if (blobs.empty()) return read;

  auto contents = git(processes, {"cat-file", "--batch"}, batch);
  if (!contents) return Unexpected(contents.error());
  if (contents->exit_code != 0) {
    return Unexpected(RevisionError{fmt::format("git cat-file {}: {}", revision, first_line(contents->err))});
  }
  // Per object: "<object> blob <size> LF <contents> LF", in input order.
  std::string_view out(contents->out);
  for (const TreeEntry& blob : blobs) {
    const std::size_t newline = out.find('\n');
    const std::string_view header = out.substr(0, newline);
    const std::size_t last_space = header.rfind(' ');
    if (newline == std::string_view::npos || last_space == std::string_view::npos ||
        header.substr(0, blob.object.size()) != blob.object) {
      return Unexpected(RevisionError{fmt::format("git cat-file {}: unexpected output for '{}'", revision, blob.path)});
    }
    std::size_t size = 0;
    for (const char c : header.substr(last_space + 1)) {
      if (c < '0' || c > '9') return Unexpected(RevisionError{fmt::format("git cat-file {}: bad size", revision)});
      size = size * 10 + static_cast<std::size_t>(c - '0');
    }
    out.remove_prefix(newline + 1);
    if (out.size() < size + 1) {
      return Unexpected(RevisionError{fmt::format("git cat-file {}: output ends inside '{}'", revision, blob.path)});
    }
    into.add_file(join_path(root, blob.path), std::string(out.substr(0, size)));
    out.remove_prefix(size + 1);
    ++read.files;
  }
  return read;
}

}  // namespace profilec::review
