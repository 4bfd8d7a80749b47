// `kefu patient add|show|search`: the archive from the command line.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {
namespace {

std::string Phones(const v1::Patient& p) {
  std::string out;
  for (const auto& phone : p.phones()) out += (out.empty() ? "" : ", ") + phone.number();
  return out;
}

struct PatientOptions {
  ArchiveOptions archive;
  std::string mrn, id, name, sex, birth, address, region, limit = "50";
  std::vector<std::string> phones;
  bool local = false, out_of_town = false;
};

int Add(const PatientOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kWrite, &connection); !s.ok()) return Fail(s);
  v1::CreatePatientRequest request;
  v1::Patient* p = request.mutable_patient();
  p->set_mrn(o.mrn);
  p->set_name(o.name);
  const std::string& sex = o.sex;
  if (sex == "M" || sex == "男") {
    p->set_sex(v1::SEX_MALE);
  } else if (sex == "F" || sex == "女") {
    p->set_sex(v1::SEX_FEMALE);
  } else if (!sex.empty()) {
    return Fail(Status::InvalidArgument("--sex is " + Quote(sex) + ": expected M or F"));
  }
  if (!o.birth.empty()) {
    if (Status s = ParseDateFlag(o.birth, "--birth", p->mutable_birth_date()); !s.ok())
      return Fail(s);
  }
  for (const std::string& number : o.phones) p->add_phones()->set_number(number);
  p->set_address(o.address);
  p->set_region_code(o.region);
  if (o.local) p->set_locality(v1::LOCALITY_LOCAL);
  if (o.out_of_town) p->set_locality(v1::LOCALITY_OUT_OF_TOWN);
  v1::Patient created;
  if (Status s = connection.Call("kefu.v1.PatientService/CreatePatient", request, &created);
      !s.ok()) {
    return Fail(s);
  }
  if (o.archive.json) {
    std::fputs(ToJson(created).c_str(), stdout);
  } else {
    std::printf("created patient %s (id %lld)\n", created.mrn().c_str(),
                static_cast<long long>(created.id()));
  }
  return 0;
}

// Whether follow-up calls this patient, in words.
std::string FollowUpWords(const v1::Patient& p) {
  switch (p.status()) {
    case v1::PATIENT_STATUS_DECEASED:
      return "no (deceased)";
    case v1::PATIENT_STATUS_MERGED:
      return "no (merged into id " + std::to_string(p.merged_into_id()) + ")";
    case v1::PATIENT_STATUS_OPTED_OUT:
      return "no (opted out)";
    case v1::PATIENT_STATUS_CURED:
      return "no (cured)";
    case v1::PATIENT_STATUS_UNREACHABLE:
      return "paused (unreachable)";
    default:
      return p.follow_up_opt_out() ? "no (opted out)" : "yes";
  }
}

// One line of the timeline: when, what, and the words that go with it.
std::vector<std::string> TimelineRow(const v1::TimelineEntry& entry, int utc_offset_minutes) {
  const std::string when = LocalTime(entry.at_ms(), utc_offset_minutes);
  if (entry.has_contact()) {
    const v1::ContactEvent& c = entry.contact();
    return {when, "contact",
            EnumWords(v1::Direction_Name(c.direction()), "DIRECTION_") + " " +
                EnumWords(v1::Channel_Name(c.channel()), "CHANNEL_"),
            Printable(c.staff()),
            Printable(c.outcome() + (c.notes().empty() ? "" : ": " + c.notes()))};
  }
  if (entry.has_note()) {
    return {when, "note", "", Printable(entry.note().author()), Printable(entry.note().text())};
  }
  const v1::Encounter& e = entry.encounter();
  return {when, "encounter", EnumWords(v1::EncounterKind_Name(e.kind()), "ENCOUNTER_KIND_"),
          Printable(e.attending_doctor()), Printable(e.department())};
}

// What `patient show` prints: the record, its stays and its newest timeline entries.
struct PatientReport {
  v1::Patient patient;
  v1::ListEncountersResponse encounters;
  v1::ListTimelineResponse timeline;
};

Status LoadReport(Connection& connection, const PatientOptions& o, PatientReport* out) {
  v1::GetPatientRequest request;
  if (!o.mrn.empty()) {
    request.set_mrn(o.mrn);
  } else if (!o.id.empty()) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(ParseNumberFlag(o.id, "--id", &id));
    request.set_id(id);
  } else {
    return Status::InvalidArgument("give --mrn or --id (see kefu patient show --help)");
  }
  KEFU_RETURN_IF_ERROR(
      connection.Call("kefu.v1.PatientService/GetPatient", request, &out->patient));
  v1::ListEncountersRequest list;
  list.set_patient_id(out->patient.id());
  KEFU_RETURN_IF_ERROR(
      connection.Call("kefu.v1.EncounterService/ListEncounters", list, &out->encounters));
  v1::ListTimelineRequest timeline;
  timeline.set_patient_id(out->patient.id());
  timeline.set_limit(10);
  return connection.Call("kefu.v1.TimelineService/ListTimeline", timeline, &out->timeline);
}

void PrintFacts(const v1::Patient& patient) {
  std::printf("%s  %s  (id %lld)\n", Printable(patient.mrn()).c_str(),
              Printable(patient.name()).c_str(), static_cast<long long>(patient.id()));
  Table facts({"field", "value"});
  facts.Add({"sex", EnumWords(v1::Sex_Name(patient.sex()), "SEX_")});
  facts.Add({"born", DateText(patient.birth_date())});
  facts.Add({"phones", Printable(Phones(patient))});
  facts.Add({"address", Printable(patient.address())});
  facts.Add({"region", Printable(patient.region_code())});
  facts.Add({"locality", EnumWords(v1::Locality_Name(patient.locality()), "LOCALITY_")});
  facts.Add({"status", EnumWords(v1::PatientStatus_Name(patient.status()), "PATIENT_STATUS_") +
                           (patient.has_death_date() && patient.death_date().year() != 0
                                ? " " + DateText(patient.death_date())
                                : "")});
  facts.Add({"follow-up", FollowUpWords(patient)});
  std::fputs(facts.Render().c_str(), stdout);
}

void PrintEncounters(const v1::ListEncountersResponse& encounters) {
  std::printf("\n%s\n", Count(encounters.encounters_size(), "encounter").c_str());
  Table table({"id", "kind", "state", "department", "admitted", "discharged", "diagnoses"});
  for (const auto& e : encounters.encounters()) {
    std::string diagnoses;
    for (const auto& d : e.diagnoses()) diagnoses += (diagnoses.empty() ? "" : ", ") + d.icd10();
    table.Add({std::to_string(e.id()),
               EnumWords(v1::EncounterKind_Name(e.kind()), "ENCOUNTER_KIND_"),
               EnumWords(v1::EncounterState_Name(e.state()), "ENCOUNTER_STATE_"),
               Printable(e.department()), DateText(e.admission_date()),
               DateText(e.discharge_date()), Printable(diagnoses)});
  }
  if (encounters.encounters_size() > 0) std::fputs(table.Render().c_str(), stdout);
}

void PrintTimeline(const v1::ListTimelineResponse& timeline, int utc_offset_minutes) {
  std::printf("\ntimeline (newest first): %s\n",
              Count(timeline.entries_size(), "entry", "entries").c_str());
  Table entries({"when", "what", "how", "who", "notes"});
  for (const auto& entry : timeline.entries()) entries.Add(TimelineRow(entry, utc_offset_minutes));
  if (timeline.entries_size() > 0) std::fputs(entries.Render().c_str(), stdout);
}

int Show(const PatientOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kRead, &connection); !s.ok()) return Fail(s);
  PatientReport report;
  if (Status s = LoadReport(connection, o, &report); !s.ok()) return Fail(s);
  if (o.archive.json) {
    // One document: the patient, the encounters and the newest timeline entries.
    std::printf("{\n\"patient\": %s,\n\"encounters\": %s,\n\"timeline\": %s}\n",
                ToJson(report.patient).c_str(), ToJson(report.encounters).c_str(),
                ToJson(report.timeline).c_str());
    return 0;
  }
  int offset = 480;
  if (Status s = connection.UtcOffsetMinutes(&offset); !s.ok()) return Fail(s);
  PrintFacts(report.patient);
  PrintEncounters(report.encounters);
  PrintTimeline(report.timeline, offset);
  return 0;
}

int Search(const PatientOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kRead, &connection); !s.ok()) return Fail(s);
  v1::ListPatientsRequest request;
  request.set_name_contains(o.name);
  request.set_phone(o.phones.empty() ? "" : o.phones.back());
  request.set_region_prefix(o.region);
  request.set_mrn(o.mrn);
  std::int64_t limit = 0;
  if (Status s = ParseNumberFlag(o.limit, "--limit", &limit); !s.ok()) return Fail(s);
  request.set_page_size(static_cast<std::int32_t>(limit));
  v1::ListPatientsResponse response;
  if (Status s = connection.Call("kefu.v1.PatientService/ListPatients", request, &response);
      !s.ok()) {
    return Fail(s);
  }
  if (PrintedAsJson(o.archive, response)) return 0;
  Table table({"id", "mrn", "name", "sex", "born", "phones", "region", "status"});
  for (const auto& p : response.patients()) {
    table.Add({std::to_string(p.id()), Printable(p.mrn()), Printable(p.name()),
               EnumWords(v1::Sex_Name(p.sex()), "SEX_"), DateText(p.birth_date()),
               Printable(Phones(p)), Printable(p.region_code()),
               EnumWords(v1::PatientStatus_Name(p.status()), "PATIENT_STATUS_")});
  }
  if (response.patients_size() > 0) std::fputs(table.Render().c_str(), stdout);
  std::printf("%s%s\n", Count(response.patients_size(), "patient").c_str(),
              response.next_page_token().empty() ? "" : " (more: raise --limit)");
  return 0;
}

}  // namespace

void AddPatientCommands(CLI::App& app) {
  CLI::App* patient = app.add_subcommand("patient", "add, show and search patients in an archive");
  patient->require_subcommand(1);

  auto add = std::make_shared<PatientOptions>();
  CLI::App* sub = patient->add_subcommand("add", "create a patient");
  AddArchiveOptions(sub, &add->archive, Access::kWrite);
  sub->add_option("--mrn", add->mrn, "the hospital's patient number (unique)")->required();
  sub->add_option("--name", add->name, "the patient's name")->required();
  sub->add_option("--sex", add->sex, "M or F (男 or 女)");
  sub->add_option("--birth", add->birth, "birth date")->type_name("DATE");
  sub->add_option("--phone", add->phones, "a phone number; repeat for several")
      ->type_name("NUMBER")
      ->allow_extra_args(false);
  sub->add_option("--address", add->address, "postal address");
  sub->add_option("--region", add->region, "administrative division code, e.g. 131002")
      ->type_name("CODE");
  auto* local = sub->add_flag("--local", add->local, "lives locally (local cadences apply)");
  sub->add_flag("--out-of-town", add->out_of_town, "lives out of town")->excludes(local);
  OnRun(sub, [add] { return Add(*add); });

  auto show = std::make_shared<PatientOptions>();
  sub =
      patient->add_subcommand("show", "a patient's record, encounters and newest timeline entries");
  AddArchiveOptions(sub, &show->archive, Access::kRead);
  auto* mrn = sub->add_option("--mrn", show->mrn, "the patient's MRN");
  sub->add_option("--id", show->id, "or kefu's patient id")->excludes(mrn);
  OnRun(sub, [show] { return Show(*show); });

  auto search = std::make_shared<PatientOptions>();
  sub = patient->add_subcommand("search", "find patients; every filter given must match");
  AddArchiveOptions(sub, &search->archive, Access::kRead);
  sub->add_option("--name", search->name, "a fragment of the name")->type_name("FRAGMENT");
  sub->add_option("--phone", search->phones,
                  "a number of the patient or a family member (spaces and hyphens ignored)")
      ->type_name("NUMBER")
      ->allow_extra_args(false);
  sub->add_option("--region", search->region, "region codes starting with this")
      ->type_name("PREFIX");
  sub->add_option("--mrn", search->mrn, "exactly this MRN");
  sub->add_option("--limit", search->limit, "at most N patients (default 50, at most 1000)")
      ->type_name("N");
  OnRun(sub, [search] { return Search(*search); });
  AddPatientExportCommand(patient);
}

}  // namespace kefu::cli
