#include "cli/load_schemas.h"

#include <fmt/format.h>

namespace profilec::cli {

std::optional<schema::SchemaSet> load_schemas(const GlobalOptions& globals) {
  schema::SchemaSet schemas = schema::SchemaSet::embedded();
  DiskFileSystem files;
  for (const std::string& dir : globals.schema_dirs) {
    if (auto error = schemas.add_directory(files, dir)) {
      if (error->line != 0) {
        fmt::print(stderr, "{}:{}:{}: error: invalid schema: {}\n", error->path, error->line, error->column,
                   error->message);
      } else {
        fmt::print(stderr, "{}: error: invalid schema: {}\n", error->path, error->message);
      }
      return std::nullopt;
    }
  }
  return schemas;
}

}  // namespace profilec::cli
