// `kefu config`: the follow-up configuration a team changes — settings, plan rules, the
// never-call list, the calling calendar, the staff — without writing JSON by hand.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <google/protobuf/util/json_util.h>

#include "cli/command.hpp"

namespace kefu::cli {
namespace {

// A yes/no option's value.
Status ParseYesNo(const std::string& text, const std::string& flag, bool* out) {
  if (text == "yes" || text == "true" || text == "1") {
    *out = true;
  } else if (text == "no" || text == "false" || text == "0") {
    *out = false;
  } else {
    return Status::InvalidArgument(flag + " is " + Quote(text) + ": yes or no");
  }
  return Status::Ok();
}

// Prints `message` as JSON with --json, else as the table `table` renders.
template <class Message>
int Print(const ArchiveOptions& o, const Message& message, const std::function<void()>& table) {
  if (o.json) {
    std::fputs(ToJson(message).c_str(), stdout);
  } else {
    table();
  }
  return 0;
}

// ---- settings -------------------------------------------------------------------------------

struct SettingsOptions {
  ArchiveOptions archive;
  std::string max_attempts, follow_outpatients, fallback, weekends, prefer_doctor,
      unreachable_after;
  std::vector<std::string> death_dispositions;
  bool clear_death_dispositions = false;
};

void PrintSettings(const v1::FollowUpSettings& s) {
  Table table({"setting", "value"});
  table.Add({"version", std::to_string(s.version())});
  table.Add({"max attempts per window", std::to_string(s.max_attempts_per_window())});
  table.Add({"follow outpatients", s.follow_outpatients() ? "yes" : "no"});
  const std::string fallback = EnumWords(v1::Channel_Name(s.fallback_channel()), "CHANNEL_");
  table.Add({"fallback channel", fallback.empty() ? "none" : fallback});
  table.Add({"weekends are calling days", s.weekends_are_calling_days() ? "yes" : "no"});
  table.Add({"prefer the attending doctor", s.prefer_attending_doctor() ? "yes" : "no"});
  table.Add({"unreachable after missed",
             std::to_string(s.unreachable_after_missed() > 0 ? s.unreachable_after_missed() : 3)});
  std::string words;
  for (const auto& w : s.death_dispositions()) words += (words.empty() ? "" : ", ") + w;
  table.Add({"death dispositions (added)", Printable(words)});
  std::string shifts;
  for (const auto& shift : s.shifts()) {
    shifts += (shifts.empty() ? "" : ", ") + shift.name() + " " +
              std::to_string(shift.start_minutes() / 60) + "-" +
              std::to_string(shift.end_minutes() / 60);
  }
  table.Add(
      {"shifts", shifts.empty() ? "early 8-16, middle 10-18, night 16-24 (default)" : shifts});
  std::fputs(table.Render().c_str(), stdout);
}

Status ApplySettings(const SettingsOptions& o, v1::FollowUpSettings* s) {
  if (!o.max_attempts.empty()) {
    std::int64_t n = 0;
    KEFU_RETURN_IF_ERROR(ParseNumberFlag(o.max_attempts, "--max-attempts", &n));
    s->set_max_attempts_per_window(static_cast<std::int32_t>(n));
  }
  if (!o.unreachable_after.empty()) {
    std::int64_t n = 0;
    KEFU_RETURN_IF_ERROR(ParseNumberFlag(o.unreachable_after, "--unreachable-after", &n));
    s->set_unreachable_after_missed(static_cast<std::int32_t>(n));
  }
  bool yes = false;
  if (!o.follow_outpatients.empty()) {
    KEFU_RETURN_IF_ERROR(ParseYesNo(o.follow_outpatients, "--follow-outpatients", &yes));
    s->set_follow_outpatients(yes);
  }
  if (!o.weekends.empty()) {
    KEFU_RETURN_IF_ERROR(ParseYesNo(o.weekends, "--weekends", &yes));
    s->set_weekends_are_calling_days(yes);
  }
  if (!o.prefer_doctor.empty()) {
    KEFU_RETURN_IF_ERROR(ParseYesNo(o.prefer_doctor, "--prefer-attending-doctor", &yes));
    s->set_prefer_attending_doctor(yes);
  }
  if (o.fallback == "letter") {
    s->set_fallback_channel(v1::CHANNEL_LETTER);
  } else if (o.fallback == "sms") {
    s->set_fallback_channel(v1::CHANNEL_SMS);
  } else if (o.fallback == "none") {
    s->clear_fallback_channel();
  } else if (!o.fallback.empty()) {
    return Status::InvalidArgument("--fallback is " + Quote(o.fallback) + ": letter, sms or none");
  }
  if (o.clear_death_dispositions) s->clear_death_dispositions();
  for (const auto& word : o.death_dispositions) s->add_death_dispositions(word);
  return Status::Ok();
}

int Settings(const SettingsOptions& o, bool set) {
  Connection c;
  if (Status s = OpenArchive(o.archive, set ? Access::kWrite : Access::kRead, &c); !s.ok())
    return Fail(s);
  v1::FollowUpSettings settings;
  if (Status s =
          c.Call("kefu.v1.FollowUpConfigService/GetSettings", v1::GetSettingsRequest(), &settings);
      !s.ok()) {
    return Fail(s);
  }
  if (set) {
    v1::UpdateSettingsRequest request;
    *request.mutable_settings() = settings;
    request.mutable_settings()->clear_version();
    if (Status s = ApplySettings(o, request.mutable_settings()); !s.ok()) return Fail(s);
    if (Status s = c.Call("kefu.v1.FollowUpConfigService/UpdateSettings", request, &settings);
        !s.ok()) {
      return Fail(s);
    }
  }
  return Print(o.archive, settings, [&] { PrintSettings(settings); });
}

// ---- plan rules -----------------------------------------------------------------------------

struct RulesOptions {
  ArchiveOptions archive;
  std::string file;
};

void PrintRules(const v1::ListPlanRulesResponse& rules) {
  Table table({"#", "policy", "department", "diagnosis", "locality", "kind", "ages"});
  int i = 0;
  for (const auto& r : rules.rules()) {
    table.Add({std::to_string(++i), Printable(r.policy()), Printable(r.department()),
               Printable(r.diagnosis_prefix()),
               EnumWords(v1::Locality_Name(r.locality()), "LOCALITY_"),
               EnumWords(v1::EncounterKind_Name(r.kind()), "ENCOUNTER_KIND_"),
               r.min_age() == 0 && r.max_age() == 0
                   ? ""
                   : std::to_string(r.min_age()) + ".." +
                         (r.max_age() == 0 ? "" : std::to_string(r.max_age()))});
  }
  std::printf("%s (tried in order; none matching: standard)\n",
              Count(rules.rules_size(), "plan rule").c_str());
  if (rules.rules_size() > 0) std::fputs(table.Render().c_str(), stdout);
}

int Rules(const RulesOptions& o, bool set) {
  Connection c;
  if (Status s = OpenArchive(o.archive, set ? Access::kWrite : Access::kRead, &c); !s.ok())
    return Fail(s);
  v1::ListPlanRulesResponse rules;
  if (!set) {
    if (Status s = c.Call("kefu.v1.FollowUpConfigService/ListPlanRules", v1::ListPlanRulesRequest(),
                          &rules);
        !s.ok()) {
      return Fail(s);
    }
    return Print(o.archive, rules, [&] { PrintRules(rules); });
  }
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return Fail(Status(Code::kIo, "--file is " + Quote(o.file) + ": cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  std::string json;
  if (Status s = c.CallJson("kefu.v1.FollowUpConfigService/SetPlanRules", text.str(), &json);
      !s.ok()) {
    return Fail(Status(s.code(), o.file + ": " + s.message()));
  }
  if (!google::protobuf::util::JsonStringToMessage(json, &rules).ok()) {
    return Fail(Status::Internal("the response to SetPlanRules did not decode"));
  }
  return Print(o.archive, rules, [&] { PrintRules(rules); });
}

// ---- never-call list ------------------------------------------------------------------------

struct NeverCallOptions {
  ArchiveOptions archive;
  std::vector<std::string> departments, prefixes;
};

void PrintNeverCall(const v1::NeverCallList& list) {
  std::string departments, prefixes;
  for (const auto& d : list.departments()) departments += (departments.empty() ? "" : ", ") + d;
  for (const auto& p : list.diagnosis_prefixes()) prefixes += (prefixes.empty() ? "" : ", ") + p;
  std::printf("never called: departments %s; diagnoses starting with %s\n",
              departments.empty() ? "(none)" : Printable(departments).c_str(),
              prefixes.empty() ? "(none)" : Printable(prefixes).c_str());
}

int NeverCall(const NeverCallOptions& o, bool set) {
  Connection c;
  if (Status s = OpenArchive(o.archive, set ? Access::kWrite : Access::kRead, &c); !s.ok())
    return Fail(s);
  v1::NeverCallList list;
  Status s;
  if (set) {
    v1::SetNeverCallRequest request;
    for (const auto& d : o.departments) request.mutable_never_call()->add_departments(d);
    for (const auto& p : o.prefixes) request.mutable_never_call()->add_diagnosis_prefixes(p);
    s = c.Call("kefu.v1.FollowUpConfigService/SetNeverCall", request, &list);
  } else {
    s = c.Call("kefu.v1.FollowUpConfigService/GetNeverCall", v1::GetNeverCallRequest(), &list);
  }
  if (!s.ok()) return Fail(s);
  return Print(o.archive, list, [&] { PrintNeverCall(list); });
}

// ---- calling calendar -----------------------------------------------------------------------

struct CalendarOptions {
  ArchiveOptions archive;
  std::string year;
  std::vector<std::string> days_off, working_days;
};

void PrintCalendar(const v1::CalendarYear& year) {
  std::string off, working;
  for (const auto& d : year.days_off()) off += (off.empty() ? "" : " ") + DateText(d);
  for (const auto& d : year.working_days()) working += (working.empty() ? "" : " ") + DateText(d);
  std::printf("calendar %d (version %d)\ndays off: %s\nworked weekend days: %s\n", year.year(),
              year.version(), off.empty() ? "(none)" : off.c_str(),
              working.empty() ? "(none)" : working.c_str());
}

int Calendar(const CalendarOptions& o, bool set) {
  std::int64_t year = 0;
  if (Status s = ParseNumberFlag(o.year, "--year", &year); !s.ok()) return Fail(s);
  Connection c;
  if (Status s = OpenArchive(o.archive, set ? Access::kWrite : Access::kRead, &c); !s.ok())
    return Fail(s);
  v1::CalendarYear out;
  Status s;
  if (set) {
    v1::SetCalendarYearRequest request;
    request.mutable_year()->set_year(static_cast<std::int32_t>(year));
    for (const auto& d : o.days_off) {
      if (s = ParseDateFlag(d, "--day-off", request.mutable_year()->add_days_off()); !s.ok())
        return Fail(s);
    }
    for (const auto& d : o.working_days) {
      if (s = ParseDateFlag(d, "--working-day", request.mutable_year()->add_working_days());
          !s.ok()) {
        return Fail(s);
      }
    }
    s = c.Call("kefu.v1.FollowUpConfigService/SetCalendarYear", request, &out);
  } else {
    v1::GetCalendarYearRequest request;
    request.set_year(static_cast<std::int32_t>(year));
    s = c.Call("kefu.v1.FollowUpConfigService/GetCalendarYear", request, &out);
  }
  if (!s.ok()) return Fail(s);
  return Print(o.archive, out, [&] { PrintCalendar(out); });
}

// ---- staff ----------------------------------------------------------------------------------

struct StaffOptions {
  ArchiveOptions archive;
  std::string id, name, capacity = "0";
  std::vector<std::string> shifts;
  bool inactive = false;
};

void PrintStaff(const v1::ListStaffResponse& staff) {
  Table table({"id", "name", "shifts", "calls per shift", "active"});
  for (const auto& m : staff.staff()) {
    std::string shifts;
    for (const auto& s : m.shifts()) shifts += (shifts.empty() ? "" : ", ") + s;
    table.Add({Printable(m.id()), Printable(m.name()), Printable(shifts),
               std::to_string(m.capacity_per_shift()), m.active() ? "yes" : "no"});
  }
  std::printf("%s\n", Count(staff.staff_size(), "staff member").c_str());
  if (staff.staff_size() > 0) std::fputs(table.Render().c_str(), stdout);
}

int Staff(const StaffOptions& o, bool put) {
  Connection c;
  if (Status s = OpenArchive(o.archive, put ? Access::kWrite : Access::kRead, &c); !s.ok())
    return Fail(s);
  if (put) {
    v1::PutStaffRequest request;
    v1::StaffMember* m = request.mutable_staff();
    m->set_id(o.id);
    m->set_name(o.name);
    for (const auto& s : o.shifts) m->add_shifts(s);
    std::int64_t capacity = 0;
    if (Status s = ParseNumberFlag(o.capacity, "--capacity", &capacity); !s.ok()) return Fail(s);
    m->set_capacity_per_shift(static_cast<std::int32_t>(capacity));
    m->set_active(!o.inactive);
    v1::StaffMember out;
    if (Status s = c.Call("kefu.v1.FollowUpConfigService/PutStaff", request, &out); !s.ok())
      return Fail(s);
  }
  v1::ListStaffResponse staff;
  if (Status s = c.Call("kefu.v1.FollowUpConfigService/ListStaff", v1::ListStaffRequest(), &staff);
      !s.ok()) {
    return Fail(s);
  }
  return Print(o.archive, staff, [&] { PrintStaff(staff); });
}

// Adds "show" (reading) and "set" (writing) under `parent` for one kind of configuration.
template <class Options, class Define>
void AddShowSet(CLI::App* parent, const char* set_name, const std::string& what,
                int (*run)(const Options&, bool), Define define_set) {
  auto shown = std::make_shared<Options>();
  CLI::App* show =
      parent->add_subcommand(std::string(set_name) == "put" ? "list" : "show", "print " + what);
  AddArchiveOptions(show, &shown->archive, Access::kRead);
  if constexpr (std::is_same_v<Options, CalendarOptions>) {
    show->add_option("--year", shown->year, "the year")->required();
  }
  OnRun(show, [shown, run] { return run(*shown, false); });
  auto changed = std::make_shared<Options>();
  CLI::App* set = parent->add_subcommand(set_name, "change " + what);
  AddArchiveOptions(set, &changed->archive, Access::kWrite);
  define_set(set, changed.get());
  OnRun(set, [changed, run] { return run(*changed, true); });
}

}  // namespace

namespace {

void AddSettingsCommand(CLI::App* config) {
  CLI::App* settings =
      config->add_subcommand("settings", "how the team calls: attempts, fallbacks, ...");
  settings->require_subcommand(1);
  AddShowSet<SettingsOptions>(
      settings, "set", "the follow-up settings", &Settings, [](CLI::App* sub, SettingsOptions* o) {
        sub->add_option("--max-attempts", o->max_attempts, "calls tried within one window (1..20)")
            ->type_name("N");
        sub->add_option("--fallback", o->fallback,
                        "a missed call falls back to: letter, sms or none");
        sub->add_option("--follow-outpatients", o->follow_outpatients,
                        "open plans on outpatient visits: yes or no");
        sub->add_option("--weekends", o->weekends, "weekends are calling days: yes or no");
        sub->add_option("--prefer-attending-doctor", o->prefer_doctor,
                        "the stay's attending doctor calls where on staff: yes or no");
        sub->add_option("--unreachable-after", o->unreachable_after,
                        "contacts missed in a row before a patient is unreachable (1..20)")
            ->type_name("N");
        sub->add_option(
               "--death-disposition", o->death_dispositions,
               "a discharge disposition that records a death, beyond the built-in ones; repeat")
            ->type_name("TEXT")
            ->allow_extra_args(false);
        sub->add_flag("--clear-death-dispositions", o->clear_death_dispositions,
                      "forget the hospital's own death dispositions first");
      });
}

void AddRulesCommand(CLI::App* config) {
  CLI::App* rules = config->add_subcommand("rules", "which cadence policy a discharge follows");
  rules->require_subcommand(1);
  AddShowSet<RulesOptions>(
      rules, "set", "the plan rules", &Rules, [](CLI::App* sub, RulesOptions* o) {
        sub->add_option(
               "--file", o->file,
               "a kefu.v1.SetPlanRulesRequest in JSON: {\"rules\": [{\"policy\": ..., ...}]}; "
               "replaces every rule")
            ->required()
            ->type_name("FILE");
      });
}

void AddNeverCallCommand(CLI::App* config) {
  CLI::App* never =
      config->add_subcommand("never-call", "departments and diagnoses never called (privacy)");
  never->require_subcommand(1);
  AddShowSet<NeverCallOptions>(
      never, "set", "the never-call list", &NeverCall, [](CLI::App* sub, NeverCallOptions* o) {
        sub->add_option("--department", o->departments, "a department never called; repeat")
            ->type_name("NAME")
            ->allow_extra_args(false);
        sub->add_option("--diagnosis-prefix", o->prefixes,
                        "an ICD-10 prefix never called, e.g. A5; repeat")
            ->type_name("PREFIX")
            ->allow_extra_args(false);
        sub->footer("Replaces the whole list. Open plans it now covers close.");
      });
}

void AddCalendarCommand(CLI::App* config) {
  CLI::App* calendar = config->add_subcommand(
      "calendar", "the calling calendar of a year: days off, worked weekend days");
  calendar->require_subcommand(1);
  AddShowSet<CalendarOptions>(calendar, "set", "a year's calling calendar", &Calendar,
                              [](CLI::App* sub, CalendarOptions* o) {
                                sub->add_option("--year", o->year, "the year")->required();
                                sub->add_option("--day-off", o->days_off,
                                                "a holiday or weekday not worked; repeat")
                                    ->type_name("DATE")
                                    ->allow_extra_args(false);
                                sub->add_option("--working-day", o->working_days,
                                                "a weekend day that is worked (调休); repeat")
                                    ->type_name("DATE")
                                    ->allow_extra_args(false);
                                sub->footer("Replaces that year.");
                              });
}

void AddStaffCommand(CLI::App* config) {
  CLI::App* staff = config->add_subcommand("staff", "who makes follow-up calls");
  staff->require_subcommand(1);
  AddShowSet<StaffOptions>(
      staff, "put", "the follow-up staff", &Staff, [](CLI::App* sub, StaffOptions* o) {
        sub->add_option("--id", o->id, "the id they act as")->required();
        sub->add_option("--name", o->name, "their name, as the HIS names attending doctors");
        sub->add_option("--shift", o->shifts,
                        "a shift they work (early, middle, night by default); repeat")
            ->type_name("NAME")
            ->allow_extra_args(false);
        sub->add_option("--capacity", o->capacity, "calls they can make in one shift")
            ->type_name("N");
        sub->add_flag("--inactive", o->inactive, "no longer calls");
        sub->footer("Adds the member, or replaces the one with that id.");
      });
}

}  // namespace

void AddConfigCommands(CLI::App& app) {
  CLI::App* config = app.add_subcommand(
      "config",
      "the follow-up configuration: settings, plan rules, never-call list, calendar, staff");
  config->require_subcommand(1);
  AddSettingsCommand(config);
  AddRulesCommand(config);
  AddNeverCallCommand(config);
  AddCalendarCommand(config);
  AddStaffCommand(config);
}

}  // namespace kefu::cli
