// Personal data: phone, ID and address numbers masked unless the actor's role may see them; a
// follow-up agent sees the numbers of the patients it is given to call; every read in full is in
// the access log an auditor lists; a patient's whole record exported as one document.
#include "access/access_fixture.hpp"

namespace kefu_test {
namespace {

constexpr const char* kIdNumber = "11010519491231002X";
constexpr const char* kAddress = "河北省廊坊市广阳区新华路12号";

class Privacy : public AccessArchive {
 protected:
  void SetUp() override {
    AccessArchive::SetUp();
    Staff("his", "his_interface");
    patient_ =
        Create("P1", std::string(R"("idNumber": ")") + kIdNumber + R"(", "address": ")" + kAddress +
                         R"(", "family": [{"name": "李娜", "phone": "13900001111"}])");
  }
  kefu::v1::ListAccessLogResponse Log(const std::string& filter = "{}") {
    const std::string back = Current();
    Staff("qian.auditor", "auditor");
    const auto log =
        Ok<kefu::v1::ListAccessLogResponse>("kefu.v1.AuditService/ListAccessLog", filter);
    As(back);
    return log;
  }
  kefu::v1::Patient patient_;
};

TEST_F(Privacy, MaskedUnlessTheRoleMaySeeInFull) {
  Staff("gao.consultant", "consultant");
  const auto masked = Patient("P1");
  const std::string phone = Phone("P1");
  EXPECT_EQ(masked.phones(0).number(), phone.substr(0, 3) + "****" + phone.substr(7));
  EXPECT_EQ(masked.family(0).phone(), "139****1111");
  EXPECT_EQ(masked.id_number(), "110***********002X");
  EXPECT_EQ(masked.address(), "河北省廊坊市" + std::string(std::string(kAddress).size() - 18, '*'));
  EXPECT_EQ(masked.name(), "张伟") << "only the numbers and the address are masked";
  const auto listed =
      Ok<kefu::v1::ListPatientsResponse>("kefu.v1.PatientService/ListPatients", "{}");
  EXPECT_EQ(listed.patients(0).id_number(), "110***********002X");
  EXPECT_EQ(Log().entries_size(), 0) << "a masked read is not a read in full";

  Staff("zhao.gm", "general_manager");
  const auto full = Patient("P1");
  EXPECT_EQ(full.phones(0).number(), phone);
  EXPECT_EQ(full.id_number(), kIdNumber);
  EXPECT_EQ(full.address(), kAddress);
  const auto log = Log();
  ASSERT_EQ(log.entries_size(), 1);
  EXPECT_EQ(log.entries(0).actor(), "zhao.gm");
  EXPECT_EQ(log.entries(0).method(), "kefu.v1.PatientService/GetPatient");
  EXPECT_EQ(log.entries(0).patient_id(), patient_.id());
  EXPECT_EQ(log.entries(0).at_ms(), kMonday);
}

TEST_F(Privacy, TheAccessLogIsQueriedByPatientAndByActor) {
  Create("P2");
  Staff("doc.wu", "doctor");
  Patient("P1");
  Patient("P2");
  Staff("zhao.gm", "general_manager");
  Ok<kefu::v1::ListPatientsResponse>("kefu.v1.PatientService/ListPatients", "{}");
  EXPECT_EQ(Log().entries_size(), 4);
  EXPECT_EQ(Log(R"({"actor": "doc.wu"})").entries_size(), 2);
  EXPECT_EQ(Log(R"({"patientId": ")" + std::to_string(patient_.id()) + "\"}").entries_size(), 2);
  Staff("gao.consultant", "consultant");
  Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.AuditService/ListAccessLog", "{}");
}

TEST_F(Privacy, AnAuditorSeesChangesWithTheNumbersMasked) {
  Staff("qian.auditor", "auditor");
  const auto list =
      Ok<kefu::v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit",
                                      R"({"patientId": ")" + std::to_string(patient_.id()) + "\"}");
  ASSERT_GE(list.entries_size(), 1);
  const std::string& after = list.entries(0).after_json();
  EXPECT_EQ(after.find(kIdNumber), std::string::npos) << after;
  EXPECT_EQ(after.find(Phone("P1")), std::string::npos) << after;
  EXPECT_NE(after.find("110***********002X"), std::string::npos) << after;
}

TEST_F(Privacy, AnAgentSeesTheNumbersOfThePatientsItIsGivenToCall) {
  Create("P2");
  Discharge("P1", "2026-11-20");
  Discharge("P2", "2026-11-20");
  Staff("wang.agent", "followup_agent");
  Staff("li.agent", "followup_agent");
  As(kAdmin);
  for (const char* staff : {"wang.agent", "li.agent"}) {
    Ok<kefu::v1::StaffMember>(
        "kefu.v1.FollowUpConfigService/PutStaff",
        std::string(R"({"staff": {"id": ")") + staff +
            R"(", "shifts": ["night"], "capacityPerShift": 1, "active": true}})");
  }
  // Before the day is scheduled every task is the team's: each agent may take any.
  As("wang.agent");
  const auto before = Worklist();
  ASSERT_EQ(before.items_size(), 2);
  for (const auto& item : before.items()) {
    EXPECT_EQ(item.patient().phones(0).number(), Phone(item.patient().mrn()));
    EXPECT_EQ(item.patient().address().find("广阳区"), std::string::npos)
        << "the address stays masked";
  }
  Staff("he.lead", "team_lead");
  const auto scheduled = Ok<kefu::v1::ScheduleResponse>("kefu.v1.FollowUpService/Schedule", "{}");
  ASSERT_EQ(scheduled.assigned_size(), 2);
  As("wang.agent");
  int full = 0, masked = 0;
  const auto after = Worklist();
  for (const auto& item : after.items()) {
    const bool mine = item.task().assigned_staff() == "wang.agent";
    EXPECT_EQ(item.patient().phones(0).number() == Phone(item.patient().mrn()), mine);
    (mine ? full : masked)++;
  }
  EXPECT_EQ(full, 1);
  EXPECT_EQ(masked, 1);
  EXPECT_EQ(Log().entries_size(), 0) << "an agent's own calls are not reads in full";
  Staff("gao.consultant", "consultant");
  Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.FollowUpService/Worklist", "{}");
}

TEST_F(Privacy, APatientsDataIsExportedWhole) {
  Discharge("P1", "2026-11-20");
  Ok<kefu::v1::Note>("kefu.v1.TimelineService/AddNote",
                     R"({"note": {"patientMrn": "P1", "text": "家属要求复印病历"}})");
  Staff("gao.consultant", "consultant");
  Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.AccessService/ExportPatientData", R"({"mrn": "P1"})");
  Staff("xu.clerk", "archive_clerk");
  const auto exported = Ok<kefu::v1::PatientDataExport>("kefu.v1.AccessService/ExportPatientData",
                                                        R"({"mrn": "P1"})");
  EXPECT_EQ(exported.patient().id_number(), kIdNumber);
  EXPECT_EQ(exported.encounters_size(), 1);
  EXPECT_EQ(exported.plans_size(), 1);
  EXPECT_GE(exported.tasks_size(), 1);
  EXPECT_GE(exported.timeline_size(), 2);
  EXPECT_GE(exported.audit_size(), 3) << "the patient, the stay, the plan at least";
  EXPECT_EQ(exported.exported_by(), "xu.clerk");
  EXPECT_EQ(exported.exported_at_ms(), kMonday);
  const auto log = Log();
  ASSERT_EQ(log.entries_size(), 1);
  EXPECT_EQ(log.entries(0).method(), "kefu.v1.AccessService/ExportPatientData");
  Fails(KEFU_ERR_NOT_FOUND, "kefu.v1.AccessService/ExportPatientData", R"({"mrn": "P404"})");
}

TEST_F(Privacy, AnIdNumberMustBeOne) {
  As("his");
  EXPECT_EQ(
      Fails(KEFU_ERR_INVALID_ARGUMENT, "kefu.v1.PatientService/CreatePatient",
            R"({"patient": {"mrn": "P9", "name": "王芳", "idNumber": "110105194912310021"}})"),
      "patient.id_number is \"110105194912310021\": its check character should be X "
      "(mistyped?)");
  Fails(KEFU_ERR_INVALID_ARGUMENT, "kefu.v1.PatientService/CreatePatient",
        R"({"patient": {"mrn": "P9", "name": "王芳", "idNumber": "12345"}})");
  const auto lower = Create("P9", R"("idNumber": "11010519491231002x")");
  EXPECT_EQ(lower.id_number(), kIdNumber);
}

}  // namespace
}  // namespace kefu_test
