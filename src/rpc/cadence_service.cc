// kefu.v1.CadenceService: the cadence engine over kefu_call, for callers that want windows with
// their channel and purpose, or policies they can read and adapt.
#include "messages/v1.hpp"
#include "rpc/dispatcher.hpp"
#include "messages/convert.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

using messages::CadenceFromRequest;
using messages::DateOf;
using messages::DayFromProto;
using messages::PolicyToProto;
using messages::TimeOfDayToProto;

constexpr std::int32_t kMaxExpandCount = 10000;

void WindowToProto(const Cadence& cadence, Day anchor, const Window& w, v1::Window* out) {
  out->set_seq(w.seq);
  *out->mutable_opens() = DateOf(w.opens);
  *out->mutable_due() = DateOf(w.due);
  const ContactKind kind = cadence.KindOf(w.seq);
  out->set_channel(static_cast<v1::Channel>(kind.channel));
  out->set_purpose(static_cast<v1::Purpose>(kind.purpose));
  TimeOfDayToProto(cadence.policy().call_time_minutes, out->mutable_call_time());
  out->set_days_after_anchor(w.due - anchor);
}

Status Expand(Session&, const v1::ExpandRequest& request, v1::ExpandResponse* response) {
  Cadence storage;
  const Cadence* found = nullptr;
  KEFU_RETURN_IF_ERROR(CadenceFromRequest(request, &storage, &found));
  const Cadence& cadence = *found;
  Day anchor = 0;
  KEFU_RETURN_IF_ERROR(DayFromProto(request.has_anchor(), request.anchor(), "anchor", &anchor));
  if (request.count() < 1 || request.count() > kMaxExpandCount) {
    return Status::InvalidArgument("count is " + std::to_string(request.count()) +
                                   ": must be 1..10000");
  }
  std::vector<Window> windows(static_cast<std::size_t>(request.count()));
  windows.resize(cadence.Expand(anchor, windows.data(), windows.size()));
  for (const Window& w : windows) WindowToProto(cadence, anchor, w, response->add_windows());
  return Status::Ok();
}

Status Next(Session&, const v1::NextRequest& request, v1::NextResponse* response) {
  Cadence storage;
  const Cadence* found = nullptr;
  KEFU_RETURN_IF_ERROR(CadenceFromRequest(request, &storage, &found));
  const Cadence& cadence = *found;
  Day anchor = 0;
  Day on_or_after = 0;
  KEFU_RETURN_IF_ERROR(DayFromProto(request.has_anchor(), request.anchor(), "anchor", &anchor));
  KEFU_RETURN_IF_ERROR(
      DayFromProto(request.has_on_or_after(), request.on_or_after(), "on_or_after", &on_or_after));
  Window w{};
  if (cadence.Next(anchor, on_or_after, &w)) {
    WindowToProto(cadence, anchor, w, response->mutable_window());
  } else {
    response->set_ended(true);
  }
  return Status::Ok();
}

Status ListPolicies(Session&, const v1::ListPoliciesRequest&, v1::ListPoliciesResponse* response) {
  for (const Policy& policy : Cadence::BuiltinPolicies()) {
    Cadence compiled;  // compiled so that defaults (channel, purpose) show as they apply
    KEFU_RETURN_IF_ERROR(Cadence::Compile(policy, &compiled));
    PolicyToProto(compiled.policy(), response->add_policies());
  }
  return Status::Ok();
}

}  // namespace

void RegisterCadenceService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.CadenceService/Expand", access::Permission::kSystemRead, &Expand);
  dispatcher.Add("kefu.v1.CadenceService/Next", access::Permission::kSystemRead, &Next);
  dispatcher.Add("kefu.v1.CadenceService/ListPolicies", access::Permission::kSystemRead,
                 &ListPolicies);
}

}  // namespace kefu::rpc
