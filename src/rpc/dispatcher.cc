#include "rpc/dispatcher.hpp"

#include <cstdio>
#include <cstdlib>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include "access/gate.hpp"
#include "audit/access_log.hpp"
#include "messages/field_ranges.hpp"
#include "messages/json.hpp"
#include "messages/unknown_fields.hpp"
#include "messages/v1.hpp"
#include "rpc/masking.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {

using google::protobuf::Message;

namespace {

constexpr const char* kTypeUrlPrefix = "type.googleapis.com";

// Resolves kefu's message types for JSON printing (thread-safe: it only reads the generated pool).
google::protobuf::util::TypeResolver* GeneratedTypes() {
  static google::protobuf::util::TypeResolver* const resolver =
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          kTypeUrlPrefix, google::protobuf::DescriptorPool::generated_pool());
  return resolver;
}

// Prints a response as JSON from its wire form, so that fields a handler passed through as stored
// bytes (unknown fields, see followup/case_context.hpp) print like the others.
google::protobuf::util::Status PrintJson(const Message& message, std::string* json,
                                         const google::protobuf::util::JsonPrintOptions& options) {
  std::string binary;
  if (!message.SerializeToString(&binary)) {
    return google::protobuf::util::InternalError("the message could not be encoded");
  }
  return google::protobuf::util::BinaryToJsonString(
      GeneratedTypes(), std::string(kTypeUrlPrefix) + "/" + message.GetDescriptor()->full_name(),
      binary, json, options);
}

// A library does not write to its host's stderr. Protobuf logs an ERROR line when a request holds
// a string that is not UTF-8 — which kefu already reports as the call's status — so those lines
// about kefu's own (private) messages are dropped; every other line goes where it went before.
google::protobuf::LogHandler* host_log_handler = nullptr;

void FilterProtobufLog(google::protobuf::LogLevel level, const char* filename, int line,
                       const std::string& message) {
  if (message.find("kefu_internal.") != std::string::npos &&
      message.find("invalid UTF-8") != std::string::npos) {
    return;
  }
  if (host_log_handler != nullptr) host_log_handler(level, filename, line, message);
}

// Whether a method that requires `p` reads stored records, so that the patients it shows in full
// are logged (a write's answer echoes what its caller sent).
bool LogsFullReads(access::Permission p) {
  using access::Permission;
  return p == Permission::kPatientRead || p == Permission::kFollowUpRead ||
         p == Permission::kWorklistRead || p == Permission::kPatientExport;
}

// Records the patients a call showed in full. A read that cannot be logged is not given out.
Status LogFullReads(Session& session, std::string_view method,
                    const std::vector<std::int64_t>& shown) {
  if (shown.empty()) return Status::Ok();
  return session.Write([&](Txn& t) { return audit::AppendAccessLog(session, t, method, shown); });
}

}  // namespace

const Dispatcher& Dispatcher::Get() {
  static const Dispatcher* const dispatcher = [] {
    host_log_handler = google::protobuf::SetLogHandler(&FilterProtobufLog);
    auto* d = new Dispatcher();
    RegisterAll(*d);
    return d;
  }();
  return *dispatcher;
}

void Dispatcher::Register(std::string_view method, access::Permission permission,
                          const Message& request, const Message& response, Handler handler) {
  // "kefu.v1.CadenceService/Expand" is declared, in kefu's private copy of the schema, as
  // "kefu_internal.v1.CadenceService.Expand".
  constexpr std::string_view kPublic = "kefu.";
  std::string full(method);
  const auto slash = full.find('/');
  if (slash != std::string::npos) full[slash] = '.';
  if (full.rfind(kPublic, 0) == 0) full = "kefu_internal." + full.substr(kPublic.size());
  const auto* declared = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full);
  if (slash == std::string::npos || declared == nullptr ||
      declared->input_type() != request.GetDescriptor() ||
      declared->output_type() != response.GetDescriptor() || entries_.count(method) != 0) {
    std::fprintf(stderr, "kefu: internal error: method %.*s is not declared as registered\n",
                 static_cast<int>(method.size()), method.data());
    std::abort();
  }
  entries_.emplace(std::string(method),
                   Entry{std::string(method), permission, &request, &response, std::move(handler)});
}

std::vector<std::string> Dispatcher::Methods() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : entries_) names.push_back(name);
  return names;
}

bool Dispatcher::PermissionOf(std::string_view method, access::Permission* out) const {
  const auto it = entries_.find(method);
  if (it == entries_.end()) return false;
  *out = it->second.permission;
  return true;
}

Status Dispatcher::Find(Session& session, std::string_view method, const Entry** entry,
                        std::shared_ptr<const access::Grants>* grants) const {
  const auto it = entries_.find(method);
  if (it == entries_.end()) {
    return Status::Unimplemented("method is " + Quote(method) +
                                 ": this library serves no such method (expected "
                                 "\"kefu.v1.<Service>/<Method>\", see SystemService/GetVersion)");
  }
  *entry = &it->second;
  return access::Authorize(session, it->first, it->second.permission, grants);
}

Status Dispatcher::Run(const Entry& entry, Session& session, const access::Grants& grants,
                       const Message& request, google::protobuf::Arena* arena, Message** response) {
  KEFU_RETURN_IF_ERROR(messages::CheckFieldRanges(request));
  *response = entry.response_prototype->New(arena);
  KEFU_RETURN_IF_ERROR(entry.handler(session, request, *response));
  if (!grants.enforced) return Status::Ok();  // an archive that checks nothing masks nothing
  const bool export_call = entry.permission == access::Permission::kPatientExport;
  const Disclosure disclosure = export_call ? Disclosure::kFull : DisclosureFor(grants);
  std::vector<std::int64_t> shown;
  if (!MaskResponse(disclosure, session.actor(), *response, &shown)) {
    return Status(Code::kCorrupt,
                  "a stored record of the " + PublicName((*response)->GetDescriptor()) +
                      " does not decode: not sent (MaintenanceService/CheckIntegrity)");
  }
  if (!LogsFullReads(entry.permission)) return Status::Ok();
  return LogFullReads(session, entry.method, shown);
}

Status Dispatcher::CallBinary(Session& session, std::string_view method, const void* request,
                              std::size_t size, std::string* response) const {
  const Entry* entry = nullptr;
  std::shared_ptr<const access::Grants> grants;
  KEFU_RETURN_IF_ERROR(Find(session, method, &entry, &grants));
  if (size > kMaxRequestBytes) {
    return Status::InvalidArgument("request is " + std::to_string(size) +
                                   " bytes: at most 64 MiB per call (split bulk work)");
  }
  google::protobuf::Arena arena;
  Message* parsed = entry->request_prototype->New(&arena);
  if (!parsed->ParseFromArray(request, static_cast<int>(size))) {
    return Status::InvalidArgument("request (" + std::to_string(size) +
                                   " bytes) does not decode as a binary " +
                                   PublicName(entry->request_prototype->GetDescriptor()));
  }
  KEFU_RETURN_IF_ERROR(messages::RejectUnknownFields(*parsed));
  Message* result = nullptr;
  KEFU_RETURN_IF_ERROR(Run(*entry, session, *grants, *parsed, &arena, &result));
  if (!result->SerializeToString(response)) {
    return Status::Internal("the response " + PublicName(result->GetDescriptor()) +
                            " could not be encoded");
  }
  return Status::Ok();
}

Status Dispatcher::CallJson(Session& session, std::string_view method,
                            std::string_view request_json, std::string* response_json) const {
  const Entry* entry = nullptr;
  std::shared_ptr<const access::Grants> grants;
  KEFU_RETURN_IF_ERROR(Find(session, method, &entry, &grants));
  if (request_json.size() > kMaxRequestBytes) {
    return Status::InvalidArgument("request_json is " + std::to_string(request_json.size()) +
                                   " bytes: at most 64 MiB per call (split bulk work)");
  }
  google::protobuf::Arena arena;
  Message* parsed = entry->request_prototype->New(&arena);
  KEFU_RETURN_IF_ERROR(messages::ParseJson(request_json, "request_json", parsed));
  Message* result = nullptr;
  KEFU_RETURN_IF_ERROR(Run(*entry, session, *grants, *parsed, &arena, &result));
  google::protobuf::util::JsonPrintOptions print_options;
  print_options.always_print_primitive_fields = true;
  const auto printed = PrintJson(*result, response_json, print_options);
  if (!printed.ok()) {
    return Status::Internal("the response " + PublicName(result->GetDescriptor()) +
                            " could not be printed as JSON: " + std::string(printed.message()));
  }
  return Status::Ok();
}

}  // namespace kefu::rpc
