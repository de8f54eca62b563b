#include "lower/lower_declarations.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/file_system.h"
#include "base/spelling.h"
#include "lower/lower_value.h"
#include "lower/payload_references.h"
#include "lower/profile_links.h"

namespace profilec {

DeclarationNames::DeclarationNames(const std::vector<lang::PayloadDecl>& declarations, std::string_view output_name) {
  names_.reserve(declarations.size());
  for (const lang::PayloadDecl& decl : declarations)
    names_.emplace_back(decl.name, ir::derived_declaration_identifier(output_name, decl.name));
}

const std::string* DeclarationNames::identifier(std::string_view name) const {
  auto it = std::find_if(names_.begin(), names_.end(), [&](const auto& entry) { return entry.first == name; });
  return it == names_.end() ? nullptr : &it->second;
}

std::optional<ir::Value> DeclarationNames::resolve(const lang::Value& reference, std::string_view from_declaration,
                                                   std::vector<ir::DeclarationReference>* found,
                                                   Diagnostics& diagnostics) const {
  const std::string& name = reference.text;
  const std::string* target = name == from_declaration ? nullptr : identifier(name);
  if (!target) {
    std::vector<std::string> others;
    for (const auto& entry : names_) {
      if (entry.first != from_declaration) others.push_back(entry.first);
    }
    std::string help = "a { declaration = \"NAME\" } value names another [declaration.NAME] table of the same policy";
    if (auto suggestion = closest_spelling(name, others)) help = fmt::format("did you mean '{}'?", *suggestion);
    diagnostics.report(DiagnosticCode::PC6007, reference.span,
                       name == from_declaration && !from_declaration.empty()
                           ? fmt::format("declaration '{}' references itself", name)
                           : fmt::format("no declaration '{}' in this policy", name),
                       std::move(help));
    return std::nullopt;
  }
  if (found) found->push_back(ir::DeclarationReference{{}, name, reference.span});
  return ir::make_string(*target, reference.span);
}

namespace {

ir::Value placeholder(const lang::Value& source) {
  if (source.kind == lang::Value::Kind::kArray) return ir::make_array({}, source.span);
  if (source.kind == lang::Value::Kind::kTable) return ir::make_dict({}, source.span);
  return ir::make_string({}, source.span);
}

}  // namespace

std::vector<ir::Declaration> lower_declarations(const lang::PolicyFile& policy, std::string_view output_name,
                                                const LowerInputs& inputs, Diagnostics& diagnostics) {
  std::vector<ir::Declaration> out;
  if (policy.declarations.empty()) return out;
  const std::string base_dir = parent_path(policy.path);
  const DeclarationNames names(policy.declarations, output_name);
  // A { payload = } value inside a declaration names no payload: declarations
  // stand apart from the profile.
  const PayloadReferences no_payloads({}, {});
  const ProfileLinks profiles(inputs.files, policy.path, std::string(output_name), inputs.profile_url);
  for (const lang::PayloadDecl& decl : policy.declarations) {
    if (!decl.type) continue;
    ir::Declaration declaration;
    declaration.name = decl.name;
    declaration.type = decl.type->value;
    declaration.span = decl.span;
    declaration.type_span = decl.type->span;
    declaration.identifier = *names.identifier(decl.name);
    const ReferenceScope scope{no_payloads, {}, &names, decl.name, &declaration.references, &profiles};
    ir::Dict payload;
    for (const lang::Entry& entry : decl.keys) {
      const std::size_t before = declaration.references.size();
      auto value = lower_value(entry.value, base_dir, inputs, scope, diagnostics);
      for (std::size_t i = before; i < declaration.references.size(); ++i) declaration.references[i].key = entry.key;
      // A value that could not be lowered (reported) keeps its key, as an
      // empty value of its shape, so the checks do not also call it missing;
      // the policy is not built.
      if (!value) value = placeholder(entry.value);
      payload.push_back(ir::DictEntry{entry.key, entry.key_span, std::move(*value)});
    }
    declaration.payload = ir::make_dict(std::move(payload), decl.span);
    out.push_back(std::move(declaration));
  }
  return out;
}

}  // namespace profilec
