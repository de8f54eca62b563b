// Build-time tool: rewrites the table of docs/rules/README.md from the
// registry (compiler/diag/codes.def), keeping the prose around it.
//
//   rules-index docs/rules/README.md
//
// `ninja -C build update-rules-index` runs it; tests/diag/rules_index_test.cc
// fails when the committed file is not what it writes.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "diag/rules_index.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: rules-index README.md\n";
    return 2;
  }
  const std::string path = argv[1];
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    std::cerr << "rules-index: cannot read " << path << "\n";
    return 1;
  }
  const auto fresh = profilec::with_fresh_rules_index(text.str());
  if (!fresh) {
    std::cerr << "rules-index: " << path << " has no table headed '| code | name | default | summary |'\n";
    return 1;
  }
  if (*fresh == text.str()) return 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << *fresh;
  if (!out.flush()) {
    std::cerr << "rules-index: cannot write " << path << "\n";
    return 1;
  }
  std::cout << "rules-index: rewrote " << path << "\n";
  return 0;
}
