// Environment variables come in through this interface: secrets are read
// only at build time, and tests need no real environment.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace profilec {

class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> get(const std::string& name) const = 0;
};

class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(const std::string& name) const override;
};

class MapEnvironment final : public Environment {
 public:
  explicit MapEnvironment(std::map<std::string, std::string> vars = {}) : vars_(std::move(vars)) {}
  std::optional<std::string> get(const std::string& name) const override;

 private:
  std::map<std::string, std::string> vars_;
};

}  // namespace profilec
