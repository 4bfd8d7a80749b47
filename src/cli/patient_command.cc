// `kefu patient add|show|search`: the archive from the command line.
#include <cstdio>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kUsage = R"(usage: kefu patient add    --db ARCHIVE --mrn MRN --name NAME [--sex M|F] [--birth DATE]
                           [--phone NUMBER]... [--address TEXT] [--region CODE]
                           [--local | --out-of-town] [--actor NAME] [--json]
       kefu patient show   --db ARCHIVE (--mrn MRN | --id ID) [--json]
       kefu patient search --db ARCHIVE [--name FRAGMENT] [--phone NUMBER] [--region PREFIX]
                           [--mrn MRN] [--limit N] [--json]
)";

std::string Phones(const v1::Patient& p) {
  std::string out;
  for (const auto& phone : p.phones()) out += (out.empty() ? "" : ", ") + phone.number();
  return out;
}

int Add(Connection& connection, const Args& args) {
  v1::CreatePatientRequest request;
  v1::Patient* p = request.mutable_patient();
  p->set_mrn(args.Get("mrn").value_or(""));
  p->set_name(args.Get("name").value_or(""));
  const std::string sex = args.Get("sex").value_or("");
  if (sex == "M" || sex == "男") {
    p->set_sex(v1::SEX_MALE);
  } else if (sex == "F" || sex == "女") {
    p->set_sex(v1::SEX_FEMALE);
  } else if (!sex.empty()) {
    return Fail(Status::InvalidArgument("--sex is " + Quote(sex) + ": expected M or F"));
  }
  if (auto birth = args.Get("birth")) {
    if (Status s = ParseDateFlag(*birth, "--birth", p->mutable_birth_date()); !s.ok()) return Fail(s);
  }
  for (const std::string& number : args.GetAll("phone")) p->add_phones()->set_number(number);
  p->set_address(args.Get("address").value_or(""));
  p->set_region_code(args.Get("region").value_or(""));
  if (args.Has("local")) p->set_locality(v1::LOCALITY_LOCAL);
  if (args.Has("out-of-town")) p->set_locality(v1::LOCALITY_OUT_OF_TOWN);
  v1::Patient created;
  if (Status s = connection.Call("kefu.v1.PatientService/CreatePatient", request, &created); !s.ok()) {
    return Fail(s);
  }
  if (args.Has("json")) {
    std::fputs(ToJson(created).c_str(), stdout);
  } else {
    std::printf("created patient %s (id %lld)\n", created.mrn().c_str(),
                static_cast<long long>(created.id()));
  }
  return 0;
}

int Show(Connection& connection, const Args& args) {
  v1::GetPatientRequest request;
  if (auto mrn = args.Get("mrn")) {
    request.set_mrn(*mrn);
  } else if (auto id = args.Get("id")) {
    try {
      request.set_id(std::stoll(*id));
    } catch (const std::exception&) {
      return Fail(Status::InvalidArgument("--id is " + Quote(*id) + ": expected a number"));
    }
  } else {
    return Fail(Status::InvalidArgument("give --mrn or --id"));
  }
  v1::Patient patient;
  if (Status s = connection.Call("kefu.v1.PatientService/GetPatient", request, &patient); !s.ok()) {
    return Fail(s);
  }
  v1::ListEncountersRequest list;
  list.set_patient_id(patient.id());
  v1::ListEncountersResponse encounters;
  if (Status s = connection.Call("kefu.v1.EncounterService/ListEncounters", list, &encounters);
      !s.ok()) {
    return Fail(s);
  }
  v1::ListTimelineRequest timeline_request;
  timeline_request.set_patient_id(patient.id());
  timeline_request.set_limit(10);
  v1::ListTimelineResponse timeline;
  if (Status s = connection.Call("kefu.v1.TimelineService/ListTimeline", timeline_request, &timeline);
      !s.ok()) {
    return Fail(s);
  }
  if (args.Has("json")) {
    std::fputs(ToJson(patient).c_str(), stdout);
    std::fputs(ToJson(encounters).c_str(), stdout);
    return 0;
  }
  std::printf("%s  %s  (id %lld)\n", patient.mrn().c_str(), patient.name().c_str(),
              static_cast<long long>(patient.id()));
  Table facts({"field", "value"});
  facts.Add({"sex", EnumWords(v1::Sex_Name(patient.sex()), "SEX_")});
  facts.Add({"born", DateText(patient.birth_date())});
  facts.Add({"phones", Phones(patient)});
  facts.Add({"region", patient.region_code()});
  facts.Add({"locality", EnumWords(v1::Locality_Name(patient.locality()), "LOCALITY_")});
  facts.Add({"status", EnumWords(v1::PatientStatus_Name(patient.status()), "PATIENT_STATUS_") +
                           (patient.has_death_date() && patient.death_date().year() != 0
                                ? " " + DateText(patient.death_date())
                                : "")});
  facts.Add({"follow-up", patient.follow_up_opt_out() ? "opted out" : "yes"});
  std::fputs(facts.Render().c_str(), stdout);
  std::printf("\nencounters\n");
  Table table({"id", "kind", "state", "department", "admitted", "discharged", "diagnoses"});
  for (const auto& e : encounters.encounters()) {
    std::string diagnoses;
    for (const auto& d : e.diagnoses()) diagnoses += (diagnoses.empty() ? "" : ", ") + d.icd10();
    table.Add({std::to_string(e.id()), EnumWords(v1::EncounterKind_Name(e.kind()), "ENCOUNTER_KIND_"),
               EnumWords(v1::EncounterState_Name(e.state()), "ENCOUNTER_STATE_"), e.department(),
               DateText(e.admission_date()), DateText(e.discharge_date()), diagnoses});
  }
  std::fputs(table.Render().c_str(), stdout);
  std::printf("\ntimeline (newest first): %d entries shown\n", timeline.entries_size());
  return 0;
}

int Search(Connection& connection, const Args& args) {
  v1::ListPatientsRequest request;
  request.set_name_contains(args.Get("name").value_or(""));
  request.set_phone(args.Get("phone").value_or(""));
  request.set_region_prefix(args.Get("region").value_or(""));
  request.set_mrn(args.Get("mrn").value_or(""));
  const std::string limit = args.Get("limit").value_or("50");
  try {
    request.set_page_size(std::stoi(limit));
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument("--limit is " + Quote(limit) + ": expected a number"));
  }
  v1::ListPatientsResponse response;
  if (Status s = connection.Call("kefu.v1.PatientService/ListPatients", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (args.Has("json")) {
    std::fputs(ToJson(response).c_str(), stdout);
    return 0;
  }
  Table table({"id", "mrn", "name", "sex", "born", "phones", "region", "status"});
  for (const auto& p : response.patients()) {
    table.Add({std::to_string(p.id()), p.mrn(), p.name(), EnumWords(v1::Sex_Name(p.sex()), "SEX_"),
               DateText(p.birth_date()), Phones(p), p.region_code(),
               EnumWords(v1::PatientStatus_Name(p.status()), "PATIENT_STATUS_")});
  }
  std::fputs(table.Render().c_str(), stdout);
  std::printf("%d patients%s\n", response.patients_size(),
              response.next_page_token().empty() ? "" : " (more: raise --limit)");
  return 0;
}

}  // namespace

int PatientCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv,
                             {"db", "mrn", "id", "name", "sex", "birth", "phone", "address",
                              "region", "limit", "actor"},
                             {"local", "out-of-town", "json", "help"}, &args);
      !s.ok()) {
    return Fail(s);
  }
  const auto& positional = args.positional();
  if (args.Has("help") || positional.empty()) {
    std::fputs(kUsage, args.Has("help") ? stdout : stderr);
    return args.Has("help") ? 0 : 1;
  }
  const auto db = args.Get("db");
  if (!db) return Fail(Status::InvalidArgument("--db is missing (see kefu patient --help)"));
  Connection connection;
  if (Status s = connection.Open(*db, args.Get("actor").value_or("cli")); !s.ok()) return Fail(s);
  if (positional[0] == "add") return Add(connection, args);
  if (positional[0] == "show") return Show(connection, args);
  if (positional[0] == "search") return Search(connection, args);
  return Fail(Status::InvalidArgument("unknown patient command " + Quote(positional[0]) +
                                      " (add, show, search)"));
}

}  // namespace kefu::cli
