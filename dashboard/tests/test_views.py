from accounts.models import Role
from accounts.tests.factories import StaffFactory
from citizens.tests.factories import CitizenFactory
from dashboard.selectors import protect


def test_small_numbers_are_protected():
    assert [protect(n) for n in (0, 1, 4, 5, 120)] == [0, "< 5", "< 5", 5, 120]


def test_citizen_home_names_the_consultant(client, citizen):
    client.force_login(citizen.user)
    body = client.get("/").content.decode()
    assert f"Velkommen, {citizen.user.name}" in body
    assert citizen.responsible_consultant.name in body


def test_consultant_home_lists_own_citizens_only(client, consultant, citizen, other_citizen):
    client.force_login(consultant)
    body = client.get("/").content.decode()
    assert citizen.user.name in body and other_citizen.user.name not in body
    assert "Mine borgere (1)" in body


def test_team_leader_sees_team_caseloads(client, centre, consultant, citizen):
    from centres.tests.factories import TeamFactory

    team = TeamFactory(job_centre=centre, name="Team Vest")
    consultant.team = team
    consultant.save()
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=team)
    client.force_login(leader)
    body = client.get("/").content.decode()
    assert "Team Vest" in body and consultant.name in body


def test_manager_sees_the_centre_in_numbers_with_small_cells_protected(
    client, centre, other_centre
):
    for _ in range(6):
        CitizenFactory(job_centre=centre)
    CitizenFactory(job_centre=centre, benefit_type="kontanthjaelp")
    for _ in range(9):
        CitizenFactory(job_centre=other_centre)
    client.force_login(StaffFactory(job_centre=centre, role=Role.MANAGER))
    response = client.get("/")
    rows = {row["label"]: row for row in response.context["citizen_rows"]}
    assert response.context["citizen_total"] == 7
    assert rows["Dagpenge"]["cells"][0] == 6
    assert rows["Kontanthjælp"]["cells"][0] == "< 5"


def test_consultant_home_query_count_does_not_grow_with_the_caseload(
    client, consultant, django_assert_max_num_queries
):
    client.force_login(consultant)
    for _ in range(2):
        CitizenFactory(job_centre=consultant.job_centre, responsible_consultant=consultant)
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    for _ in range(8):
        CitizenFactory(job_centre=consultant.job_centre, responsible_consultant=consultant)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_team_leader_without_a_team_sees_no_members(client, centre, consultant):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    client.force_login(leader)
    response = client.get("/")
    assert list(response.context["members"]) == []
    assert "Du er ikke med i et team endnu" in response.content.decode()
