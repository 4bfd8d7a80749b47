// The dispatcher behind kefu_call and kefu_call_json: a table from "kefu.v1.<Service>/<Method>"
// to a typed handler and the permission it requires. It checks that the session's actor holds
// that permission (access/gate.hpp: the one check, before anything of the request is read),
// decodes the request (binary protobuf or protobuf's JSON mapping), refuses unknown fields, runs
// the handler, masks the personal data the actor may not see (rpc/masking.hpp), records the
// patients it showed in full in the access log, and encodes the response. Built once; then
// read-only and shared by all threads.
#ifndef KEFU_SRC_RPC_DISPATCHER_HPP
#define KEFU_SRC_RPC_DISPATCHER_HPP

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

namespace kefu::access {
struct Grants;
}

#include "access/permissions.hpp"
#include "session/session.hpp"
#include "kefu/status.hpp"

namespace kefu::rpc {

inline constexpr std::size_t kMaxRequestBytes = std::size_t{64} << 20;  // 64 MiB

class Dispatcher {
 public:
  // The dispatcher with every kefu.v1 service registered.
  static const Dispatcher& Get();

  Status CallBinary(Session& session, std::string_view method, const void* request,
                    std::size_t size, std::string* response) const;
  Status CallJson(Session& session, std::string_view method, std::string_view request_json,
                  std::string* response_json) const;

  // Every method served, sorted.
  std::vector<std::string> Methods() const;
  // The permission `method` requires; false for a method not served.
  bool PermissionOf(std::string_view method, access::Permission* out) const;

  // Registers a handler and the permission it requires. `method` must be declared in
  // proto/kefu/v1 with Req and Resp as its input and output types: a mismatch is a programming
  // error and aborts at start-up.
  template <class Req, class Resp>
  void Add(std::string_view method, access::Permission permission,
           Status (*handler)(Session&, const Req&, Resp*)) {
    Register(method, permission, Req::default_instance(), Resp::default_instance(),
             [handler](Session& s, const google::protobuf::Message& req,
                       google::protobuf::Message* resp) {
               return handler(s, static_cast<const Req&>(req), static_cast<Resp*>(resp));
             });
  }

 private:
  using Handler =
      std::function<Status(Session&, const google::protobuf::Message&, google::protobuf::Message*)>;
  struct Entry {
    std::string method;
    access::Permission permission;
    const google::protobuf::Message* request_prototype;
    const google::protobuf::Message* response_prototype;
    Handler handler;
  };

  Dispatcher() = default;
  void Register(std::string_view method, access::Permission permission,
                const google::protobuf::Message& request, const google::protobuf::Message& response,
                Handler handler);
  // The method's entry, once the session's actor is found to hold its permission.
  Status Find(Session& session, std::string_view method, const Entry** entry,
              std::shared_ptr<const access::Grants>* grants) const;
  // Runs the handler with a response made on `arena` (a call's messages, a worklist's thousands
  // of records, are allocated from one block and freed at once), then masks it for the actor.
  static Status Run(const Entry& entry, Session& session, const access::Grants& grants,
                    const google::protobuf::Message& request, google::protobuf::Arena* arena,
                    google::protobuf::Message** response);

  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace kefu::rpc

#endif  // KEFU_SRC_RPC_DISPATCHER_HPP
