"""Who may do what, from Python: an archive created with an administrator checks every call;
roles and actors are managed from a session; denials raise kefu.PermissionDenied naming the
permission; personal data is masked unless the role may see it; full reads are in the access
log; a patient's data is exported whole."""
import datetime

import pytest

import kefu


@pytest.fixture
def guarded():
    with kefu.open(":memory:", admin="admin.li") as archive:
        with archive.session("admin.li") as admin:
            for name, role in (("xu.clerk", "archive_clerk"), ("gao", "consultant"),
                               ("qian", "auditor"), ("zhao", "general_manager")):
                admin.put_actor(name)
                admin.grant(name, role)
        yield archive


def test_a_new_archive_with_an_administrator_checks_every_call(guarded):
    with guarded.session("admin.li") as admin:
        access = admin.access()
        assert access.enforced and list(access.roles) == ["administrator"]
    with guarded.session("stranger") as stranger:
        with pytest.raises(kefu.PermissionDenied, match="it is not known to this archive"):
            stranger.get_patient(mrn="H1")
    with guarded.session("gao") as consultant:
        with pytest.raises(kefu.PermissionDenied, match='needs permission "report.read"'):
            consultant.report(datetime.date(2026, 11, 1), datetime.date(2026, 11, 7))


def test_roles_and_actors_are_managed_from_a_session(guarded):
    with guarded.session("admin.li") as admin:
        assert "general_manager" in [r.name for r in admin.roles()]
        role = admin.put_role("figures", ["report.read", "patient.read"], description="weekly figures")
        assert list(role.permissions) == ["patient.read", "report.read"]
        admin.grant("gao", "figures")
        assert [a.name for a in admin.actors(role="figures")] == ["gao"]
        with pytest.raises(kefu.InvalidArgument, match=r'role.permissions\[0\] is "report.reed"'):
            admin.put_role("typo", ["report.reed"])
        with pytest.raises(kefu.PermissionDenied, match="may not grant a role to itself"):
            admin.grant("admin.li", "general_manager")
        with pytest.raises(kefu.InvalidArgument, match="kind is 'robot'"):
            admin.put_actor("r2", kind="robot")
        assert admin.put_actor("his", kind="system").kind == kefu.v1.access_pb2.ACTOR_KIND_SYSTEM
    with guarded.session("gao") as consultant:
        consultant.report(datetime.date(2026, 11, 1), datetime.date(2026, 11, 7))


def test_masked_unless_the_role_may_see_in_full_and_full_reads_are_logged(guarded):
    with guarded.session("xu.clerk") as clerk:
        created = clerk.create_patient(mrn="H1", name="张伟", phones=["13800000001"],
                                       id_number="11010519491231002X", address="河北省廊坊市广阳区新华路12号")
    with guarded.session("gao") as consultant:
        masked = consultant.get_patient(mrn="H1")
        assert masked.phones[0].number == "138****0001"
        assert masked.id_number == "110***********002X"
        assert masked.address.startswith("河北省廊坊市*")
    with guarded.session("zhao") as manager:
        assert manager.get_patient(mrn="H1").phones[0].number == "13800000001"
    with guarded.session("qian") as auditor:
        log = list(auditor.access_log(patient_id=created.id))
        assert [(e.actor, e.method) for e in log] == [("zhao", "kefu.v1.PatientService/GetPatient")]
    with guarded.session("xu.clerk") as clerk:
        exported = clerk.export_patient(mrn="H1")
        assert exported.patient.id_number == "11010519491231002X"
        assert exported.exported_by == "xu.clerk" and len(exported.audit) >= 1


def test_an_archive_without_an_administrator_checks_nothing_until_one_turns_it_on():
    with kefu.open(":memory:") as archive:
        with archive.session("nurse-0042") as nurse:
            nurse.create_patient(mrn="H1", name="张伟", phones=["13800000001"])
            assert not nurse.access().enforced
            assert nurse.get_patient(mrn="H1").phones[0].number == "13800000001"
            with pytest.raises(kefu.FailedPrecondition, match="not an active administrator"):
                nurse.set_enforcement(True)
            nurse.put_actor("alice")
            nurse.grant("alice", "administrator")
        with archive.session("alice") as alice:
            assert alice.set_enforcement(True).enforced
            assert alice.clock().utc_offset_minutes == 480
        with archive.session("nurse-0042") as nurse:
            with pytest.raises(kefu.PermissionDenied):
                nurse.get_patient(mrn="H1")
