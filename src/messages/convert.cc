#include "messages/convert.hpp"

#include <cctype>

namespace kefu::messages {

Status DayFromProto(bool present, const v1::Date& date, const std::string& field, Day* out) {
  if (!present) return Status::InvalidArgument(field + " is unset: give a date (year, month, day)");
  return DayFromYmd(date.year(), date.month(), date.day(), field, out);
}

Day DayOf(const v1::Date& d) { return DaysFromCivil(d.year(), d.month(), d.day()); }

v1::Date DateOf(Day day) {
  const Ymd ymd = CivilFromDays(day);
  v1::Date d;
  d.set_year(ymd.year);
  d.set_month(ymd.month);
  d.set_day(ymd.day);
  return d;
}

std::string EnumWords(const std::string& enum_name, const std::string& prefix) {
  std::string s = enum_name.rfind(prefix, 0) == 0 ? enum_name.substr(prefix.size()) : enum_name;
  for (char& c : s) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s == "unspecified" ? "" : s;
}

void TimeOfDayToProto(int minutes, v1::TimeOfDay* out) {
  out->set_hours(minutes / 60);
  out->set_minutes(minutes % 60);
}

namespace {

Offset OffsetFromProto(const v1::Offset& o) {
  return Offset{o.amount(), static_cast<TimeUnit>(o.unit())};
}

void OffsetToProto(const Offset& o, v1::Offset* out) {
  out->set_amount(o.amount);
  out->set_unit(static_cast<v1::TimeUnit>(o.unit));
}

Status MinutesFromProto(const v1::TimeOfDay& t, const std::string& field, int* out) {
  if (t.hours() < 0 || t.hours() > 23) {
    return Status::InvalidArgument(field + ".hours is " + std::to_string(t.hours()) +
                                   ": must be 0..23");
  }
  if (t.minutes() < 0 || t.minutes() > 59) {
    return Status::InvalidArgument(field + ".minutes is " + std::to_string(t.minutes()) +
                                   ": must be 0..59");
  }
  *out = t.hours() * 60 + t.minutes();
  return Status::Ok();
}

}  // namespace

Status PolicyFromProto(const v1::CadencePolicy& proto, Policy* out) {
  Policy policy;
  policy.name = proto.name();
  policy.description = proto.description();
  for (const v1::CadenceStep& s : proto.steps()) {
    policy.steps.push_back(Step{OffsetFromProto(s.offset()), s.opens_days_before(),
                                static_cast<Channel>(s.channel()),
                                static_cast<Purpose>(s.purpose())});
  }
  if (proto.has_repeat()) {
    const v1::CadenceRepeat& r = proto.repeat();
    policy.repeat = Repeat{OffsetFromProto(r.interval()),
                           r.count(),
                           r.unbounded(),
                           r.opens_days_before(),
                           static_cast<Channel>(r.channel()),
                           static_cast<Purpose>(r.purpose())};
  }
  if (proto.has_call_time()) {
    KEFU_RETURN_IF_ERROR(
        MinutesFromProto(proto.call_time(), "call_time", &policy.call_time_minutes));
  }
  *out = std::move(policy);
  return Status::Ok();
}

void PolicyToProto(const Policy& policy, v1::CadencePolicy* out) {
  out->set_name(policy.name);
  out->set_description(policy.description);
  for (const Step& s : policy.steps) {
    v1::CadenceStep* step = out->add_steps();
    OffsetToProto(s.offset, step->mutable_offset());
    step->set_opens_days_before(s.opens_days_before);
    step->set_channel(static_cast<v1::Channel>(s.channel));
    step->set_purpose(static_cast<v1::Purpose>(s.purpose));
  }
  if (policy.repeat) {
    const Repeat& r = *policy.repeat;
    v1::CadenceRepeat* repeat = out->mutable_repeat();
    OffsetToProto(r.interval, repeat->mutable_interval());
    repeat->set_count(r.count);
    repeat->set_unbounded(r.unbounded);
    repeat->set_opens_days_before(r.opens_days_before);
    repeat->set_channel(static_cast<v1::Channel>(r.channel));
    repeat->set_purpose(static_cast<v1::Purpose>(r.purpose));
  }
  TimeOfDayToProto(policy.call_time_minutes, out->mutable_call_time());
}

}  // namespace kefu::messages

namespace kefu::messages {

Status CadenceFromProto(const v1::CadencePolicy& proto, Cadence* out) {
  Policy policy;
  KEFU_RETURN_IF_ERROR(PolicyFromProto(proto, &policy));
  return Cadence::Compile(policy, out);
}

}  // namespace kefu::messages
